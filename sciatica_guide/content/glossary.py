"""Which glossary words a text uses: pure lookups for the screens' tap-to-explain and the handout.

A term or form counts as a whole word, in any case: "S1" is not found in "S10", "DVT" is found in
"(DVT)". Where two names overlap, the longest wins ("cauda equina syndrome" over "cauda equina").
No Streamlit here: the screens decide how a found word is shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sciatica_guide.content.glossary_models import GlossaryEntry, GlossaryFile
from sciatica_guide.content.models import Content

__all__ = ["Mention", "entries_for", "first_mentions", "mentions", "terms_in"]


@dataclass(frozen=True)
class Mention:
    """One place in a text where a glossary word is written."""

    entry: GlossaryEntry
    #: Where it is: text[start:end] is the word as written there.
    start: int
    end: int
    text: str


def _glossary(source: GlossaryFile | Content) -> GlossaryFile:
    return source.glossary if isinstance(source, Content) else source


def mentions(source: GlossaryFile | Content, text: str) -> list[Mention]:
    """Every place a glossary word is written in the text, in order, never overlapping."""
    glossary = _glossary(source)
    found: list[Mention] = []
    for match in glossary.pattern.finditer(text):
        entry = glossary.entry_named(match.group())
        if entry is not None:
            found.append(Mention(entry, match.start(), match.end(), match.group()))
    return found


def first_mentions(source: GlossaryFile | Content, text: str) -> list[Mention]:
    """The first place each entry is written in the text, in order: where a screen explains it."""
    seen: set[str] = set()
    first: list[Mention] = []
    for mention in mentions(source, text):
        if mention.entry.id not in seen:
            seen.add(mention.entry.id)
            first.append(mention)
    return first


def terms_in(source: GlossaryFile | Content, text: str) -> list[GlossaryEntry]:
    """The entries whose term or a form the text uses, each once, in order of first use."""
    return [mention.entry for mention in first_mentions(source, text)]


def entries_for(source: GlossaryFile | Content, texts: Iterable[str]) -> list[GlossaryEntry]:
    """The entries several texts use (a page, a panel, the handout), each once, in order of first
    use across the texts."""
    seen: set[str] = set()
    entries: list[GlossaryEntry] = []
    for text in texts:
        for entry in terms_in(source, text):
            if entry.id not in seen:
                seen.add(entry.id)
                entries.append(entry)
    return entries
