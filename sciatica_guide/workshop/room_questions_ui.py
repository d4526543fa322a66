"""The room's questions on screen: a phone asks and votes, the presenter reviews them in a window
of their own and shows one on the projector (docs/decisions/0006-room-questions-review.md).

The projector is what the room sees, so it never lists questions: it shows how many are new, a
"Review questions" link (a new window carrying the room's review secret), and the one question
the presenter chose to show. The review page lists every question in tabs by state.
"""

from __future__ import annotations

import contextlib
import hmac
import time
from typing import Any

import streamlit as st

from sciatica_guide.content import Content
from sciatica_guide.content.workshop_models import RoomQuestionWords
from sciatica_guide.settings import Settings
from sciatica_guide.text import escape_markdown
from sciatica_guide.ui.controls import drawn_key
from sciatica_guide.workshop import room_questions
from sciatica_guide.workshop.codes import parse_code, spoken
from sciatica_guide.workshop.limits import ANSWERS_PER_CONNECTION, allow
from sciatica_guide.workshop.open_ui import plain_answer
from sciatica_guide.workshop.rooms import (
    QuestionState,
    RoomQuestion,
    RoomStore,
    RoomStoreUnavailable,
)
from sciatica_guide.workshop.state import (
    ASK_NOTICE_KEY,
    MY_QUESTIONS_KEY,
    REVIEW_ROOM_KEY,
    VOTE_TIMES_KEY,
)
from sciatica_guide.workshop.streamlit_store import get_store

#: How often the projector reads the room's questions (the count, the one shown, its votes).
PROJECTOR_SECONDS = 0.5
#: How often the review page reads them.
REVIEW_SECONDS = 1.0
#: How often a phone with its questions panel open reads them (closed, never: 200 idle phones
#: cost the server nothing).
PHONE_SECONDS = 5.0
#: The review page's address (pages.yaml) and what its link carries.
REVIEW_PATH = "room-questions"
ROOM_PARAM = "room"
KEY_PARAM = "key"
ASK_INPUT_KEY = "room-ask-text"


def _words(content: Content) -> RoomQuestionWords:
    return content.workshop.room_questions


def state_label(words: RoomQuestionWords, state: QuestionState) -> str:
    return {
        "new": words.state_new,
        "room": words.state_room,
        "shown": words.state_shown,
        "answered": words.state_answered,
        "hidden": words.state_hidden,
    }[state]


# --- the phone -----------------------------------------------------------------------------------
def _mine(code: str) -> list[str]:
    """This session's own questions in this room (their ids): only this phone knows them."""
    stored = st.session_state.get(MY_QUESTIONS_KEY)
    if isinstance(stored, tuple) and stored[0] == code and isinstance(stored[1], list):
        return stored[1]
    st.session_state[MY_QUESTIONS_KEY] = (code, [])
    return st.session_state[MY_QUESTIONS_KEY][1]


def _ask(content: Content, settings: Settings, code: str, phone: str) -> None:
    words = _words(content)
    checked = room_questions.check_question(st.session_state.get(ASK_INPUT_KEY))
    if checked.problem is not None:
        messages = {
            "empty": words.ask_empty,
            "long": words.ask_long.format(limit=room_questions.MAX_ASK_CHARS, count=checked.length),
            "no_words": words.ask_no_words,
            "hidden_characters": words.ask_hidden_characters,
        }
        st.session_state[ASK_NOTICE_KEY] = ("warning", messages[checked.problem])
        return
    try:
        result, question_id = get_store(settings).ask(code, phone, checked.text)
    except RoomStoreUnavailable:
        st.session_state[ASK_NOTICE_KEY] = ("warning", content.modes.workshop.unavailable)
        return
    if result == "ok" and question_id is not None:
        _mine(code).append(question_id)
        st.session_state[ASK_INPUT_KEY] = ""
        st.session_state[ASK_NOTICE_KEY] = ("success", words.ask_sent)
    elif result == "full":
        st.session_state[ASK_NOTICE_KEY] = ("warning", words.ask_full)
    elif result == "busy":
        st.session_state[ASK_NOTICE_KEY] = ("warning", words.ask_busy)
    else:
        st.session_state[ASK_NOTICE_KEY] = ("warning", content.modes.workshop.unavailable)


