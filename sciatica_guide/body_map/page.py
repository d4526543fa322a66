"""The Body map page: the map, the list beside it, the educator overlays and the region panel.

One value is selected: `session.SELECTED_REGION`. The map, the list and `?region=` all write it
through `_select`. A tap is drawn by the map and the panel in the browser at once and reaches the
server through the relay, in a fragment with the list (relay.py); anything else runs the page.
"""

from __future__ import annotations

import secrets
from typing import Any

import streamlit as st

from sciatica_guide import session
from sciatica_guide.assessment.state import load_answers
from sciatica_guide.body_map.component import BOTH_VIEWS, MapState, body_map
from sciatica_guide.body_map.panel_html import prompt_html
from sciatica_guide.body_map.panel_view import PanelState, opened_technique, panel_view
from sciatica_guide.body_map.relay import RelayState, Tap, read_tap, relay
from sciatica_guide.body_map.selection import (
    REGION_PARAM,
    parse_region_param,
    resolve_selection,
    view_of,
)
from sciatica_guide.body_map.state import (
    DRAWN_VIEW_KEY,
    LIST_KEY,
    MAP_KEY,
    NERVE_KEY,
    PANEL_KEY,
    PENDING_KEY,
    RELAY_KEY,
    ROOTS_KEY,
    SEQ_KEY,
    VIEW_KEY,
)
from sciatica_guide.body_map.svg import VIEWS, body_map_svg
from sciatica_guide.body_map.view_data import Marks, marks_for, view_data
from sciatica_guide.content import Content
from sciatica_guide.modes import record_activity
from sciatica_guide.settings import Mode, Settings
from sciatica_guide.ui import frame
from sciatica_guide.ui.blocks import render_page_header
from sciatica_guide.ui.country import session_help
from sciatica_guide.ui.read_aloud import read_aloud_words
from sciatica_guide.ui.show_movement import MOVEMENTS_PAGE, asked_movement
from sciatica_guide.ui.show_movement import ask_to_show as ask_to_show_movement
from sciatica_guide.ui.show_technique import ask_to_show
from sciatica_guide.ui.state import ContentKey, content_in, shared_content_dir

#: The folder of page scripts, relative to app.py (see PAGES_DIR there).
PAGES_FOLDER = "app_pages"
#: The map's width where there is room: the drawing's own size, so 1 unit is 1 CSS px.
MAP_WIDTH_PX = 380


@st.cache_resource(show_spinner=False, max_entries=4)
def _svg_in(content_dir: ContentKey) -> str:
    return body_map_svg(content_in(content_dir))


def svg_markup(content: Content) -> str:
    """The map's drawing. Cached per content folder: it takes about 2 ms to build, the one
    string worth caching (benchmarks/build_costs.py); st.cache_resource.clear() rebuilds it."""
    content_dir = shared_content_dir(content)
    if content_dir is not None:
        return _svg_in(content_dir)
    # Content from somewhere else (a test's copy): drawn from that content, not cached.
    return body_map_svg(content)


def _select(content: Content, region_id: str) -> None:
    """Make `region_id` the one selection: session, view and URL follow it."""
    if content.region(region_id) is None:
        return
    session.set_selected_region(st.session_state, region_id)
    st.session_state[VIEW_KEY] = view_of(content, region_id)
    st.query_params[REGION_PARAM] = region_id


def _on_list_change(content: Content) -> None:
    if read_tap(st.session_state, RELAY_KEY) or read_tap(st.session_state, MAP_KEY):
        # A tap came in the same run: it wins. The browser sends the list's value with every
        # run as it last drew it, and after quick taps that is the value from before the last
        # answer, which Streamlit takes for a change of the list (it put the selection back
        # to an older tap, or cleared it).
        return
    region_id = st.session_state.get(LIST_KEY)
    if isinstance(region_id, str):
        _select(content, region_id)
    else:
        # The list's clear button: nothing is selected any more, in the URL either.
        session.set_selected_region(st.session_state, None)
        if REGION_PARAM in st.query_params:
            del st.query_params[REGION_PARAM]


