"""Model of glossary.yaml: each technical word the guide or the article uses, with its plain name
and a short definition (the screens' tap-to-explain, and the handout)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cached_property
from typing import Any, Self

from pydantic import Field

from sciatica_guide.content.base import Id, Strict


class GlossaryEntry(Strict):
    """One technical word: how the text writes it, its plain name and what it means."""

    id: Id
    #: The technical word as the text writes it ("gastrocnemius").
    term: str
    #: Its plain name ("big calf muscle"): what the guide's own text says first.
    plain: str
    #: One or two short plain sentences; never a diagnosis, never stronger than the sources.
    definition: str
    #: Other ways the text writes it (plurals, short forms such as "DVT").
    forms: list[str] = []
    sources: list[Id] = Field(min_length=1)

    @property
    def names(self) -> tuple[str, ...]:
        """The term, then its other forms: every way the text may write this word."""
        return (self.term, *self.forms)


def name_key(name: str) -> str:
    """How a term or form is compared: case and runs of spaces do not matter."""
    return " ".join(name.split()).casefold()


#: Chinese characters: written without spaces, so a term is found inside a run of them.
_UNSPACED = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _name_pattern(name: str) -> str:
    """A term or form as a pattern: its spaces match any white space; an end in a spaced
    script may not touch a word character ("S1" is not in "S10"), an end in Chinese may."""
    body = r"\s+".join(re.escape(part) for part in name.split())
    before = "" if _UNSPACED.match(name[0]) else r"(?<!\w)"
    after = "" if _UNSPACED.match(name[-1]) else r"(?!\w)"
    return before + body + after


class GlossaryFile(Strict):
    terms: list[GlossaryEntry] = Field(min_length=1)

    def entry(self, entry_id: str) -> GlossaryEntry | None:
        """The entry with this id, or None for an unknown id."""
        return self._index[1].get(entry_id)

    def entry_named(self, name: str) -> GlossaryEntry | None:
        """The entry whose term or form this is (any case), or None."""
        return self._index[2].get(name_key(name))

    @property
    def pattern(self) -> re.Pattern[str]:
        """Every term and form as whole words, any case, longest first (glossary.py uses it)."""
        return self._index[0]

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        # A copy with other entries builds its own index (the cache is in __dict__).
        copy = super().model_copy(update=update, deep=deep)
        copy.__dict__.pop("_index", None)
        return copy

    @cached_property
    def _index(
        self,
    ) -> tuple[re.Pattern[str], dict[str, GlossaryEntry], dict[str, GlossaryEntry]]:
        # Built once per loaded content (the model is frozen). A name's spaces match any run of
        # white space, and a word character may not touch either end ("S1" is not in "S10").
        by_name: dict[str, GlossaryEntry] = {}
        for entry in self.terms:
            for name in entry.names:
                by_name.setdefault(name_key(name), entry)
        names = sorted(by_name, key=len, reverse=True)
        words = "|".join(_name_pattern(n) for n in names)
        pattern = re.compile(rf"(?:{words})", re.IGNORECASE)
        return pattern, {e.id: e for e in self.terms}, by_name
