"""The knowledge check on screen: the presenter's page (ask, close, reveal, live counts, summary)
and a phone's question (large answer buttons, then the right answer and why)."""

from __future__ import annotations

import time
from collections.abc import Mapping
from functools import partial
from typing import Any

import streamlit as st

from sciatica_guide.content import Content
from sciatica_guide.content.models import QuizQuestion, QuizWords
from sciatica_guide.content.workshop_models import TIMER_CHOICES
from sciatica_guide.session import StateMap
from sciatica_guide.settings import Settings
from sciatica_guide.text import escape_markdown, plain_markdown
from sciatica_guide.ui.blocks import source_list
from sciatica_guide.ui.controls import drawn_key
from sciatica_guide.ui.country import session_help
from sciatica_guide.ui.focus import focus_button
from sciatica_guide.workshop import open_ui, quiz
from sciatica_guide.workshop.countdown import countdown
from sciatica_guide.workshop.limits import ANSWER_REFUSED, ANSWERS_PER_CONNECTION, FLOODS, allow
from sciatica_guide.workshop.open_ui import SLIDE_COLUMNS
from sciatica_guide.workshop.quiz import QUIZ_PAGE, VIEW_KEY, QuizState
from sciatica_guide.workshop.rooms import (
    RoomStore,
    RoomStoreUnavailable,
)
from sciatica_guide.workshop.state import (
    ANSWER_TIMES_KEY,
    LATE_KEY,
    MINE_KEY,
    OWED_KEY,
    PHONE_NOTICE_KEY,
    PRESENTER_ASKED_KEY,
    PRESENTER_QUIZ_KEY,
    PRESENTER_ROOM_KEY,
    PRESSED_KEY,
    READ_KEY,
    TIMER_CHOSEN_KEY,
)
from sciatica_guide.workshop.streamlit_store import (
    get_store,
    unavailable_line,
)
from sciatica_guide.workshop.summary_ui import chart_module, render_summary

#: How often the projector's counts are refreshed: the chart shows final counts within about
#: this long after the last answer (benchmarks/workshop_bench.py measures it).
LIVE_SECONDS = 1.0


# --- what the presenter shares -------------------------------------------------------------------
def presenter_state(content: Content, state: StateMap) -> QuizState | None:
    """The presenter's check in the current room; None without a room."""
    code = state.get(PRESENTER_ROOM_KEY)
    if code is None:
        return None
    stored = state.get(PRESENTER_QUIZ_KEY)
    if isinstance(stored, tuple) and stored[0] == code:
        return stored[1]
    return quiz.first_state(content)


#: The projector's keys for the previous and next question (as for the article's sections).
ARROW_KEYS = {"quiz-previous": "Left", "quiz-next": "Right"}
#: The timer's Start / Stop button (T).
TIMER_TOGGLE = "quiz-timer-toggle"
#: Where keyboard focus goes when the pressed control is disabled by its own press.
NEXT_CONTROL = {
    "ready": "quiz-open",
    "open": "quiz-close",
    "closed": "quiz-reveal",
    "revealed": "quiz-next",
}


def _set_state(
    content: Content, drawn_for: QuizState, change: Any, *args: Any, pressed: str = ""
) -> None:
    """One control's move, applied only from the question and stage it was drawn for: a second
    click on the same button (double-click, replay) finds the check moved on and does nothing."""
    state = presenter_state(content, st.session_state)
    if state is None or state != drawn_for:
        return
    st.session_state[PRESSED_KEY] = pressed
    new = change(state, *args)
    st.session_state[PRESENTER_QUIZ_KEY] = (st.session_state[PRESENTER_ROOM_KEY], new)
    if new.stage == "open":
        code = st.session_state[PRESENTER_ROOM_KEY]
        known = _asked(st.session_state, code)
        st.session_state[PRESENTER_ASKED_KEY] = (code, tuple(dict.fromkeys((*known, new.question))))