def sync_selection(content: Content, state: Any, query_params: Any) -> tuple[str | None, bool]:
    """Agree on one selection from the session and the URL before anything is drawn.

    Returns the selected region id (or None) and whether the URL named no known region.
    """
    known = [r.id for r in content.regions()]
    url = parse_region_param(query_params.get_all(REGION_PARAM), known)
    current = session.get_selected_region(state)
    selected = resolve_selection(current, url, known)
    if selected != current:
        session.set_selected_region(state, selected)
        state[VIEW_KEY] = view_of(content, selected)
    # The address shows a region only when the person opened a link with one (written back in
    # its canonical form) or chose one on this page (_select). A place ticked in the
    # self-assessment is an answer: it never goes into the address bar or browser history.
    if url.region_id is not None and query_params.get(REGION_PARAM) != selected:
        query_params[REGION_PARAM] = selected
    elif url.problem:
        del query_params[REGION_PARAM]
    if VIEW_KEY not in state or state[VIEW_KEY] not in VIEWS:
        state[VIEW_KEY] = view_of(content, selected)
    # The list shows the same value as the map.
    state[LIST_KEY] = selected
    return selected, url.problem


def default_overlays(state: Any, mode: Mode) -> None:
    """In presenter mode both teaching overlays start switched on; the presenter can switch
    them off. Elsewhere they start off, so a patient first sees just the body."""
    if mode is Mode.PRESENTER:
        state.setdefault(NERVE_KEY, True)
        state.setdefault(ROOTS_KEY, True)


def _last_tap() -> int:
    """The number of the last tap this session has taken (0 before any)."""
    seq = st.session_state.get(SEQ_KEY)
    return seq if isinstance(seq, int) else 0


def _note_tap(tap: Tap) -> None:
    # Every tap is answered, even one naming no region: the browser then shows the server's
    # choice again (relay.py).
    st.session_state[SEQ_KEY] = max(_last_tap(), tap.seq)


def _take_tap(content: Content, key: str, mode: Mode) -> None:
    """A tap from the relay (or the map, when the relay's answer did not come): select it."""
    tap = read_tap(st.session_state, key)
    if tap is None:
        return
    _note_tap(tap)
    _select(content, tap.region)
    if mode is Mode.CLINIC:
        # A fragment run skips the frame, which counts page runs as use.
        record_activity(st.session_state, frame.clock)


@st.fragment
def _list_and_relay(content: Content, mode: Mode, labels: dict[str, str], marks: Marks) -> None:
    """The list and the relay: all that a tap reruns (two elements, small data).

    `labels` and `marks` come from the page run, so a tap looks nothing up: the list's words
    and every region's marks are at hand (answers change only on another page, which runs
    this one again; checked anyway).
    """
    if st.session_state.get(VIEW_KEY) != st.session_state.get(DRAWN_VIEW_KEY):
        # The list chose a region of the other view: the view switch and the drawing change.
        st.rerun(scope="app")
    selected = session.get_selected_region(st.session_state)
    _region_list(content, selected, labels)
    answers = load_answers(st.session_state)
    if answers != marks.answers:
        marks = marks_for(content, marks.number, answers)
    relay(
        RelayState(selected, _last_tap(), marks.of(selected)),
        key=RELAY_KEY,
        on_select=lambda: _take_tap(content, RELAY_KEY, mode),
    )


def render_view_switch(content: Content, key: str) -> None:
    """Seen from behind / from the front, above the figure: the buttons name the views; the
    label stays for screen readers."""
    ui = content.body_map.ui
    st.segmented_control(
        ui.view_control,
        options=list(VIEWS),
        format_func=lambda view: ui.views[view],
        key=key,
        required=True,
        label_visibility="collapsed",
    )


def region_labels(content: Content) -> dict[str, str]:
    """Each region's words in the list (its name and view), in the list's order."""
    ui = content.body_map.ui
    return {
        r.id: f"{r.name} " + ui.list_view_suffix.format(view=ui.views[r.view].lower())
        for r in content.regions()
    }


def _region_list(content: Content, selected: str | None, labels: dict[str, str]) -> None:
    ui = content.body_map.ui
    # The list shows the same value as the map.
    st.session_state[LIST_KEY] = selected
    st.selectbox(
        ui.list_label,
        options=list(labels),
        format_func=labels.__getitem__,
        index=None,
        placeholder=ui.list_placeholder,
        key=LIST_KEY,
        filter_mode=None,
        on_change=lambda: _on_list_change(content),
    )


def render_roots_caption(content: Content) -> None:
    """What the root areas overlay means: typical areas, not a diagnosis."""
    ui = content.body_map.ui
    st.caption(
        f"**{ui.not_diagnosis}.** "
        + "; ".join(ui.legend_roots[root] for root in ("L4", "L5", "S1"))
        + f". {ui.roots_caption}"
    )


