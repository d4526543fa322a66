"""The Massage techniques page, short on a phone: when to take care (once, open, before any
technique), then each technique as its heading and a section that opens (the article's words,
what it does and feels like, who it may suit, the evidence, where on the body).

The article's own words for each technique are complete and verbatim inside its card's "More
about" section; the care list is never behind a tap (issue 25: warnings stay open).
"""

from __future__ import annotations

import streamlit as st

from sciatica_guide.article.page import (
    evidence_notes_markdown,
    section_markdown,
    technique_card_markdown,
)
from sciatica_guide.article.technique_figure import render_technique_figure
from sciatica_guide.content import Content
from sciatica_guide.content.article import ArticleSection
from sciatica_guide.content.models import Technique
from sciatica_guide.text import escape_markdown
from sciatica_guide.ui.blocks import NOTE_CLASS, attribution, html_block, render_page_header
from sciatica_guide.ui.country import session_help
from sciatica_guide.ui.glossary_view import render_words_explained
from sciatica_guide.ui.show_technique import PENDING_KEY, show_pending_technique


def care_markdown(content: Content, techniques: list[Technique], number: str) -> str:
    """Every precaution that applies to any technique on the page, once, in the content's order;
    an item that applies to only some of them says which."""
    labels = content.site.labels
    applies: dict[str, list[str]] = {}
    for technique in techniques:
        for precaution in content.precautions_for_technique(technique.id):
            applies.setdefault(precaution.id, []).append(technique.name.lower())
    lines = []
    for precaution in content.precautions.precautions:
        names = applies.get(precaution.id)
        if not names:
            continue
        which = ""
        if len(names) < len(techniques):
            joined = content.join_words(names)
            which = " " + escape_markdown(labels.technique_applies_to.format(techniques=joined))
        lines.append(
            f"- **{escape_markdown(precaution.label)}**{which}: "
            f"{escape_markdown(precaution.advice_text(number))}"
        )
    heading = escape_markdown(labels.techniques_care_heading)
    return html_block(NOTE_CLASS, f"**{heading}**\n\n" + "\n".join(lines))


def _render_card(content: Content, section: ArticleSection, technique: Technique) -> None:
    labels = content.site.labels
    # A small heading: three of them and their sections fit a phone's screen with the care list.
    st.markdown(f"#### {escape_markdown(section.heading)}")
    # Opened by itself when the body map's "Read about …" led here for this technique.
    pending = st.session_state.get(PENDING_KEY) == technique.id
    with st.expander(
        labels.technique_more.format(technique=technique.name.lower()),
        expanded=pending,
        key=f"technique-more-{technique.id}",
    ):
        # One element: the article's words first, verbatim; then the guide's card and notes.
        words = [escape_markdown(p) for p in section.paragraphs]
        card = technique_card_markdown(content, technique, session_help().number, care=False)
        notes = evidence_notes_markdown(content, section.heading)
        st.markdown("\n\n".join([*words, card, *notes]), unsafe_allow_html=True)
        render_technique_figure(content, technique.id)


def render_techniques_page(content: Content, page_id: str) -> None:
    page = content.page(page_id)
    render_page_header(content, page)
    techniques = content.techniques.techniques
    number = session_help().number
    care = care_markdown(content, techniques, number)
    st.markdown(care, unsafe_allow_html=True)
    for heading in page.article_sections:
        parent = next(s for s in content.article.sections if s.heading == heading)
        # The article's own heading and words for the section, attributed, open on request;
        # each technique's words are in its own section below.
        with st.expander(content.site.labels.techniques_article, key="techniques-article"):
            words = [f"### {escape_markdown(parent.heading)}"]
            words += [escape_markdown(p) for p in parent.paragraphs]
            st.markdown("\n\n".join([*words, f":small[{attribution(content)}]"]))
        for child in parent.children:
            technique = next((t for t in techniques if t.article_section == child.heading), None)
            if technique is None:
                st.markdown(f"#### {escape_markdown(child.heading)}")
                st.markdown("\n\n".join(escape_markdown(p) for p in child.paragraphs))
            else:
                _render_card(content, child, technique)
    # The words of everything above, open or not: the care list, the article's words, each card.
    shown = [care]
    for section in content.article.sections:
        if section.heading in page.article_sections:
            shown.append(section_markdown(content, section, number))
            shown += [section_markdown(content, c, number) for c in section.children]
    shown += [technique_card_markdown(content, t, number) for t in techniques]
    render_words_explained(content, shown, key="words-techniques")
    # Opened from the body map's "Read about …": go to that technique.
    show_pending_technique(content)
