"""A phone's side of a workshop: join by code, follow the presenter, step away and come back."""

from __future__ import annotations

import contextlib
import math
import time

import streamlit as st

from sciatica_guide import session
from sciatica_guide.article.page import render_section
from sciatica_guide.article.slides import slide_at, slide_count
from sciatica_guide.body_map.component import chosen_region
from sciatica_guide.body_map.relay import event_value
from sciatica_guide.body_map.selection import REGION_PARAM
from sciatica_guide.body_map.shown_view import render_shown_body_map
from sciatica_guide.body_map.state import (
    NERVE_KEY,
    ROOTS_KEY,
)
from sciatica_guide.content import Content
from sciatica_guide.movements.slide import render_phone_movement
from sciatica_guide.settings import Settings
from sciatica_guide.ui.show_movement import ask_to_show as ask_to_show_movement
from sciatica_guide.ui.show_technique import ask_to_show
from sciatica_guide.workshop.codes import MAX_INPUT_LENGTH, parse_code, spoken
from sciatica_guide.workshop.follow import (
    BODY_MAP_PAGE,
    JOIN_PAGE,
    PRESENT_PAGE,
    ROOM_PARAM,
    TECHNIQUES_PAGE,
    SharedView,
    page_for_step,
    read_view,
)
from sciatica_guide.workshop.joining import joining_feedback
from sciatica_guide.workshop.limits import (
    FLOODS,
    GUESS_WAIT,
    JOIN_REFUSED,
    UNKNOWN_CODE,
    guess_wait_left,
    note_miss,
)
from sciatica_guide.workshop.participant_token import (
    participant_token,
    phone_token,
)
from sciatica_guide.workshop.quiz import QUIZ_PAGE
from sciatica_guide.workshop.quiz_ui import (
    note_owed,
    open_question_unanswered,
    read_room_quiz,
    render_owed,
    render_phone_quiz,
)
from sciatica_guide.workshop.room_questions_ui import render_phone_questions
from sciatica_guide.workshop.rooms import (
    Room,
    RoomStore,
    RoomStoreUnavailable,
)
from sciatica_guide.workshop.state import (
    GOTO_REGION_KEY,
    JOIN_ASKED_KEY,
    JOIN_LIMITED_KEY,
    JOIN_PROBLEM_KEY,
    JOINED_KEY,
    LAST_BEAT_KEY,
    MISSES_KEY,
    ROOM_KEY,
    SEEN_KEY,
)
from sciatica_guide.workshop.streamlit_store import (
    get_store,
    recent_rooms,
)
from sciatica_guide.workshop.waker import CHANGED_EVENT, WAKER_KEY, room_waker

#: How often a following phone asks whether the presenter moved, besides its waker (waker.py):
#: the fallback for a proxy that drops the waker's request or a lost notice. One small read.
FALLBACK_POLL_SECONDS = 5.0
#: How often a phone that stepped away checks that its room is still open.
AWAY_POLL_SECONDS = 10.0
#: How often a phone tells the room it is still there (the presenter's count).
HEARTBEAT_SECONDS = 10.0
#: What SEEN_KEY holds while the store cannot be reached, so the page is not redrawn every second.
UNAVAILABLE = "unavailable"
PAGES_FOLDER = "app_pages"


def _page(content: Content, page_id: str) -> str:
    """A page's script path, which st.page_link and st.switch_page accept."""
    return f"{PAGES_FOLDER}/{content.page(page_id).script}"


def _phone(code: str) -> str | None:
    """This browser's token for the room (participant_token.py); None until it has sent it."""
    return phone_token(st.session_state, code)


def _joined(code: str) -> bool:
    return st.session_state.get(JOINED_KEY) == code


def _join(store: RoomStore, code: str) -> bool:
    """Join the room in the store once this browser's token is here: True when joined."""
    if _joined(code):
        return True
    phone = _phone(code)
    if phone is None:
        return False
    result = store.join(code, phone)
    if result == "ok":
        st.session_state[JOINED_KEY] = code
        st.session_state[LAST_BEAT_KEY] = time.monotonic()
        st.session_state.pop(JOIN_PROBLEM_KEY, None)
        return True
    if result in ("full", "busy"):
        FLOODS.note(JOIN_REFUSED)
        st.session_state[JOIN_PROBLEM_KEY] = result
    return False


def _beat_if_due(store: RoomStore, code: str) -> None:
    phone = _phone(code)
    if phone is None or not _joined(code):
        return
    now = time.monotonic()
    last = st.session_state.get(LAST_BEAT_KEY)
    if isinstance(last, float) and now - last < HEARTBEAT_SECONDS:
        return
    store.heartbeat(code, phone)
    st.session_state[LAST_BEAT_KEY] = now


