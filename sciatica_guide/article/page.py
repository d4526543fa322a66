"""Render the article verbatim, with the guide's evidence notes and technique cards beside it.

Each article section is drawn as its heading and ONE Markdown element holding its paragraphs,
its technique card and its evidence notes: every element costs Streamlit a message, a hash and
a websocket frame on every rerun (docs/performance.md). The guide's additions stay visibly apart
from the article's words: they sit in boxes (CSS classes in guide.css). The Markdown is built on
every run: all sections together take about 0.1 ms (benchmarks/build_costs.py).

The boxes need unsafe_allow_html (a <div class=...>), so every content string inside them is
escaped (text.escape_markdown): a snippet pasted into the content shows as text, never as a
link, form or image from another host. The loader refuses such snippets too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from sciatica_guide.article.technique_figure import render_technique_figure
from sciatica_guide.content import Content
from sciatica_guide.content.article import ArticleSection
from sciatica_guide.content.models import Technique
from sciatica_guide.local_help import settings_help
from sciatica_guide.text import escape_markdown
from sciatica_guide.ui.blocks import (
    CARD_CLASS,
    CARD_GRID_CLASS,
    NOTE_CLASS,
    attribution,
    html_block,
    render_page_header,
    sources_line,
)
from sciatica_guide.ui.country import session_help
from sciatica_guide.ui.glossary_view import render_words_explained
from sciatica_guide.ui.read_aloud import render_read_aloud
from sciatica_guide.ui.show_technique import show_pending_technique
from sciatica_guide.ui.state import get_settings


def evidence_notes_markdown(content: Content, heading: str) -> list[str]:
    """Each evidence note for a section as a boxed block: its text, then its sources."""
    label = escape_markdown(content.site.labels.evidence_note)
    return [
        html_block(
            NOTE_CLASS,
            f"**{label}:** {escape_markdown(note.text)}\n\n{sources_line(content, note.sources)}",
        )
        for note in content.notes_for(heading)
    ]


def technique_card_markdown(
    content: Content, technique: Technique, number: str, *, care: bool = True
) -> str:
    """A technique's card: what it does and feels like, who it may suit, evidence, and (with
    `care`) when to take care; the techniques page lists that once, above its cards."""
    labels = content.site.labels
    does, feels, suits, evidence, care_label, effects = (
        escape_markdown(label)
        for label in (
            labels.technique_card_does,
            labels.technique_card_feels,
            labels.technique_card_suits,
            labels.technique_card_evidence,
            labels.technique_card_care,
            labels.technique_card_effects,
        )
    )
    t = technique
    left = (
        f"**{does}**\n\n{escape_markdown(t.what_it_does)}\n\n"
        f"**{feels}**\n\n{escape_markdown(t.feels_like)}"
    )
    right = (
        f"**{suits}**\n\n{escape_markdown(t.may_suit)}\n\n"
        f"**{evidence}:** {escape_markdown(t.evidence_level)}\n\n"
        f"{escape_markdown(t.evidence)}"
    )
    parts = [html_block(CARD_GRID_CLASS, html_block("", left) + "\n" + html_block("", right))]
    applies = content.precautions_for_technique(technique.id) if care else []
    if applies:
        parts.append(
            f"**{care_label}:**\n\n"
            + "\n".join(
                f"- {escape_markdown(p.label)}: {escape_markdown(p.advice_text(number))}"
                for p in applies
            )
        )
    parts.append(f"**{effects}:** {escape_markdown(t.common_effects)}")
    parts.append(sources_line(content, technique.sources))
    return html_block(CARD_CLASS, "\n\n".join(parts))


def _technique_of(content: Content, section: ArticleSection) -> Technique | None:
    return next(
        (t for t in content.techniques.techniques if t.article_section == section.heading), None
    )


def section_markdown(
    content: Content, section: ArticleSection, emergency_number: str | None = None
) -> str:
    """One section below its heading: paragraphs (verbatim), technique card, evidence notes.
    `emergency_number`: the session's words for it (LocalHelp.number); the deployment's country
    when not given."""
    number = emergency_number or settings_help(content, get_settings()).number
    parts: list[str] = []
    if section.level > 2:
        # Deeper headings have no anchor or divider: they are part of the section's text.
        parts.append(f"#### {escape_markdown(section.heading)}")
    parts.extend(escape_markdown(p) for p in section.paragraphs)
    technique = _technique_of(content, section)
    if technique:
        parts.append(technique_card_markdown(content, technique, number))
    parts.extend(evidence_notes_markdown(content, section.heading))
    return "\n\n".join(parts)


def _heading(section: ArticleSection, anchor: str | None) -> None:
    text = escape_markdown(section.heading)
    if section.level <= 1:
        st.header(text, anchor=anchor)
    elif section.level == 2:
        st.subheader(text, anchor=anchor, divider="gray")


def render_section(
    content: Content, section: ArticleSection, *, with_children: bool = True
) -> list[str]:
    """Draw a section (and its subsections); return the words it drew (its heading, then its
    Markdown), for the list of words it explains."""
    technique = _technique_of(content, section)
    _heading(section, anchor=technique.id if technique else None)
    body = section_markdown(content, section, session_help().number)
    if body:
        st.markdown(body, unsafe_allow_html=True)
    if technique:
        render_technique_figure(content, technique.id)
    drawn = [section.heading, body]
    if with_children:
        for child in section.children:
            drawn += render_section(content, child)
    return drawn


def article_words(content: Content, headings: Sequence[str]) -> str:
    """The article's own words under `headings` (their sections and subsections), as read
    aloud: plain text, in order."""
    lines: list[str] = []

    def add(section: ArticleSection) -> None:
        lines.append(section.heading + ".")
        lines.extend(section.paragraphs)
        for child in section.children:
            add(child)

    for section in content.article.sections:
        if section.heading in headings:
            add(section)
    return "\n".join(lines)


def render_article_page(
    content: Content, page_id: str, after: Callable[[Content], list[str]] | None = None
) -> None:
    """A page made of article sections: header, attribution, then each section verbatim.
    `after` draws the guide's own part below them (Beyond massage: the movements) and returns
    its words, which the list of words explained covers too."""
    page = content.page(page_id)
    render_page_header(content, page)
    st.caption(attribution(content))
    render_read_aloud(content, article_words(content, page.article_sections), key=f"read-{page_id}")
    shown: list[str] = []
    for heading in page.article_sections:
        section = next(s for s in content.article.sections if s.heading == heading)
        shown += render_section(content, section)
    if after is not None:
        shown += after(content)
    render_words_explained(content, shown, key=f"words-{page_id}")
    # Opened from the body map's "Read about …": go to that technique.
    show_pending_technique(content)
