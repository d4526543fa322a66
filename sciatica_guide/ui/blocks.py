"""Boxes and lines every page draws around the guide's own words (CSS classes in guide.css).

The boxes need unsafe_allow_html (a <div class=...>), so callers escape every content string
they put inside (text.escape_markdown).
"""

from __future__ import annotations

import streamlit as st

from sciatica_guide.content import Content
from sciatica_guide.content.models import PageSpec
from sciatica_guide.text import escape_markdown

#: CSS classes of the guide's additions (guide.css).
NOTE_CLASS = "guide-note"
CARD_CLASS = "guide-card"
CARD_GRID_CLASS = "guide-card-grid"
SOURCES_CLASS = "guide-sources"


def attribution(content: Content) -> str:
    return content.attribution()


def source_list(content: Content, source_ids: list[str]) -> str:
    return content.source_names(source_ids)


def html_block(css_class: str, markdown: str) -> str:
    """Markdown inside a <div class=...>: blank lines around it keep it Markdown (CommonMark)."""
    return f'<div class="{css_class}">\n\n{markdown}\n\n</div>'


def sources_line(content: Content, source_ids: list[str]) -> str:
    """The small "Sources: ..." line under one of the guide's additions."""
    label = escape_markdown(content.site.labels.sources)
    sources = escape_markdown(source_list(content, source_ids))
    return html_block(SOURCES_CLASS, f"{label}: {sources}")


def render_page_header(content: Content, page: PageSpec) -> None:
    st.title(page.title)
    if page.lead:
        st.markdown(page.lead)


def render_next_steps(content: Content) -> None:
    """The Overview's end: its two next steps, as large links (the page's main actions)."""
    labels = content.site.labels
    st.subheader(labels.next_steps_heading)
    with st.container(key="next-steps", horizontal=True, gap="small"):
        for page_id, label, icon in (
            ("body-map", labels.next_step_map, ":material/accessibility_new:"),
            ("self-assessment", labels.next_step_check, ":material/checklist:"),
        ):
            st.page_link(f"app_pages/{content.page(page_id).script}", label=label, icon=icon)