def _vote(settings: Settings, code: str, question_id: str, phone: str, drawn_voted: bool) -> None:
    # The button says what it was drawn for: a double tap or a replayed tap sets the same vote.
    if not allow(st.session_state, VOTE_TIMES_KEY, ANSWERS_PER_CONNECTION, time.monotonic()):
        return
    try:
        get_store(settings).vote(code, question_id, phone, up=not drawn_voted)
    except RoomStoreUnavailable:
        return


def render_phone_questions(content: Content, settings: Settings, code: str, phone: str) -> None:
    """Below what the phone follows: a closed panel; open, the box to ask and the questions the
    room can see, each with a vote."""
    words = _words(content)
    panel = st.expander(
        words.ask_heading, icon=":material/forum:", key="room-questions-phone", on_change="rerun"
    )
    if not panel.open:
        return
    with panel:

        @st.fragment(run_every=PHONE_SECONDS)
        def live() -> None:
            _phone_panel(content, settings, code, phone)

        live()


def _phone_panel(content: Content, settings: Settings, code: str, phone: str) -> None:
    words = _words(content)
    st.caption(words.ask_lead)
    # Kept until the next send: the panel redraws every few seconds.
    notice = st.session_state.get(ASK_NOTICE_KEY)
    if isinstance(notice, tuple) and notice[0] == "success":
        st.success(notice[1], icon=":material/check_circle:")
    elif isinstance(notice, tuple):
        st.warning(notice[1], icon=":material/edit:")
    with st.form(key="room-ask-form", border=False, enter_to_submit=False):
        # No max_chars: Streamlit would cut a longer (pasted) question without a word.
        st.text_area(
            words.ask_input.format(limit=room_questions.MAX_ASK_CHARS),
            key=ASK_INPUT_KEY,
            height=96,
        )
        st.form_submit_button(
            words.ask_send,
            type="primary",
            icon=":material/send:",
            on_click=_ask,
            args=(content, settings, code, phone),
            width="stretch",
        )
    try:
        questions = get_store(settings).room_questions(code, phone)
    except RoomStoreUnavailable:
        st.caption(escape_markdown(content.modes.workshop.unavailable))
        return
    by_id = {q.id: q for q in questions}
    mine = [by_id[i] for i in _mine(code) if i in by_id]
    if mine:
        st.markdown(f"**{escape_markdown(words.yours_heading)}**")
        for question in mine:
            state = escape_markdown(state_label(words, question.state))
            st.markdown(f"{plain_answer(question.text)}  \n:small[{state}]")
    st.markdown(f"**{escape_markdown(words.room_heading)}**")
    seen = room_questions.seen_by_room(questions)
    if not seen:
        st.caption(words.room_empty)
    for question in seen:
        _phone_question(content, settings, code, phone, question)


def _phone_question(
    content: Content, settings: Settings, code: str, phone: str, question: RoomQuestion
) -> None:
    words = _words(content)
    with st.container(border=True, key=f"room-q-{question.id}"):
        if question.state != "room":
            st.caption(state_label(words, question.state))
        st.markdown(plain_answer(question.text))
        voted = question.voted
        label = words.voted if voted else words.vote
        st.button(
            label.format(count=question.votes),
            key=drawn_key(f"room-vote-{question.id}", voted),
            icon=":material/thumb_up:",
            type="primary" if voted else "secondary",
            help=words.voted_help if voted else words.vote_help,
            on_click=_vote,
            args=(settings, code, question.id, phone, voted),
        )