def _asked(state: StateMap, code: str) -> tuple[str, ...]:
    stored = state.get(PRESENTER_ASKED_KEY)
    return stored[1] if isinstance(stored, tuple) and stored[0] == code else ()


def timer_choice_key(question: QuizQuestion) -> str:
    return f"quiz-timer-choice-{question.id}"


def _chosen_seconds(question: QuizQuestion) -> int:
    """The time the presenter chose for the question (at first, the content's)."""
    chosen = st.session_state.get(TIMER_CHOSEN_KEY, {}).get(question.id, question.timer)
    return chosen if chosen in TIMER_CHOICES else 0


def _remember_choice(question: QuizQuestion) -> None:
    chosen = st.session_state.get(timer_choice_key(question))
    st.session_state[TIMER_CHOSEN_KEY] = st.session_state.get(TIMER_CHOSEN_KEY, {}) | {
        question.id: chosen if chosen in TIMER_CHOICES else 0
    }


def _ask(state: QuizState, question: QuizQuestion) -> QuizState:
    return quiz.ask(state, _chosen_seconds(question), time.time())


def _toggle_timer(state: QuizState, question: QuizQuestion) -> QuizState:
    if state.closes_at is not None:
        return quiz.stop_timer(state)
    return quiz.start_timer(state, _chosen_seconds(question), time.time())


def quiz_publication(
    content: Content, state: StateMap, page_id: str
) -> tuple[dict[str, Any], str | None, float | None]:
    """The check's part of the room's view, the question phones may answer now, and for how
    many more seconds (its timer; None: until the presenter closes it).

    A timer that has ended closes the question here, in the presenter's own state: the room
    then hears that answers are closed (the store stopped taking them already)."""
    current = presenter_state(content, state)
    if current is None:
        return {}, None, None
    now = time.time()
    settled = quiz.settle(current, now)
    if settled != current:
        state[PRESENTER_QUIZ_KEY] = (state[PRESENTER_ROOM_KEY], settled)
    accepting = quiz.accepting(settled, page_id, now)
    left = quiz.seconds_left(settled, now) if accepting is not None else None
    return {VIEW_KEY: settled.as_dict()}, accepting, left


# --- the presenter's page ------------------------------------------------------------------------
def _question(content: Content, question_id: str) -> tuple[int, QuizQuestion]:
    for index, question in enumerate(content.workshop.questions):
        if question.id == question_id:
            return index, question
    return 0, content.workshop.questions[0]


def _sources(content: Content, question: QuizQuestion) -> None:
    label = content.site.labels.sources
    st.caption(f"{label}: {source_list(content, list(question.sources))}")


def render_explanation(content: Content, settings: Settings, question: QuizQuestion) -> None:
    """The right answer, why (ending with what to do for an urgent-help question), the sources;
    for an open question, what the guide says."""
    words = content.workshop.words
    number = session_help().number
    if question.is_open:
        st.markdown(f"**{escape_markdown(words.guide_says)}**")
        st.info(
            content.quiz_explanation(question, plain_markdown(number)), icon=":material/lightbulb:"
        )
        _sources(content, question)
        return
    words = content.workshop.words
    right = ", ".join(quiz.option_label(question, a, words) for a in question.answers)
    st.markdown(f"**{escape_markdown(words.right_answer.format(answer=right))}**")
    st.markdown(f"**{escape_markdown(words.why_heading)}**")
    text = content.quiz_explanation(question, plain_markdown(number))
    if content.quiz_level(question) is not None:
        st.error(text, icon=":material/warning:")
    else:
        st.info(text, icon=":material/lightbulb:")
    _sources(content, question)


def _question_heading(question: QuizQuestion, *, beside: bool = True) -> None:
    """The question as the slide's heading: beside the room's answers, or alone (smaller when
    beside them: guide's presenter.css)."""
    with st.container(key="quiz-question-beside" if beside else "quiz-question"):
        st.markdown(f"## {escape_markdown(question.question)}")


