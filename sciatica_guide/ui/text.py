"""Helpers that turn content strings into safe Markdown."""

from __future__ import annotations

import re

# Characters Markdown (and Streamlit's LaTeX and emoji shortcodes) would otherwise interpret.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}<>$#|~:])")


def escape_markdown(text: str) -> str:
    """Show text exactly as written, whatever characters it holds."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def unescape_markdown(text: str) -> str:
    """The inverse of escape_markdown: what a reader sees."""
    return re.sub(r"\\([\\`*_\[\]{}<>$#|~:])", r"\1", text)
