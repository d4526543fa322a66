""" "Where does it hurt?": the guide's own body map, several places at once, and the same choice
as a list of pills (left, right) for the keyboard and screen readers. Both write the pills'
widget state; the answers are folded from it (state.collect), so there is one owner."""

from __future__ import annotations

import secrets

import streamlit as st

from sciatica_guide.assessment.rules import Answers
from sciatica_guide.assessment.state import (
    SIDES,
    WIDGET,
    pills_regions,
    set_pills,
    where_key,
)
from sciatica_guide.body_map.component import MapState, body_map, read_choice
from sciatica_guide.body_map.page import MAP_WIDTH_PX, render_view_switch, svg_markup
from sciatica_guide.body_map.svg import VIEWS
from sciatica_guide.content import Content

MAP_KEY = f"{WIDGET}where.map"
VIEW_KEY = f"{WIDGET}where.view"
#: The number of the last tap taken from the map (component.MapState.seq).
SEQ_KEY = f"{WIDGET}where.seq"


def _last_seq() -> int:
    seq = st.session_state.get(SEQ_KEY)
    return seq if isinstance(seq, int) else 0


def _take_choice(content: Content) -> None:
    """The map's set of places becomes the list's: every pill follows it."""
    state = st.session_state
    choice = read_choice(state, MAP_KEY)
    if choice is None:
        return
    state[SEQ_KEY] = max(_last_seq(), choice.seq)
    set_pills(state, content, choice.regions)


def render_where(content: Content, answers: Answers) -> None:
    state = st.session_state
    sides = content.areas.sides
    set_pills(state, content, answers.regions, keep_shown=True)
    # The places the pills hold now (a tap's callback has set them): the map draws the same.
    now = pills_regions(state, content)
    if state.get(VIEW_KEY) not in VIEWS:
        state[VIEW_KEY] = "back"
    with st.container(horizontal=True, gap="medium", key="where-layout"):
        with st.container(width=MAP_WIDTH_PX, key="where-map-column"):
            render_view_switch(content, VIEW_KEY)
            body_map(
                MapState(
                    svg=svg_markup(content),
                    view=state[VIEW_KEY],
                    selected=None,
                    nerve=False,
                    roots=False,
                    run=secrets.token_hex(4),
                    multi=True,
                    chosen=now,
                    seq=_last_seq(),
                ),
                key=MAP_KEY,
                on_select=lambda: _take_choice(content),
            )
        with st.container(key="where-list"):
            for area in content.areas.areas:
                st.pills(
                    area.name,
                    options=list(SIDES),
                    selection_mode="multi",
                    format_func=lambda side: sides[side][:1].upper() + sides[side][1:],
                    key=where_key(state, area.id),
                )