def _live_counts(
    content: Content, settings: Settings, code: str, question: QuizQuestion, revealed: bool
) -> None:
    words = content.workshop.words
    options = [o.id for o in question.options]

    @st.fragment(run_every=LIVE_SECONDS)
    def live() -> None:
        try:
            store = get_store(settings)
            counts = quiz.clean_tally(store.tally(code, question.id), options)
            phones = store.phones(code)
        except RoomStoreUnavailable as error:
            _question_heading(question)
            line = unavailable_line(content.modes.workshop.unavailable_presenter, settings, error)
            st.error(escape_markdown(line), icon=":material/error:")
            return
        total = quiz.answered(counts)
        line = words.answered.format(count=total, phones=max(phones, total))
        shown = quiz.shown_counts(counts)
        left, right = st.columns(SLIDE_COLUMNS, gap="large")
        with left:
            _question_heading(question)
            open_ui.answered_line(line)
        if shown is None:
            # Until the chart (which names them) shows, the options are listed.
            with right:
                _options_list(question, content.workshop.words)
            left.info(
                words.hidden.format(threshold=quiz.MIN_SHOWN), icon=":material/visibility_off:"
            )
            return
        frame = chart_module().counts_frame(content, question, shown, revealed=revealed)
        right.plotly_chart(
            chart_module().counts_figure(content, frame),
            config={"displayModeBar": False, "staticPlot": True},
            # Streamlit's theme would shrink the labels: the figure sets its own large type.
            theme=None,
            key="quiz-chart",
            width="stretch",
        )
        with left, st.container(key="quiz-counts-table"):
            st.table(chart_module().counts_table(content, frame), hide_index=True)

    live()


def _options_list(question: QuizQuestion, words: QuizWords) -> None:
    """The options as the room reads them ("A. ..."): one list, not a paragraph each."""
    with st.container(key="quiz-options-list"):
        st.markdown(
            "\n".join(
                f"- {escape_markdown(quiz.option_label(question, o.id, words))}"
                for o in question.options
            )
        )