def _forget_room() -> None:
    for key in (ROOM_KEY, SEEN_KEY, LAST_BEAT_KEY, JOINED_KEY, JOIN_PROBLEM_KEY):
        st.session_state.pop(key, None)


def _join_status(content: Content, code: str) -> None:
    """One calm line while this phone is not counted in the room yet, and why."""
    if _joined(code):
        return
    words = content.modes.workshop
    problem = st.session_state.get(JOIN_PROBLEM_KEY)
    if st.session_state.get(JOIN_LIMITED_KEY) == code:
        st.warning(words.join_later, icon=":material/hourglass_empty:")
    elif problem == "full":
        st.info(words.room_full, icon=":material/group_off:")
    elif problem == "busy":
        st.info(words.room_busy, icon=":material/hourglass_empty:")
    else:
        st.caption(words.joining)


def _ask_to_join(key: str) -> None:
    """The Join tap, kept in session state before the script runs.

    A button's "pressed" lives only for the run it starts: when another rerun (a component's
    event, a fragment, a second message) stops that run before it reaches the form, the tap was
    lost and the phone stayed put. A callback runs first, so the tap is kept until a run acts."""
    typed = st.session_state.get(f"workshop.{key}.code")
    st.session_state[JOIN_ASKED_KEY] = typed if isinstance(typed, str) else ""


def render_join_form(content: Content, *, key: str) -> None:
    words = content.modes.workshop
    asked = st.session_state.pop(JOIN_ASKED_KEY, None)
    if isinstance(asked, str):
        st.switch_page(_page(content, JOIN_PAGE), query_params={ROOM_PARAM: asked})
    # Keyed for guide.css: 44 px touch targets on tablets (the box's title, field and button).
    with (
        st.container(key=f"workshop-join-{key}"),
        st.form(key=f"{key}-form", border=False, enter_to_submit=True),
    ):
        st.text_input(
            words.code_input,
            placeholder=words.code_placeholder,
            max_chars=MAX_INPUT_LENGTH,
            key=f"workshop.{key}.code",
            autocomplete="off",
        )
        st.form_submit_button(
            words.join_button,
            type="primary",
            icon=":material/login:",
            on_click=_ask_to_join,
            args=(key,),
        )
    joining_feedback(f"workshop-join-{key}", words.join_pending)


def render_start_page_join(content: Content) -> None:
    """The start page's way in: a small, closed box for the few who are in a workshop."""
    words = content.modes.workshop
    with (
        st.container(key="workshop-join-box"),
        st.expander(words.start_page_prompt, icon=":material/groups:"),
    ):
        render_join_form(content, key="start")


def _problem(content: Content, message: str) -> None:
    """A calm message and the ways on: the guide itself, or another code."""
    words = content.modes.workshop
    st.warning(message, icon=":material/info:")
    default = next(p for p in content.pages.pages if p.default)
    st.page_link(_page(content, default.id), label=words.open_guide, icon=":material/home:")
    render_join_form(content, key="again")


def _watch(store: RoomStore, code: str) -> None:
    @st.fragment(run_every=FALLBACK_POLL_SECONDS)
    def watch() -> None:
        seen = st.session_state.get(SEEN_KEY)
        try:
            status = store.status(code)
            if status is not None and not status.ended:
                if not _joined(code) and _join(store, code):
                    # Counted now (the room was busy a moment ago): the page can take answers.
                    st.rerun()
                _beat_if_due(store, code)
        except RoomStoreUnavailable:
            if seen != UNAVAILABLE:
                st.rerun()
            return
        if status is None or status.ended or status.version != seen:
            st.rerun()

    watch()


def _read_alone(content: Content, view: SharedView | None) -> None:
    """Go to the page the presenter shows, as this phone's own (then "Back to the presenter")."""
    if view is None or view.page == QUIZ_PAGE:
        st.switch_page(_page(content, next(p.id for p in content.pages.pages if p.default)))
    if view.page == PRESENT_PAGE:
        movement = slide_at(content, view.step).movement
        if movement is not None:
            # Its card open on this phone's own Beyond massage (its own answers apply there).
            ask_to_show_movement(st.session_state, movement.id)
        st.switch_page(_page(content, page_for_step(content, view.step)))
    if view.page == TECHNIQUES_PAGE and view.technique:
        # At that technique on this phone's own techniques page.
        ask_to_show(st.session_state, view.technique)
    if view.page == BODY_MAP_PAGE:
        st.session_state[NERVE_KEY] = view.nerve
        st.session_state[ROOTS_KEY] = view.roots
        if view.region:
            session.set_selected_region(st.session_state, view.region)
            st.switch_page(_page(content, BODY_MAP_PAGE), query_params={REGION_PARAM: view.region})
    st.switch_page(_page(content, view.page))


