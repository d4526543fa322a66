"""The map and the region's panel as someone else shows them: a workshop phone following its
presenter. Nothing here writes the phone's own selection; the panel is Streamlit elements (the
phone reruns as the room moves on, so it carries no panel for every region), drawn from the same
`PanelText` as the body map's own panel (panel_html.py), so both say the same about a region."""

from __future__ import annotations

from typing import Any

import streamlit as st

from sciatica_guide.assessment.state import load_answers
from sciatica_guide.body_map.component import MapState, body_map
from sciatica_guide.body_map.page import PAGES_FOLDER, render_roots_caption, svg_markup
from sciatica_guide.body_map.panel import PanelMovements, PanelText, TechniqueCard, region_text
from sciatica_guide.body_map.selection import view_of
from sciatica_guide.content import Content
from sciatica_guide.help_html import call_row_html
from sciatica_guide.local_help import LocalHelp
from sciatica_guide.settings import Settings
from sciatica_guide.text import escape_markdown
from sciatica_guide.ui.blocks import NOTE_CLASS, SOURCES_CLASS, html_block
from sciatica_guide.ui.country import session_help


def panel_body_markdown(content: Content, text: PanelText) -> str:
    """The panel below the urgent signs up to the techniques' heading, as one Markdown string.

    One element instead of about ten: each element costs a message on every tap
    (docs/performance.md). The "not a diagnosis" note is a box (guide.css), as it was.
    """
    ui = content.body_map.ui
    # Rendered with unsafe_allow_html (for the note's box): every content string is escaped.
    e = escape_markdown
    parts = [
        f"#### {e(ui.muscles)}",
        "\n".join(f"- {e(m)}" for m in text.muscles),
        f"#### {e(ui.sciatica_here)}",
        html_block(
            NOTE_CLASS,
            f"**{e(ui.not_diagnosis)}**\n\n{e(text.typical)}\n\n"
            + html_block(SOURCES_CLASS, e(text.roots_line)),
        ),
    ]
    if text.precautions or text.care:
        lines = [f"- **{e(p.label)}.** {e(p.advice)}" for p in text.precautions]
        lines += [f"- {e(care)}" for care in text.care]
        parts += [f"#### {e(ui.take_care)}", "\n".join(lines)]
    parts.append(f"#### {e(ui.techniques)}")
    return "\n\n".join(parts)


def technique_card_markdown(content: Content, card: TechniqueCard, only_if: bool) -> str:
    """A technique's card: its name, "only if" when the place has warnings, how, and its marks
    in words (or why none are drawn), as the body map's panel says them."""
    e = escape_markdown
    parts = [f"**{e(card.name)}**"]
    if only_if:
        parts.append(f"**{e(content.body_map.ui.only_if_none)}**")
    parts.append(e(card.how))
    if card.mark_notes:
        heading = e(content.technique_marks.ui.words_heading)
        parts.append(f"**{heading}:** " + " ".join(e(n) for n in card.mark_notes))
        parts.append("\n".join(f"- {e(w)}" for w in card.mark_words))
    elif card.withheld is not None:
        parts.append(f"*{e(card.withheld)}*")
    return "\n\n".join(parts)


def movements_markdown(movements: PanelMovements) -> str:
    """The region's gentle movements (a phone following a presenter: names, no links; the
    presenter decides which page the room sees)."""
    e = escape_markdown
    parts = [f"**{e(movements.heading)}**"]
    if movements.note is not None:
        parts.append(f"*{e(movements.note)}*")
    if movements.movements:
        parts.append("\n".join(f"- **{e(m.name)}**: {e(m.summary)}" for m in movements.movements))
    return "\n\n".join(parts)


def render_panel(content: Content, text: PanelText, help: LocalHelp | None = None) -> None:
    """The panel as Streamlit elements: for a workshop phone, which follows the presenter.
    Each warning has its call row when `help` (the session's numbers) is given."""
    ui = content.body_map.ui
    st.subheader(text.name, anchor=False)
    description = escape_markdown(text.description)
    body = panel_body_markdown(content, text)
    if text.warnings:
        st.markdown(description)
        # Warnings come before anything about massage, each saying first when it applies: a
        # "check first" note (its own icon and words), not an urgent order; each with one tap
        # to call.
        for warning in text.warnings:
            st.warning(
                f"**{escape_markdown(ui.check_first)}:** {escape_markdown(warning.text)}",
                icon=":material/help:",
            )
            if help is not None:
                row = call_row_html(content, help, warning.level, emergency=warning.emergency)
                st.markdown(row, unsafe_allow_html=True)
        st.markdown(body, unsafe_allow_html=True)
    else:
        st.markdown(f"{description}\n\n{body}", unsafe_allow_html=True)
    if text.blocked is not None and text.blocked_urgent:
        # The person's answers show an urgent sign: an urgent order, once, above the techniques.
        st.error(escape_markdown(text.blocked), icon=":material/emergency:")
    elif text.blocked is not None:
        st.markdown(f"*{escape_markdown(text.blocked)}*")

    techniques_page = content.page("techniques")
    for card in text.techniques:
        with st.container(border=True, key=f"bm-technique-{card.id}"):
            st.markdown(technique_card_markdown(content, card, bool(text.warnings)))
            st.page_link(
                f"{PAGES_FOLDER}/{techniques_page.script}",
                label=card.read_more,
                icon=":material/arrow_forward:",
            )
    st.markdown(movements_markdown(text.movements))
    # One caption, three paragraphs: what the list means, its sources, how to share the page.
    st.caption(
        "\n\n".join(escape_markdown(t) for t in (ui.techniques_note, text.sources, text.share))
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
    help = session_help()
    # The marks' words after this phone's own self-assessment answers, as its body map says them.
    answers = load_answers(st.session_state)
    text = region_text(content, selected, help.number, answers) if selected else None
    with st.container(key=f"{key}-panel"):
        if text is None:
            st.info(ui.prompt, icon=":material/touch_app:")
        else:
            render_panel(content, text, help)