# --- the projector -------------------------------------------------------------------------------
def review_link(store: RoomStore, code: str) -> str | None:
    """The review page's address for this room, relative to the page the presenter is on (so
    it keeps any base path); standard mode, whatever mode the presenter's window is in."""
    key = store.review_key(code)
    if key is None:
        return None
    return f"{REVIEW_PATH}?mode=standard&{ROOM_PARAM}={code}&{KEY_PARAM}={key}"


def render_strip_questions(content: Content, settings: Settings, code: str) -> None:
    """In the projector's strip: how many questions are new, and the review link."""
    words = _words(content)
    # Once per page run, not every half second: a room's review link never changes (with Redis,
    # reading it is a script run). Read in the fragment only while the store was out of reach.
    try:
        drawn_link = review_link(get_store(settings), code)
    except RoomStoreUnavailable:
        drawn_link = None

    @st.fragment(run_every=PROJECTOR_SECONDS)
    def count() -> None:
        try:
            store = get_store(settings)
            new = room_questions.new_count(store.room_questions(code))
            link = drawn_link or review_link(store, code)
        except RoomStoreUnavailable:
            return
        if link is not None:
            # One button, the count in its name; no icon, so it is no wider than the room code
            # above it and the strip stays one row at 1280x720.
            st.link_button(
                words.strip_count.format(count=new),
                link,
                type="primary" if new else "secondary",
                help=words.review_help,
                shortcut="Q",
            )

    count()


def _move(settings: Settings, code: str, question_id: str, state: QuestionState) -> None:
    # Out of reach: nothing moves, and the next read (within a second) shows what is so.
    with contextlib.suppress(RoomStoreUnavailable):
        get_store(settings).set_question_state(code, question_id, state)


def render_shown_question(content: Content, settings: Settings, code: str) -> None:
    """The question the presenter chose to show, large, above the slide; nothing otherwise."""
    words = _words(content)

    @st.fragment(run_every=PROJECTOR_SECONDS)
    def shown() -> None:
        try:
            question = room_questions.shown(get_store(settings).room_questions(code))
        except RoomStoreUnavailable:
            return
        if question is None:
            return
        with st.container(
            border=True, key="room-question-shown", horizontal=True, vertical_alignment="center"
        ):
            with st.container(gap="small"):
                facts = f"{words.shown_heading} · {words.votes.format(count=question.votes)}"
                st.caption(f"**{escape_markdown(facts)}**")
                with st.container(key="room-question-shown-text"):
                    st.markdown(plain_answer(question.text))
            # The buttons beside it, in one row: the panel stays low on a 720-line projector.
            for label, key, icon, state in (
                (words.mark_answered, "room-shown-answered", ":material/task_alt:", "answered"),
                (words.stop_showing, "room-shown-stop", ":material/visibility_off:", "room"),
            ):
                st.button(
                    label,
                    key=drawn_key(key, question.id),
                    icon=icon,
                    on_click=_move,
                    args=(settings, code, question.id, state),
                )

    # In a slot the stylesheet hides while it is empty: an empty element would still take a
    # gap's height from the slide.
    with st.container(key="room-question-slot"):
        shown()


# --- the review page -----------------------------------------------------------------------------
def _review_room(settings: Settings) -> str | None:
    """The room this window reviews: from the link's room and secret (then taken out of the
    address bar), or remembered from that first run."""
    query = st.query_params
    if ROOM_PARAM in query or KEY_PARAM in query:
        code = parse_code(query.get(ROOM_PARAM))
        given = query.get(KEY_PARAM) or ""
        for name in (ROOM_PARAM, KEY_PARAM):
            query.pop(name, None)
        try:
            key = get_store(settings).review_key(code) if code else None
        except RoomStoreUnavailable:
            key = None
        if code and key and hmac.compare_digest(key.encode(), given.encode()):
            st.session_state[REVIEW_ROOM_KEY] = code
        else:
            st.session_state.pop(REVIEW_ROOM_KEY, None)
    remembered = st.session_state.get(REVIEW_ROOM_KEY)
    return remembered if isinstance(remembered, str) else None