def render_presenter_quiz(content: Content, settings: Settings) -> None:
    """The check as a slide: a one-line title, the controls (always on a 720-line projector's
    screen, above anything that grows), the question, then the countdown and the counts."""
    words = content.workshop.words
    title = content.page(QUIZ_PAGE).title
    state = presenter_state(content, st.session_state)
    code = st.session_state.get(PRESENTER_ROOM_KEY)
    if state is None or code is None:
        with st.container(key="quiz-title"):
            st.title(title, anchor=False)
        st.caption(words.page_lead)
        st.info(words.no_room, icon=":material/groups:")
        return
    index, question = _question(content, state.question)
    total = len(content.workshop.questions)
    label = words.question_label.format(number=index + 1, total=total)
    timed = state.stage in ("ready", "open")
    toggle = None
    with st.container(key="quiz-title", horizontal=True, vertical_alignment="center"):
        st.title(f"{title}: {label}", anchor=False)
        left = quiz.seconds_left(state, time.time())
        if left is not None:
            # Beside the title: on screen whatever the chart below takes.
            countdown(content, state, left, large=True)
        if timed:
            if left is None:
                # While the timer runs, the countdown stands in its place.
                _timer_choice(content, state, question)
            toggle = _timer_toggle(content, state, question)
    stage_words = {
        "ready": words.stage_ready,
        "open": words.stage_open,
        "closed": words.stage_closed,
        "revealed": words.stage_revealed,
    }
    controls: list[tuple[str, str, bool, tuple[Any, ...]]] = [
        # key, words, disabled, what it changes (with its arguments)
        ("quiz-previous", words.previous, index == 0, (quiz.move, content, -1)),
        ("quiz-open", words.open, state.stage == "open", (_ask, question)),
        ("quiz-close", words.close, state.stage != "open", (quiz.close,)),
        (
            "quiz-reveal",
            words.reveal_open if question.is_open else words.reveal,
            state.stage in ("ready", "revealed"),
            (quiz.reveal,),
        ),
        ("quiz-next", words.next, index == total - 1, (quiz.move, content, 1)),
    ]
    # Each button carries the question and stage it is drawn for (ui/controls.py).
    drawn = {key: drawn_key(key, state.question, state.stage) for key, *_ in controls}
    with st.container(horizontal=True, key="quiz-controls", vertical_alignment="bottom"):
        for key, label_text, disabled, change in controls:
            st.button(
                label_text,
                key=drawn[key],
                type="primary" if key == "quiz-open" else "secondary",
                disabled=disabled,
                on_click=_set_state,
                args=(content, state, *change),
                kwargs={"pressed": key},
                # The arrow keys step through questions as they step through the article.
                shortcut=ARROW_KEYS.get(key),
            )
        # Beside the controls it describes: the slide keeps its lines.
        st.caption(stage_words[state.stage])
    pressed = st.session_state.pop(PRESSED_KEY, None)
    if pressed == TIMER_TOGGLE and toggle is not None:
        focus_button(toggle)
    elif pressed is not None:
        # The pressed button is drawn anew (its key names the new stage), or disabled by its own
        # press: either way it has lost keyboard focus, so hand it on.
        enabled = [key for key, _, disabled, _ in controls if not disabled]
        after = pressed if pressed in enabled else NEXT_CONTROL.get(state.stage, "quiz-open")
        focus_button(drawn[after if after in enabled else enabled[0]])
    if question.is_open and state.stage == "ready":
        _question_heading(question, beside=False)
    elif question.is_open:
        open_ui.render_room_words(
            content, settings, code, question, heading=partial(_question_heading, question)
        )
    elif state.stage == "ready":
        asked, options = st.columns(SLIDE_COLUMNS, gap="large")
        with asked:
            _question_heading(question)
        with options:
            _options_list(question, content.workshop.words)
    else:
        _live_counts(content, settings, code, question, state.stage == "revealed")
    if state.stage == "revealed":
        render_explanation(content, settings, question)
    render_summary(content, settings, code, _asked(st.session_state, code))


def _timer_choice(content: Content, state: QuizState, question: QuizQuestion) -> None:
    """The time to answer, chosen before the timer starts (at first, the content's)."""
    words = content.workshop.words
    key = timer_choice_key(question)
    if key not in st.session_state:
        st.session_state[key] = _chosen_seconds(question)
    st.segmented_control(
        words.timer_label,
        TIMER_CHOICES,
        key=key,
        format_func=lambda s: (
            f":material/timer_off: {words.timer_off}"
            if s == 0
            else words.timer_choice.format(seconds=s)
        ),
        # The label is read out, not shown: the choices and the icon say what they are.
        label_visibility="collapsed",
        width="content",
        on_change=_remember_choice,
        args=(question,),
    )


def _timer_toggle(content: Content, state: QuizState, question: QuizQuestion) -> str:
    """Start / Stop the timer (T); returns the button's key."""
    words = content.workshop.words
    running = state.closes_at is not None
    # Its key names the state it is drawn for: a second press of an old button does nothing.
    toggle = drawn_key(TIMER_TOGGLE, state.question, state.stage, str(state.closes_at))
    st.button(
        words.timer_stop if running else words.timer_start,
        key=toggle,
        icon=":material/timer_off:" if running else ":material/timer:",
        shortcut="T",
        disabled=not running and _chosen_seconds(question) == 0,
        on_click=_set_state,
        args=(content, state, _toggle_timer, question),
        kwargs={"pressed": TIMER_TOGGLE},
    )
    return toggle