def _render_overlays(content: Content, mode: Mode) -> None:
    ui = content.body_map.ui
    if mode is Mode.PRESENTER:
        # An educator's map: the overlays are on (default_overlays) and their switches at hand.
        place: Any = st.container()
        place.markdown(f"**{ui.overlays_heading}**")
    else:
        # A patient's map: the nerve path and the root areas are for teaching, closed until
        # asked for (a root area is easily read as a diagnosis).
        place = st.expander(ui.overlays_heading, icon=":material/school:")
    with place:
        st.toggle(ui.overlay_nerve, key=NERVE_KEY)
        st.toggle(ui.overlay_roots, key=ROOTS_KEY)
        if st.session_state.get(ROOTS_KEY):
            render_roots_caption(content)


def render_body_map_page(
    content: Content, settings: Settings, page_id: str, mode: Mode = Mode.STANDARD
) -> None:
    ui = content.body_map.ui
    presenting = mode is Mode.PRESENTER
    render_page_header(content, content.page(page_id))
    pending = st.session_state.pop(PENDING_KEY, None)
    if isinstance(pending, str):
        _select(content, pending)
    selected, url_problem = sync_selection(content, st.session_state, st.query_params)
    if url_problem:
        st.info(ui.unknown_region, icon=":material/help:")
    default_overlays(st.session_state, mode)

    if presenting:
        # On a projector: both views side by side across the full width, the whole body on
        # one screen, and the region's facts underneath.
        map_column = st.container(key="bm-map-column-wide")
        side_column = st.container(key="bm-side-column-wide")
    else:
        # Map and panel sit side by side when there is room (tablet without the sidebar,
        # desktop) and wrap, map first, when there is not (phones, tablets with the sidebar
        # open). The map keeps its full 380 px there, so every region stays a 44 px target.
        with st.container(horizontal=True, gap="medium", key="bm-layout"):
            map_column = st.container(width=MAP_WIDTH_PX, key="bm-map-column")
            side_column = st.container(key="bm-side-column")
    view = BOTH_VIEWS if presenting else st.session_state[VIEW_KEY]
    st.session_state[DRAWN_VIEW_KEY] = st.session_state[VIEW_KEY]
    help = session_help()
    number = help.number
    # Every region's panel on show, and what may be drawn on the chosen one, after the person's
    # self-assessment answers (if any).
    answers = load_answers(st.session_state)
    shown = view_data(content, view, help, answers)
    marks = marks_for(content, number, answers)
    with map_column:
        if not presenting:
            # Above the figure in its own column, beside the list where there is room: the
            # figure starts higher (a tablet's first screen).
            render_view_switch(content, VIEW_KEY)
        state = MapState(
            svg=svg_markup(content),
            view=view,
            selected=selected,
            nerve=bool(st.session_state.get(NERVE_KEY, False)),
            roots=bool(st.session_state.get(ROOTS_KEY, False)),
            run=secrets.token_hex(4),
            marks=marks.of(selected),
            relay=not presenting,
            brief={} if presenting else shown.briefs,
            prompt="" if presenting else ui.tap_prompt,
        )
        body_map(state, key=MAP_KEY, on_select=lambda: _take_tap(content, MAP_KEY, mode))
        tap = read_tap(st.session_state, MAP_KEY)
        if tap and tap.region != selected and content.region(tap.region) is not None:
            # A tap whose callback never ran: Streamlit runs callbacks only for widgets the
            # session has already drawn, and a session started by a restarted server (the
            # browser reconnects without a run) has drawn none. Take the tap on a new run: the
            # view control is drawn already, so this run cannot change it.
            _note_tap(tap)
            st.session_state[PENDING_KEY] = tap.region
            st.rerun()
        _render_overlays(content, mode)
    with side_column:
        if presenting:
            # The presenter's room follows page runs (publish_presenter_view): no fragment.
            _region_list(content, selected, region_labels(content))
        else:
            _list_and_relay(content, mode, region_labels(content), marks)
        with st.container(key="bm-panel"):
            panel_view(
                PanelState(
                    panels=shown.panels,
                    selected=selected,
                    prompt=prompt_html(content),
                    read=read_aloud_words(content),
                ),
                key=PANEL_KEY,
                on_open=lambda: None,
            )
    technique = opened_technique(st.session_state, PANEL_KEY)
    movement = asked_movement(technique)
    # Anything else a browser sends is ignored: only a known technique or movement opens a page.
    if technique in {t.id for t in content.techniques.techniques}:
        ask_to_show(st.session_state, technique)
        st.switch_page(f"{PAGES_FOLDER}/{content.page('techniques').script}")
    elif movement in {m.id for m in content.movements.movements}:
        assert movement is not None
        ask_to_show_movement(st.session_state, movement)
        st.switch_page(f"{PAGES_FOLDER}/{content.page(MOVEMENTS_PAGE).script}")
