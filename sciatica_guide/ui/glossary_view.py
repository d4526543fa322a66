"""Tap-to-explain: a closed "What these words mean" list under a page, with each glossary word
the page uses (content/glossary.yaml): its plain name first, then what it means."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from sciatica_guide.content import Content
from sciatica_guide.content.glossary import entries_for
from sciatica_guide.content.glossary_models import GlossaryEntry
from sciatica_guide.text import escape_markdown


def words_explained_markdown(content: Content, entries: Iterable[GlossaryEntry]) -> str:
    """One line per word: **plain name** (the word): what it means."""
    del content  # the words come whole from each entry
    return "\n".join(
        f"- **{escape_markdown(e.plain)}** ({escape_markdown(e.term)}): "
        f"{escape_markdown(e.definition)}"
        for e in entries
    )


def render_words_explained(content: Content, texts: Iterable[str], *, key: str) -> None:
    """The list for the glossary words in `texts`, closed; nothing when there are none."""
    entries = entries_for(content, texts)
    if not entries:
        return
    label = content.site.labels.words_explained.format(count=len(entries))
    with st.expander(label, icon=":material/menu_book:", key=key):
        st.markdown(words_explained_markdown(content, entries))
