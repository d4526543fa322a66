"""The gentle movements on the Beyond massage page (issue 27, parts 1 and 2).

When to stop comes first and stays open; each movement is a closed part (its name) that opens
to its moving picture, numbered steps, how many and how often, and when to stop it. The
self-assessment's answers on this device choose what shows (plan.py). Each movement is ONE
Markdown element, as the article's sections are (docs/performance.md).
"""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass

import streamlit as st

from sciatica_guide.assessment.state import load_answers
from sciatica_guide.content import Content
from sciatica_guide.content.movement_models import Movement, gentlest_words
from sciatica_guide.movements.figure import movement_figure_svg
from sciatica_guide.movements.plan import MovementPlan, movement_plan
from sciatica_guide.text import escape_markdown
from sciatica_guide.ui.blocks import NOTE_CLASS, html_block, sources_line
from sciatica_guide.ui.country import session_help
from sciatica_guide.ui.focus import focus_expander
from sciatica_guide.ui.show_movement import take_pending
from sciatica_guide.ui.state import ContentKey, content_in, shared_content_dir

#: The anchor of the section, for links from the body map and the result.
ANCHOR = "gentle-movements"
#: Shown only where the device asks for less motion (guide.css): the pictures stand still.
STILL_NOTE_CLASS = "mv-still-note"
FIGURE_CLASS = "mv-figure"


def _figure_img(content: Content, movement: Movement) -> str:
    """The moving picture as an <img> of its SVG (the SVG carries its own animation and its
    still frames for reduced motion); data: images are allowed by the CSP."""
    ui = content.movements.ui
    name = ui.picture_label.format(name=movement.name)
    svg = movement_figure_svg(movement.figure, title=name)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return (
        f'<img class="{FIGURE_CLASS}" src="data:image/svg+xml;base64,{data}" '
        f'alt="{html.escape(name, quote=True)}" width="320">'
    )


@dataclass(frozen=True)
class MovementParts:
    """One movement's Markdown, part by part: the Beyond massage card joins them in order
    (`card`); the presenter's slide (slide.py) lays the same parts out side by side."""

    #: The moving picture, and the note shown under it where the device asks for less motion.
    figure: str
    summary: str
    #: "How to do it" and the numbered steps.
    steps: str
    #: "How many and how often".
    dose: str
    #: "Stop this one if" and its signs.
    stop: str
    sources: str

    def card(self) -> str:
        """Its picture, what it is, numbered steps, the dose and when to stop, then sources."""
        return "\n\n".join(
            (self.figure, self.summary, self.steps, self.dose, self.stop, self.sources)
        )


def movement_parts(content: Content, movement: Movement) -> MovementParts:
    ui = content.movements.ui
    steps = "\n".join(f"{i}. {escape_markdown(step)}" for i, step in enumerate(movement.steps, 1))
    stop = "\n".join(f"- {escape_markdown(sign)}" for sign in movement.stop_if)
    return MovementParts(
        figure=_figure_img(content, movement)
        + f'\n\n<p class="{STILL_NOTE_CLASS}">{html.escape(ui.still_note)}</p>',
        summary=escape_markdown(movement.summary),
        steps=f"**{escape_markdown(ui.steps_label)}**\n\n{steps}",
        dose=f"**{escape_markdown(ui.dose_label)}:** {escape_markdown(movement.dose)}",
        stop=f"**{escape_markdown(ui.stop_label)}:**\n\n{stop}",
        sources=sources_line(content, movement.sources),
    )


@st.cache_resource(show_spinner=False, max_entries=16)
def _parts_in(content_dir: ContentKey, movement_id: str) -> MovementParts:
    content = content_in(content_dir)
    movement = content.movements.movement(movement_id)
    assert movement is not None
    return movement_parts(content, movement)


def cached_parts(content: Content, movement: Movement) -> MovementParts:
    """Built once per content folder (the pictures are a few KB each); content from elsewhere
    (a test's copy) is built afresh."""
    content_dir = shared_content_dir(content)
    if content_dir is not None:
        return _parts_in(content_dir, movement.id)
    return movement_parts(content, movement)


def stop_markdown(content: Content) -> str:
    movements = content.movements
    signs = "\n".join(f"- {escape_markdown(sign)}" for sign in movements.stop_signs)
    return html_block(
        NOTE_CLASS,
        f"**{escape_markdown(movements.ui.stop_heading)}:**\n\n{signs}\n\n"
        + sources_line(content, movements.stop_sources),
    )


def _render_gates(content: Content, plan: MovementPlan) -> None:
    ui = content.movements.ui
    if plan.from_answers:
        st.caption(ui.from_answers)
    if plan.gentlest_reason is not None:
        words = gentlest_words(ui, plan.gentlest_reason)
        st.info(escape_markdown(words), icon=":material/self_improvement:")
    if plan.left_out:
        names = ", ".join(m.name for m, _ in plan.left_out)
        st.info(
            escape_markdown(ui.left_out.format(names=names))
            + "\n\n"
            + "\n\n".join(escape_markdown(why) for why in plan.reasons),
            icon=":material/info:",
        )
    if not plan.shown:
        st.warning(ui.none_left, icon=":material/warning:")


def render_movements(content: Content) -> list[str]:
    """The section: heading, what to do first if an answer is urgent, else when to stop, then
    each movement the answers leave. Returns the words it drew (for the words explained)."""
    ui = content.movements.ui
    st.subheader(ui.heading, anchor=ANCHOR, divider="gray")
    plan = movement_plan(content, load_answers(st.session_state))
    # A movement link on the body map's panel opens its card here, once, and moves focus to it.
    asked = take_pending(st.session_state)
    if plan.urgent:
        urgent = escape_markdown(plan.urgent_words(content, session_help().number))
        st.error(urgent, icon=":material/emergency:")
        return [urgent]
    if plan.held:
        # A possible urgent sign waits for an answer on the result: nothing until then.
        held = escape_markdown(ui.held)
        st.warning(held, icon=":material/pending_actions:")
        return [held]
    intro, stop = escape_markdown(ui.intro), stop_markdown(content)
    st.markdown(intro)
    st.markdown(stop, unsafe_allow_html=True)
    _render_gates(content, plan)
    drawn = [ui.heading, intro, stop]
    if asked in {m.id for m in plan.shown}:
        focus_expander(f"movement-{asked}")
    for movement in plan.shown:
        key = f"movement-{movement.id}"
        with st.expander(escape_markdown(movement.name), expanded=movement.id == asked, key=key):
            body = cached_parts(content, movement).card()
            st.markdown(body, unsafe_allow_html=True)
        # Its words, not its Markdown: the picture's base64 could read as a glossary word.
        drawn += [movement.name, movement.summary, *movement.steps, movement.dose]
        drawn += movement.stop_if
    return drawn