def _render_view(content: Content, settings: Settings, view: SharedView | None) -> None:
    words = content.modes.workshop
    if view is None:
        st.info(words.waiting, icon=":material/hourglass_empty:")
    elif view.page == PRESENT_PAGE:
        # The presenter's slide: an article section, or a gentle movement sized for a phone.
        slide = slide_at(content, view.step)
        st.progress(slide.progress, text=slide.label(content.modes.presenter))
        if slide.movement is not None:
            render_phone_movement(content, slide.movement)
        else:
            assert slide.section is not None
            with st.container(key="workshop-section"):
                render_section(content, slide.section, with_children=False)
    elif view.page == TECHNIQUES_PAGE and view.technique:
        _render_technique(content, view.technique)
    elif view.page == BODY_MAP_PAGE:

        def on_tap() -> None:
            st.session_state[GOTO_REGION_KEY] = chosen_region(st.session_state, "workshop-map")

        render_shown_body_map(
            content,
            settings,
            selected=view.region,
            nerve=view.nerve,
            roots=view.roots,
            key="workshop-map",
            on_select=on_tap,
        )
    else:
        title = content.page(view.page).title
        st.info(words.presenter_elsewhere.format(page=title), icon=":material/slideshow:")
        st.page_link(_page(content, view.page), label=title, icon=":material/arrow_forward:")


def _render_technique(content: Content, technique_id: str) -> None:
    """The technique the presenter opened: its article section (verbatim, with its card)."""
    technique = next(t for t in content.techniques.techniques if t.id == technique_id)
    section = next(
        s for s in content.article.all_sections() if s.heading == technique.article_section
    )
    title = content.page(TECHNIQUES_PAGE).title
    st.caption(content.modes.workshop.presenter_elsewhere.format(page=title))
    with st.container(key="workshop-technique"):
        render_section(content, section, with_children=False)


def _go_to_tapped_region(content: Content) -> None:
    """A tap on the followed map: read that part on this phone's own body map."""
    region = st.session_state.pop(GOTO_REGION_KEY, None)
    if isinstance(region, str) and content.region(region) is not None:
        session.set_selected_region(st.session_state, region)
        st.switch_page(_page(content, BODY_MAP_PAGE), query_params={REGION_PARAM: region})


def _view_of(content: Content, room: Room) -> SharedView | None:
    return read_view(
        room.view,
        [p.id for p in content.pages.pages],
        slide_count(content),
        [r.id for r in content.regions()],
        [t.id for t in content.techniques.techniques],
    )


def _follow(content: Content, settings: Settings, code: str) -> None:
    words = content.modes.workshop
    _go_to_tapped_region(content)
    try:
        store = get_store(settings)
    except RoomStoreUnavailable:
        _problem(content, words.unavailable)
        return
    try:
        room = store.room(code)
    except RoomStoreUnavailable:
        st.session_state[SEEN_KEY] = UNAVAILABLE
        _problem(content, words.unavailable)
        # Keep asking quietly: when the store is back the room appears again by itself.
        _watch(store, code)
        return
    if room is None or room.ended:
        if room is not None:
            # A wrong answer to an urgent-help question keeps its explanation after the end.
            note_owed(content, code, read_room_quiz(content, room.view))
            render_owed(content, settings)
        elif not isinstance(st.session_state.get(SEEN_KEY), int):
            # A code that never named a room here: the next try may have to wait.
            note_miss(st.session_state, MISSES_KEY, time.monotonic())
            FLOODS.note(UNKNOWN_CODE)
        _forget_room()
        # The browser forgets its token for a room that is over.
        participant_token(None, keep_seconds=0, forget=code, room_key=ROOM_KEY)
        _problem(content, words.ended if room is not None else words.unknown_room)
        return
    st.session_state[SEEN_KEY] = room.version
    # This browser's token for the room: a reload or another tab is the same phone.
    participant_token(code, keep_seconds=settings.room_ttl_hours * 3600, room_key=ROOM_KEY)
    with contextlib.suppress(RoomStoreUnavailable):
        # Not reachable just now: the watcher joins on its next check.
        _join(store, code)
    view = _view_of(content, room)
    with st.container(horizontal=True, vertical_alignment="center", key="workshop-follow-bar"):
        st.markdown(f"**{words.following.format(code=spoken(code))}**")
        st.space("stretch")
        if st.button(words.read_alone, key="workshop-read-alone", icon=":material/menu_book:"):
            _read_alone(content, view)
        if st.button(words.leave, key="workshop-leave", icon=":material/logout:"):
            phone = _phone(code)
            if phone is not None:
                store.leave(code, phone)
            _forget_room()
            st.query_params.clear()
            st.switch_page(_page(content, next(p.id for p in content.pages.pages if p.default)))
    _followed(content, settings, code)
    phone = _phone(code) if _joined(code) else None
    if phone is not None:
        render_phone_questions(content, settings, code, phone)
    _watch(store, code)


