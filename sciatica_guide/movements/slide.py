"""A gentle movement shown to a room (issue 27, part 5): on the presenter's projector, and on a
phone following the presenter.

The same parts as its card on Beyond massage (view.py's MovementParts: one picture, one set of
words), laid out for each screen: on the projector the picture, the steps and when to stop side
by side, so a 1280x720 screen holds the whole slide and the controls above it; on a phone the
card as Beyond massage draws it. When to stop any movement stays on both, open. A room shows the
same to everyone; a phone whose own self-assessment answers leave the movement out says so
above it (nothing about the person goes to the room).
"""

from __future__ import annotations

import streamlit as st

from sciatica_guide.assessment.rules import Answers
from sciatica_guide.assessment.state import load_answers
from sciatica_guide.content import Content
from sciatica_guide.content.movement_models import Movement, gentlest_words
from sciatica_guide.movements.plan import movement_plan
from sciatica_guide.movements.view import cached_parts, stop_markdown
from sciatica_guide.text import escape_markdown
from sciatica_guide.ui.country import session_help

#: The projector's slide (presenter.css sizes the picture and the words from its key).
PROJECTOR_KEY = "present-movement"
#: When to stop any movement, on the projector's slide.
STOP_KEY = "present-movement-stop"
#: The phone's.
PHONE_KEY = "workshop-movement"


def render_projector_movement(content: Content, movement: Movement) -> None:
    """Picture and dose | name, steps and when to stop it | when to stop any movement (smaller:
    the same on every movement's slide)."""
    parts = cached_parts(content, movement)
    with st.container(border=True, key=PROJECTOR_KEY):
        picture, how, stop = st.columns([0.31, 0.39, 0.3], gap="small")
        with picture:
            st.markdown(
                "\n\n".join((parts.figure, parts.dose, parts.sources)), unsafe_allow_html=True
            )
        # Closer than Streamlit's usual space between elements: the slide keeps to one screen.
        with how, st.container(gap="xsmall"):
            st.subheader(escape_markdown(movement.name), anchor=False)
            st.markdown(parts.steps + "\n\n" + parts.stop)
        with stop, st.container(key=STOP_KEY):
            st.markdown(stop_markdown(content), unsafe_allow_html=True)


def own_answers_note(content: Content, movement: Movement, answers: Answers) -> str | None:
    """What this phone's own self-assessment answers say about the room's movement (None when
    they leave it in): the room shows everyone the same, this person's answers may not."""
    plan = movement_plan(content, answers)
    ui = content.movements.ui
    if plan.urgent:
        return plan.urgent_words(content, session_help().number)
    if plan.held:
        return ui.held
    why = next((why for m, why in plan.left_out if m.id == movement.id), None)
    if why is None and plan.gentlest_reason is not None and movement not in plan.shown:
        why = gentlest_words(ui, plan.gentlest_reason)
    return None if why is None else f"{ui.left_out.format(names=movement.name)} {why}"


def render_phone_movement(content: Content, movement: Movement) -> None:
    """Its name, what this phone's own answers say about it (if they leave it out), its card as
    on Beyond massage, then when to stop any movement."""
    parts = cached_parts(content, movement)
    note = own_answers_note(content, movement, load_answers(st.session_state))
    with st.container(key=PHONE_KEY):
        st.subheader(escape_markdown(movement.name), anchor=False)
        if note is not None:
            # Before the steps: the person's own answers come first.
            st.warning(escape_markdown(note), icon=":material/warning:")
        st.markdown(parts.card(), unsafe_allow_html=True)
        st.markdown(stop_markdown(content), unsafe_allow_html=True)