def render_review_page(content: Content, settings: Settings, title: str) -> None:
    words = _words(content)
    code = _review_room(settings)
    st.title(title)
    if code is None:
        st.info(words.review_no_room, icon=":material/lock:")
        return
    try:
        status = get_store(settings).status(code)
    except RoomStoreUnavailable:
        st.error(escape_markdown(content.modes.workshop.unavailable), icon=":material/error:")
        return
    if status is None or status.ended:
        st.session_state.pop(REVIEW_ROOM_KEY, None)
        st.info(words.review_ended, icon=":material/info:")
        return
    st.caption(
        f"{escape_markdown(words.review_room.format(code=spoken(code)))} · "
        f"{escape_markdown(words.review_lead)}"
    )

    @st.fragment(run_every=REVIEW_SECONDS)
    def live() -> None:
        try:
            questions = get_store(settings).room_questions(code)
        except RoomStoreUnavailable:
            st.error(escape_markdown(content.modes.workshop.unavailable), icon=":material/error:")
            return
        _review_lists(content, settings, code, room_questions.review_tabs(questions))

    live()


_TAB_STATES: tuple[str, ...] = ("new", "room", "answered", "hidden")


def _review_lists(
    content: Content, settings: Settings, code: str, tabs: room_questions.ReviewTabs
) -> None:
    words = _words(content)
    counts = {name: len(getattr(tabs, name)) for name in _TAB_STATES}
    labels = {
        "new": words.tab_new,
        "room": words.tab_room,
        "answered": words.tab_answered,
        "hidden": words.tab_hidden,
    }
    chosen = st.segmented_control(
        words.tabs_label,
        _TAB_STATES,
        format_func=lambda name: labels[name].format(count=counts[name]),
        default="new",
        key="room-review-tab",
        label_visibility="collapsed",
    )
    listed: list[RoomQuestion] = getattr(tabs, chosen or "new")
    if not listed:
        st.caption(words.tab_empty)
    for question in listed:
        _review_card(content, settings, code, question)


#: What the review page offers for a question in each state: (its next state, its words' field).
_ACTIONS: dict[str, tuple[tuple[QuestionState, str], ...]] = {
    "new": (("room", "let_room_see"), ("shown", "show"), ("hidden", "hide")),
    "room": (("shown", "show"), ("answered", "mark_answered"), ("hidden", "hide")),
    "shown": (("room", "stop_showing"), ("answered", "mark_answered"), ("hidden", "hide")),
    "answered": (("shown", "show"), ("room", "let_room_see"), ("hidden", "hide")),
    "hidden": (("room", "let_room_see"),),
}
_ICONS = {
    "room": ":material/visibility:",
    "shown": ":material/present_to_all:",
    "answered": ":material/task_alt:",
    "hidden": ":material/visibility_off:",
}


def _review_card(content: Content, settings: Settings, code: str, question: RoomQuestion) -> None:
    words = _words(content)
    with st.container(border=True, key=f"room-review-{question.id}"):
        facts = [
            words.number.format(number=question.number),
            words.votes.format(count=question.votes),
            state_label(words, question.state),
        ]
        st.caption(" · ".join(escape_markdown(f) for f in facts))
        st.markdown(plain_answer(question.text))
        with st.container(horizontal=True, gap="small"):
            for state, field in _ACTIONS[question.state]:
                label: Any = getattr(words, field)
                st.button(
                    label,
                    # Drawn for the question's state: a replayed click moves it once.
                    key=drawn_key(f"room-review-{state}-{question.id}", question.state),
                    icon=_ICONS[state if field != "stop_showing" else "hidden"],
                    type="primary" if state == "shown" else "secondary",
                    on_click=_move,
                    args=(settings, code, question.id, state),
                )
