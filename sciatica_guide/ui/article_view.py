"""Render the article verbatim, with the guide's evidence notes and technique cards beside it."""

from __future__ import annotations

import streamlit as st

from sciatica_guide.content import Content
from sciatica_guide.content.article import ArticleSection
from sciatica_guide.content.models import PageSpec, Technique
from sciatica_guide.ui.text import escape_markdown


def attribution(content: Content) -> str:
    meta = content.site.article
    return content.site.attribution.format(
        title=meta.title, publisher=meta.publisher, date=meta.date
    )


def source_list(content: Content, source_ids: list[str]) -> str:
    return "; ".join(content.source(sid).short for sid in source_ids)


def render_page_header(content: Content, page: PageSpec) -> None:
    st.title(page.title)
    if page.lead:
        st.markdown(page.lead)


def render_evidence_notes(content: Content, heading: str) -> None:
    for note in content.notes_for(heading):
        with st.container(border=True):
            st.markdown(f"**{content.site.labels['evidence_note']}:** {note.text}")
            st.caption(f"{content.site.labels['sources']}: {source_list(content, note.sources)}")


def render_technique_card(content: Content, technique: Technique) -> None:
    labels = content.site.labels
    with st.container(border=True, key=f"technique-card-{technique.id}"):
        left, right = st.columns(2)
        left.markdown(f"**{labels['technique_card_does']}**\n\n{technique.what_it_does}")
        left.markdown(f"**{labels['technique_card_feels']}**\n\n{technique.feels_like}")
        right.markdown(f"**{labels['technique_card_suits']}**\n\n{technique.may_suit}")
        right.markdown(
            f"**{labels['technique_card_evidence']}:** {technique.evidence_level}\n\n"
            f"{technique.evidence}"
        )
        care = content.precautions_for_technique(technique.id)
        if care:
            st.markdown(
                f"**{labels['technique_card_care']}:**\n\n"
                + "\n".join(f"- {p.label}: {p.advice}" for p in care)
            )
        st.markdown(f"**{labels['technique_card_effects']}:** {technique.common_effects}")
        st.caption(f"{labels['sources']}: {source_list(content, technique.sources)}")


def _heading(section: ArticleSection, anchor: str | None) -> None:
    text = escape_markdown(section.heading)
    if section.level <= 1:
        st.header(text, anchor=anchor)
    elif section.level == 2:
        st.subheader(text, anchor=anchor, divider="gray")
    else:
        st.markdown(f"#### {text}")


def render_section(
    content: Content, section: ArticleSection, *, with_children: bool = True
) -> None:
    technique = next(
        (t for t in content.techniques.techniques if t.article_section == section.heading), None
    )
    _heading(section, anchor=technique.id if technique else None)
    if section.paragraphs:
        # One element for all of a section's paragraphs: each element costs a message per rerun.
        st.markdown("\n\n".join(escape_markdown(p) for p in section.paragraphs))
    if technique:
        render_technique_card(content, technique)
    render_evidence_notes(content, section.heading)
    if with_children:
        for child in section.children:
            render_section(content, child)


def render_article_page(content: Content, page_id: str) -> None:
    """A page made of article sections: header, attribution, then each section verbatim."""
    page = content.page(page_id)
    render_page_header(content, page)
    st.caption(attribution(content))
    for heading in page.article_sections:
        section = next(s for s in content.article.sections if s.heading == heading)
        render_section(content, section)
