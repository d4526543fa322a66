"""Workshop presenter mode: the article one section at a time, then the gentle movements one at
a time (slides.py)."""

from __future__ import annotations

import streamlit as st

from sciatica_guide.article.handout_button import render_handout_button
from sciatica_guide.article.page import render_section
from sciatica_guide.article.slides import slide_at, slide_count
from sciatica_guide.article.state import STEP_KEY
from sciatica_guide.content import Content
from sciatica_guide.modes import presenter_step
from sciatica_guide.movements.slide import render_projector_movement
from sciatica_guide.settings import Settings
from sciatica_guide.ui.blocks import attribution
from sciatica_guide.ui.controls import drawn_key


def _move(drawn_for: int, delta: int, total: int) -> None:
    """Move from the slide the button was drawn for, only if it is still on screen: a second
    click (double-click, replay) that arrives after the first has moved on does nothing."""
    step = presenter_step(st.session_state.get(STEP_KEY, 0), 0, total)
    if step != drawn_for:
        return
    st.session_state[STEP_KEY] = presenter_step(step, delta, total)


def render_presenter(content: Content, settings: Settings) -> None:
    words = content.modes.presenter
    total = slide_count(content)
    step = presenter_step(st.session_state.get(STEP_KEY, 0), 0, total)
    slide = slide_at(content, step)
    if slide.movement is None:
        # On a projector the section is the slide: the page's title small, how to use it on
        # hover. A movement's slide needs the height for its picture, steps and when to stop.
        with st.container(key="present-title"):
            st.title(words.page_title, help=words.page_lead, anchor=False)
        st.caption(attribution(content))
    # One row: the controls beside where the room is, so the slide keeps the screen.
    previous, middle, following = st.columns([1, 3, 1], vertical_alignment="center")
    middle.progress(slide.progress, text=slide.label(words))
    previous.button(
        words.previous,
        # The key names the slide it is drawn for (ui/controls.py): one click moves once.
        key=drawn_key("present-previous", step),
        # No icon: the key hint Streamlit draws for the shortcut is already an arrow.
        shortcut="Left",
        disabled=step == 0,
        on_click=_move,
        args=(step, -1, total),
        width="stretch",
    )
    following.button(
        words.next,
        key=drawn_key("present-next", step),
        shortcut="Right",
        disabled=step == total - 1,
        on_click=_move,
        args=(step, 1, total),
        type="primary",
        width="stretch",
    )
    if slide.movement is not None:
        render_projector_movement(content, slide.movement)
    else:
        assert slide.section is not None
        with st.container(border=True, key="present-section"):
            render_section(content, slide.section, with_children=False)
    # Under the slide: a projector keeps no sidebar (its pages are in the top bar).
    render_handout_button(content, settings, key="-presenter")
