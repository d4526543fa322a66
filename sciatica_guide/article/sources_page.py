"""The Sources & safety page: evidence, urgent help, precautions, references, review dates."""

from __future__ import annotations

import streamlit as st

from sciatica_guide.article.handout_button import render_handout_button
from sciatica_guide.content import Content
from sciatica_guide.settings import Mode, Settings
from sciatica_guide.text import plain_markdown
from sciatica_guide.ui.blocks import render_page_header, source_list
from sciatica_guide.ui.country import country_options, session_help
from sciatica_guide.ui.frame import red_flag_markdown


def render_sources_page(content: Content, settings: Settings, page_id: str, mode: Mode) -> None:
    """The references, urgent help, evidence and review dates."""
    # On a clinic tablet no link may lead out of the guide: references lose their web addresses.
    links_out = mode is not Mode.CLINIC
    labels = content.site.labels
    render_page_header(content, content.page(page_id))
    render_handout_button(content, settings)

    st.subheader(labels.disclaimer_heading)
    st.markdown(content.site.disclaimer.full)

    help = session_help()
    st.subheader(content.red_flags.title)
    st.markdown(red_flag_markdown(content, help))
    for group in content.red_flags.groups:
        st.caption(f"{group.why} {labels.sources}: {source_list(content, group.sources)}")

    st.subheader(labels.evidence_heading)
    st.markdown(
        "\n".join(
            f"- {point.text} ({source_list(content, point.sources)})"
            for point in content.evidence.summary
        )
    )

    st.subheader(labels.precautions_heading)
    number = plain_markdown(help.number)
    st.markdown(
        "\n".join(
            f"- **{p.label}.** {p.advice_text(number)}" for p in content.precautions.precautions
        )
    )
    st.caption(f"{labels.sources}: {source_list(content, content.precautions.sources_default)}")

    st.subheader(labels.references_heading)
    st.markdown(
        "\n".join(
            f"{i}. {s.citation}" + (f" <{s.url}>" if s.url and links_out else "")
            for i, s in enumerate(content.sources.sources, start=1)
        )
    )

    # Hazard "stale number": when each country's numbers and services were last checked.
    words = content.site.local_help
    st.subheader(words.packs_heading)
    st.markdown(
        "\n".join(
            f"- {words.checked.format(country=pack.name, date=f'{pack.checked:%d %B %Y}')}"
            + (f" {labels.sources}: {source_list(content, pack.sources)}" if pack.sources else "")
            for pack in (content.countries[c] for c in country_options(content, settings))
        )
    )

    st.subheader(labels.review_heading)
    review = content.site.review
    st.markdown(
        f"- **{labels.last_reviewed}:** {review.last_reviewed:%d %B %Y}\n"
        f"- **{labels.next_review_due}:** {review.next_review_due:%d %B %Y}\n"
        f"- **{labels.reviewed_by}:** {review.reviewed_by}"
    )