# --- a phone -------------------------------------------------------------------------------------
def read_room_quiz(content: Content, view: Mapping[str, Any]) -> QuizState | None:
    """The check as the room's view says, untrusted: odd values and unbelievable timers out."""
    current = quiz.read_quiz(view.get(VIEW_KEY), [q.id for q in content.workshop.questions])
    return None if current is None else quiz.believable(current, time.time())


def open_question_unanswered(
    content: Content, state: StateMap, code: str, view: Mapping[str, Any]
) -> str | None:
    """The question the room has open that this phone has not answered yet, or None."""
    current = read_room_quiz(content, view)
    if current is None or current.question in _mine(state, code):
        return None
    if quiz.stage_at(current, time.time()) != "open":
        return None
    if state.get(LATE_KEY) == (code, current.question):
        return None  # asked before this phone joined: nothing to go back for
    return current.question


def _mine(state: StateMap, code: str) -> dict[str, str]:
    stored = state.get(MINE_KEY)
    if not isinstance(stored, dict) or stored.get("room") != code:
        stored = state[MINE_KEY] = {"room": code, "answers": {}}
    return stored["answers"]


def _answer(store: RoomStore, code: str, question: str, option: str, phone: str) -> None:
    if not allow(st.session_state, ANSWER_TIMES_KEY, ANSWERS_PER_CONNECTION, time.monotonic()):
        FLOODS.note(ANSWER_REFUSED)
        st.session_state[PHONE_NOTICE_KEY] = "slow"
        return
    try:
        taken = store.answer(code, question, phone, option)
    except RoomStoreUnavailable:
        st.session_state[PHONE_NOTICE_KEY] = "unavailable"
        return
    if taken == "ok":
        _mine(st.session_state, code)[question] = option
    elif taken == "late":
        st.session_state[LATE_KEY] = (code, question)
    elif taken == "busy":
        FLOODS.note(ANSWER_REFUSED)
        st.session_state[PHONE_NOTICE_KEY] = "slow"
    else:
        st.session_state[PHONE_NOTICE_KEY] = "too_late"


def note_owed(content: Content, code: str, current: QuizState | None) -> None:
    """Remember every urgent-help question this phone got wrong once it is revealed, so its
    explanation stays on this phone (even after the room ends) until it is marked as read."""
    if current is None:
        return
    read = st.session_state.get(READ_KEY, ())
    owed = quiz.owed_explanations(content, _mine(st.session_state, code), current.revealed, read)
    if owed:
        known = st.session_state.get(OWED_KEY, ())
        st.session_state[OWED_KEY] = tuple(dict.fromkeys((*known, *(q.id for q in owed))))


def _mark_read(question_id: str) -> None:
    st.session_state[READ_KEY] = (*st.session_state.get(READ_KEY, ()), question_id)
    owed = st.session_state.get(OWED_KEY, ())
    st.session_state[OWED_KEY] = tuple(q for q in owed if q != question_id)


def render_owed(content: Content, settings: Settings, *, showing: str | None = None) -> None:
    """The explanations this phone still owes, above anything else, each with "I have read it"."""
    words = content.workshop.words
    for question_id in st.session_state.get(OWED_KEY, ()):
        question = content.workshop.question(question_id)
        if question is None or question_id == showing:
            continue
        with st.container(border=True, key=f"quiz-owed-{question_id}"):
            st.markdown(f"### {escape_markdown(words.owed_heading)}")
            st.markdown(escape_markdown(question.question))
            render_explanation(content, settings, question)
            st.button(
                words.owed_done,
                key=f"quiz-owed-done-{question_id}",
                on_click=_mark_read,
                args=(question_id,),
                width="stretch",
            )


