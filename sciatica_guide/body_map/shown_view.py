"""The map and the region's panel as someone else shows them: a workshop phone following its
presenter. Nothing here writes the phone's own selection; the panel is Streamlit elements (the
phone reruns as the room moves on, so it carries no panel for every region)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from sciatica_guide.body_map.component import MapState, body_map
from sciatica_guide.body_map.page import PAGES_FOLDER, render_roots_caption, svg_markup
from sciatica_guide.body_map.panel import RegionPanel, region_panel, warnings
from sciatica_guide.body_map.selection import view_of
from sciatica_guide.content import Content
from sciatica_guide.settings import Settings
from sciatica_guide.text import escape_markdown
from sciatica_guide.ui.blocks import NOTE_CLASS, SOURCES_CLASS, html_block
from sciatica_guide.ui.country import session_help


def panel_body_markdown(content: Content, panel: RegionPanel) -> str:
    """The panel below the urgent signs up to the techniques' heading, as one Markdown string.

    One element instead of about ten: each element costs a message on every tap
    (docs/performance.md). The "not a diagnosis" note is a box (guide.css), as it was.
    """
    ui = content.body_map.ui
    area = panel.area
    # Rendered with unsafe_allow_html (for the note's box): every content string is escaped.
    e = escape_markdown
    roots = ui.roots_line.format(roots=", ".join(area.roots))
    parts = [
        f"#### {e(ui.muscles)}",
        "\n".join(f"- {e(m)}" for m in area.muscles),
        f"#### {e(ui.sciatica_here)}",
        html_block(
            NOTE_CLASS,
            f"**{e(ui.not_diagnosis)}**\n\n{e(area.typical)}\n\n"
            + html_block(SOURCES_CLASS, e(roots)),
        ),
    ]
    if panel.precautions or panel.care:
        number = panel.emergency_number
        lines = [f"- **{e(p.label)}.** {e(p.advice_text(number))}" for p in panel.precautions]
        lines += [f"- {e(text)}" for text in panel.care]
        parts += [f"#### {e(ui.take_care)}", "\n".join(lines)]
    parts.append(f"#### {e(ui.techniques)}")
    return "\n\n".join(parts)


def render_panel(content: Content, panel: RegionPanel) -> None:
    """The panel as Streamlit elements: for a workshop phone, which follows the presenter."""
    ui = content.body_map.ui
    area = panel.area
    st.subheader(panel.region.name, anchor=False)
    description = escape_markdown(area.description)
    body = panel_body_markdown(content, panel)
    listed = warnings(content, panel)
    if listed:
        st.markdown(description)
        # Warnings come before anything about massage, each saying first when it applies: a
        # "check first" note (its own icon and words), not an urgent order.
        for text in listed:
            st.warning(
                f"**{escape_markdown(ui.check_first)}:** {escape_markdown(text)}",
                icon=":material/help:",
            )
        st.markdown(body, unsafe_allow_html=True)
    else:
        st.markdown(f"{description}\n\n{body}", unsafe_allow_html=True)

    techniques_page = content.page("techniques")
    for fit in panel.techniques:
        with st.container(border=True, key=f"bm-technique-{fit.technique.id}"):
            only_if = f"**{escape_markdown(ui.only_if_none)}**\n\n" if listed else ""
            st.markdown(
                f"**{escape_markdown(fit.technique.name)}**\n\n{only_if}{escape_markdown(fit.how)}"
            )
            st.page_link(
                f"{PAGES_FOLDER}/{techniques_page.script}",
                label=ui.read_more.format(technique=fit.technique.name),
                icon=":material/arrow_forward:",
            )
    # One caption, three paragraphs: what the list means, its sources, how to share the page.
    st.caption(
        f"{ui.techniques_note}\n\n{ui.sources}: {'; '.join(panel.sources)}\n\n"
        + ui.share.format(name=panel.region.name)
    )


def render_shown_body_map(
    content: Content,
    settings: Settings,
    *,
    selected: str | None,
    nerve: bool,
    roots: bool,
    key: str,
    on_select: Any,
) -> None:
    """The map and the region's panel as someone else shows them (a workshop's presenter).

    Nothing here writes this session's own selection: a tap calls `on_select`, which decides.
    """
    ui = content.body_map.ui
    body_map(
        MapState(
            svg=svg_markup(content),
            view=view_of(content, selected),
            selected=selected,
            nerve=nerve,
            roots=roots,
        ),
        key=key,
        on_select=on_select,
    )
    if roots:
        render_roots_caption(content)
    number = session_help().number
    panel = region_panel(content, selected, number) if selected else None
    with st.container(key=f"{key}-panel"):
        if panel is None:
            st.info(ui.prompt, icon=":material/touch_app:")
        else:
            render_panel(content, panel)
