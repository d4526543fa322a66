"""Helpers that turn content strings and outside values into safe Markdown."""

from __future__ import annotations

import re

# Characters Markdown (and Streamlit's LaTeX and emoji shortcodes) would otherwise interpret.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}<>$#|~:])")
# Every ASCII punctuation character: CommonMark lets a backslash escape each of them, and escaping
# all of them also stops what a smaller set misses: autolinks ("www.", "https://", "a@b.c"),
# images ("!["), list and heading markers, entities ("&lt;") and Streamlit's ":red[...]".
_ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
#: U+2060: joins nothing visibly, but ends an address for the autolink finder.
WORD_JOINER = "\u2060"
_AUTOLINK_START = re.compile(r"(www|\\:|\\@)", re.IGNORECASE)
# Control and format characters (zero-width joiners, bidi overrides) that could hide or reorder
# what a person reads.
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def escape_markdown(text: str) -> str:
    """Show text exactly as written, whatever characters it holds."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def unescape_markdown(text: str) -> str:
    """The inverse of escape_markdown: what a reader sees."""
    return re.sub(r"\\([\\`*_\[\]{}<>$#|~:])", r"\1", text)


def one_line(text: str) -> str:
    """`text` on one line: every run of whitespace (newlines too) becomes one space, and
    invisible control and format characters are dropped."""
    return " ".join(_INVISIBLE.sub(" ", text).split())


def plain_markdown(text: str) -> str:
    """A value from outside the content folder (a URL, a setting, an error message) as Markdown
    that shows exactly its characters on one line: never a link, image, heading, list or HTML."""
    escaped = _ASCII_PUNCTUATION.sub(r"\\\1", one_line(text))
    # Streamlit's Markdown finds web and email addresses in the text after escapes are resolved
    # (GFM autolink literals), so a backslash cannot stop them: an invisible word joiner after
    # "www", ":" and "@" does, and a reader sees the same characters.
    return _AUTOLINK_START.sub("\\1" + WORD_JOINER, escaped)


def unescape_plain(text: str) -> str:
    """What a reader sees of plain_markdown's output (for tests and comparisons)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text.replace(WORD_JOINER, ""))