def render_phone_quiz(
    content: Content,
    settings: Settings,
    store: RoomStore,
    code: str,
    current: QuizState | None,
    phone: str | None,
) -> None:
    """The question on a phone; `phone` is its token once it counts in the room (None: it can
    read the question but not answer yet)."""
    words = content.workshop.words
    now = time.time()
    stage = None if current is None else quiz.stage_at(current, now)
    if current is None or stage != "open":
        # Asked again later, a question this phone was late for takes its answer.
        st.session_state.pop(LATE_KEY, None)
    if current is None or stage == "ready":
        st.info(words.phone_waiting, icon=":material/hourglass_empty:")
        return
    index, question = _question(content, current.question)
    total = len(content.workshop.questions)
    st.markdown(f"**{words.question_label.format(number=index + 1, total=total)}**")
    st.markdown(f"### {escape_markdown(question.question)}")
    notice = st.session_state.pop(PHONE_NOTICE_KEY, None)
    # An open answer that could not be sent: its message goes beside the box (below).
    problem = open_ui.open_problem(content, notice)
    if notice == "too_late":
        st.warning(words.phone_too_late, icon=":material/lock:")
    elif notice == "unavailable":
        st.warning(content.modes.workshop.unavailable, icon=":material/error:")
    elif notice == "slow":
        st.warning(words.phone_slow, icon=":material/hourglass_empty:")
    mine = _mine(st.session_state, code).get(question.id)
    answering = stage == "open"
    left = quiz.seconds_left(current, now)
    if left is not None:
        countdown(content, current, left)
    late = st.session_state.get(LATE_KEY) == (code, question.id)
    if answering and phone is not None and not late:
        try:
            late = not store.can_answer(code, question.id, phone)
        except RoomStoreUnavailable:
            late = False  # a tap says what the store says once it is back
        if late:
            st.session_state[LATE_KEY] = (code, question.id)
    can_answer = answering and phone is not None and not late
    revealed = stage == "revealed"
    if answering and late:
        st.info(words.phone_late, icon=":material/schedule:")
    elif can_answer and not question.is_open:
        st.caption(words.phone_prompt)
    if question.is_open:
        open_ui.render_open_answer(
            content,
            question,
            mine,
            can_answer=can_answer,
            send=partial(_answer, store, code, question.id, phone=phone or ""),
            problem=problem,
        )
    else:
        _option_buttons(question, mine, can_answer, revealed, store, code, phone, words)
    chosen_label = quiz.option_label(question, mine, words) if mine and not question.is_open else ""
    if answering and chosen_label:
        st.success(escape_markdown(words.phone_saved.format(answer=chosen_label)))
    elif quiz.time_was_up(current, now):
        st.info(words.time_up, icon=":material/timer_off:")
    elif stage == "closed":
        st.info(words.phone_closed, icon=":material/lock:")
    if revealed and not question.is_open:
        # An open question has no right answer: only what the guide says follows.
        if not chosen_label:
            st.info(words.phone_none)
        elif question.is_right(mine):
            st.success(words.phone_right, icon=":material/check_circle:")
        else:
            st.warning(escape_markdown(words.phone_wrong.format(answer=chosen_label)))
    if revealed:
        render_explanation(content, settings, question)


def _option_buttons(
    question: QuizQuestion,
    mine: str | None,
    can_answer: bool,
    revealed: bool,
    store: RoomStore,
    code: str,
    phone: str | None,
    words: QuizWords,
) -> None:
    """A choice question's options: large buttons, the phone's own answer marked."""
    right_marker = words.right_marker
    with st.container(key="quiz-options"):
        for number, option in enumerate(question.options):
            chosen = option.id == mine
            right = revealed and question.is_right(option.id)
            label = escape_markdown(quiz.option_label(question, option.id, words))
            if right:
                label = f"{label} {escape_markdown(right_marker)}"
            st.button(
                label,
                key=f"quiz-option-{question.id}-{number}",
                type="primary" if chosen else "secondary",
                icon=":material/check_circle:" if chosen else None,
                disabled=not can_answer,
                on_click=_answer,
                args=(store, code, question.id, option.id, phone or ""),
                width="stretch",
            )