@st.fragment
def _followed(content: Content, settings: Settings, code: str) -> None:
    """What the presenter shows, as this phone follows it: all that a move reruns.

    The waker (waker.py) reruns this fragment when the room changes: a move costs each phone a
    run of this part only, not of the page. Anything else (the room over or out of reach) runs
    the page, which says so."""
    _go_to_tapped_region(content)
    # The version the waker was told: after a move the room's phones all ask for it at once,
    # and only the first reads the store.
    told = event_value(st.session_state, WAKER_KEY, CHANGED_EVENT)
    room = recent_rooms().get(code, told)
    if room is None:
        try:
            room = get_store(settings).room(code)
        except RoomStoreUnavailable:
            st.rerun()
        if room is None or room.ended:
            st.rerun()
        recent_rooms().put(room)
    st.session_state[SEEN_KEY] = room.version
    view = _view_of(content, room)
    quiz = read_room_quiz(content, room.view)
    note_owed(content, code, quiz)
    on_quiz = view is not None and view.page == QUIZ_PAGE
    showing = quiz.question if on_quiz and quiz and quiz.stage == "revealed" else None
    render_owed(content, settings, showing=showing)
    _join_status(content, code)
    phone = _phone(code) if _joined(code) else None
    if on_quiz:
        render_phone_quiz(content, settings, get_store(settings), code, quiz, phone)
    else:
        _render_view(content, settings, view)
    if phone is not None:
        room_waker(room=code, phone=phone, version=room.version)


def render_join_page(content: Content, settings: Settings) -> None:
    words = content.modes.workshop
    requested = st.query_params.get_all(ROOM_PARAM)
    if requested:
        code = parse_code(requested[-1])
        if code is None:
            # Never shown back: what a link carries is not ours to print.
            _problem(content, words.bad_code)
            return
        if code != st.session_state.get(ROOM_KEY):
            # A new code: after a few wrong ones this connection waits longer before each try.
            wait = guess_wait_left(st.session_state, MISSES_KEY, time.monotonic())
            if wait > 0:
                FLOODS.note(GUESS_WAIT)
                # Never "1 seconds": the wait is shown as 2 or more.
                _problem(content, words.code_wait.format(seconds=max(2, math.ceil(wait))))
                return
            _forget_room()
            st.session_state[ROOM_KEY] = code
    code = st.session_state.get(ROOM_KEY)
    if not isinstance(code, str):
        render_owed(content, settings)
        st.title(content.page(JOIN_PAGE).title)
        st.markdown(words.join_lead)
        render_join_form(content, key="join")
        return
    _follow(content, settings, code)


def render_away_banner(content: Content, settings: Settings, page_id: str) -> None:
    """On the guide's other pages, a phone in a room can always go back to the presenter."""
    if page_id != JOIN_PAGE:
        # Explanations this phone still owes follow it to every page until read.
        render_owed(content, settings)
    code = st.session_state.get(ROOM_KEY)
    if not isinstance(code, str) or page_id == JOIN_PAGE:
        return
    words = content.modes.workshop
    try:
        store = get_store(settings)
        status = store.status(code)
    except RoomStoreUnavailable:
        status, store = None, None
    if store is not None and (status is None or status.ended):
        _forget_room()
        st.info(words.ended if status else words.unknown_room, icon=":material/info:")
        return
    waiting = _question_waiting(content, store, code)
    with st.container(horizontal=True, vertical_alignment="center", key="workshop-away"):
        st.markdown(words.away.format(code=spoken(code)))
        st.space("stretch")
        if st.button(words.back, key="workshop-back", icon=":material/groups:", type="primary"):
            st.switch_page(_page(content, JOIN_PAGE), query_params={ROOM_PARAM: code})
    if waiting is not None:
        # The button above leads to it: the phone then shows the question to answer.
        st.info(words.question_waiting, icon=":material/quiz:")
    if store is not None:

        @st.fragment(run_every=AWAY_POLL_SECONDS)
        def still_open() -> None:
            try:
                current = store.status(code)
                if current is not None and not current.ended:
                    _beat_if_due(store, code)
            except RoomStoreUnavailable:
                return
            if current is None or current.ended:
                st.rerun()
            # A question asked (or closed) since the page was drawn: draw the banner again.
            if _question_waiting(content, store, code) != waiting:
                st.rerun()

        still_open()


def _question_waiting(content: Content, store: RoomStore | None, code: str) -> str | None:
    if store is None:
        return None
    try:
        room = store.room(code)
    except RoomStoreUnavailable:
        return None
    if room is None:
        return None
    return open_question_unanswered(content, st.session_state, code, room.view)
