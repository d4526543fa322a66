"""The Sources & safety page: evidence, urgent help, precautions, references, review dates."""

from __future__ import annotations

from typing import Any

import streamlit as st

from sciatica_guide.article.handout_button import render_handout_button
from sciatica_guide.content import Content
from sciatica_guide.settings import Mode, Settings
from sciatica_guide.text import escape_markdown, plain_markdown
from sciatica_guide.ui.blocks import render_page_header, source_list
from sciatica_guide.ui.country import country_options, session_help
from sciatica_guide.ui.frame import red_flag_markdown

#: The page's groups, in order: (anchor, open). Safety stays open (issue 25: urgent help and
#: warnings are never behind a tap); the reference groups open on request.
GROUPS: tuple[tuple[str, bool], ...] = (
    ("disclaimer", True),
    ("urgent-help", False),
    ("precautions", False),
    ("evidence", False),
    ("references", False),
    ("numbers", False),
    ("review", False),
)


def render_sources_page(content: Content, settings: Settings, page_id: str, mode: Mode) -> None:
    """Safety first and open (the disclaimer, urgent help, when massage needs care), then the
    evidence, references, country numbers and review dates, each closed until opened; a list of
    links to every group at the top."""
    # On a clinic tablet no link may lead out of the guide: references lose their web addresses.
    links_out = mode is not Mode.CLINIC
    labels = content.site.labels
    words = content.site.local_help
    help = session_help()
    headings = {
        "disclaimer": labels.disclaimer_heading,
        "urgent-help": content.red_flags.title,
        "precautions": labels.precautions_heading,
        "evidence": labels.evidence_heading,
        "references": labels.references_heading,
        "numbers": words.packs_heading,
        "review": labels.review_heading,
    }
    render_page_header(content, content.page(page_id))
    render_handout_button(content, settings)
    st.markdown(
        " · ".join(f"[{escape_markdown(headings[anchor])}](#{anchor})" for anchor, _ in GROUPS)
    )

    def group(anchor: str) -> Any:
        st.subheader(escape_markdown(headings[anchor]), anchor=anchor)
        if dict(GROUPS)[anchor]:
            return st.container()
        return st.expander(labels.show_group, key=f"group-{anchor}")

    with group("disclaimer"):
        st.markdown(content.site.disclaimer.full)
    with group("urgent-help"):
        st.markdown(red_flag_markdown(content, help))
        for red_flags in content.red_flags.groups:
            st.caption(
                f"{red_flags.why} {labels.sources}: {source_list(content, red_flags.sources)}"
            )
    with group("precautions"):
        number = plain_markdown(help.number)
        st.markdown(
            "\n".join(
                f"- **{p.label}.** {p.advice_text(number)}" for p in content.precautions.precautions
            )
        )
        st.caption(f"{labels.sources}: {source_list(content, content.precautions.sources_default)}")
    with group("evidence"):
        st.markdown(
            "\n".join(
                f"- {point.text} ({source_list(content, point.sources)})"
                for point in content.evidence.summary
            )
        )
    with group("references"):
        st.markdown(
            "\n".join(
                f"{i}. {s.citation}" + (f" <{s.url}>" if s.url and links_out else "")
                for i, s in enumerate(content.sources.sources, start=1)
            )
        )
    # Hazard "stale number": when each country's numbers and services were last checked.
    with group("numbers"):
        st.markdown(
            "\n".join(
                f"- {words.checked.format(country=p.name, date=f'{p.checked:%d %B %Y}')}"
                + (f" {labels.sources}: {source_list(content, p.sources)}" if p.sources else "")
                for p in (content.countries[c] for c in country_options(content, settings))
            )
        )
    with group("review"):
        review = content.site.review
        st.markdown(
            f"- **{labels.last_reviewed}:** {review.last_reviewed:%d %B %Y}\n"
            f"- **{labels.next_review_due}:** {review.next_review_due:%d %B %Y}\n"
            f"- **{labels.reviewed_by}:** {review.reviewed_by}"
        )
