"""An open question on screen: the room's words on the projector (a cloud, or ranked bars for a
few words; a tap hides a word), and the phone's box for a few words of its own.

Whatever a phone typed is shown as plain text only: plain_markdown in Markdown, html.escape in
HTML, and wrapped in Unicode's direction isolates so that right-to-left words cannot reorder
the sentence around them.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from sciatica_guide.content import Content
from sciatica_guide.content.models import QuizQuestion
from sciatica_guide.session import StateMap
from sciatica_guide.settings import Settings
from sciatica_guide.text import escape_markdown, plain_markdown
from sciatica_guide.workshop import open_answers
from sciatica_guide.workshop.open_answers import MAX_ANSWER_CHARS, RoomWords, Word
from sciatica_guide.workshop.quiz import MIN_SHOWN
from sciatica_guide.workshop.rooms import RoomStoreUnavailable
from sciatica_guide.workshop.state import HIDDEN_WORDS_KEY, PHONE_NOTICE_KEY
from sciatica_guide.workshop.streamlit_store import get_store, unavailable_line

#: How often the projector's words are refreshed: an answer shows within about this long
#: (benchmarks/open_bench.py: p95 0.98 s with 1 s, for 200 phones; the issue asks at most 1 s).
LIVE_SECONDS = 0.5
#: The knowledge check's slide under its controls: the question (and what is said about the
#: answers) on the left, what the room gave (options, chart, words) on the right. Side by side,
#: both start right under the controls: on a 720-line projector they are on screen with them.
SLIDE_COLUMNS = [2, 3]
#: Unicode's first-strong isolate and its end: a right-to-left answer stays inside its own
#: box of text, in whatever sentence it is shown.
_ISOLATE, _END_ISOLATE = "\u2068", "\u2069"


def plain_answer(text: str) -> str:
    """A person's answer as Markdown that shows exactly its characters, direction isolated."""
    return f"{_ISOLATE}{plain_markdown(text)}{_END_ISOLATE}"


# --- the presenter's words -----------------------------------------------------------------------
def hidden_by_question(state: StateMap, code: str) -> dict[str, set[str]]:
    """The words the presenter hid in this room, per question (their keys). One mapping for the
    room, changed in place: a download built after the page was drawn (outside any run, with
    no session to read) still sees every word hidden since."""
    stored = state.get(HIDDEN_WORDS_KEY)
    if not (isinstance(stored, tuple) and stored[0] == code and isinstance(stored[1], dict)):
        stored = state[HIDDEN_WORDS_KEY] = (code, {})
    return stored[1]


def hidden_words(state: StateMap, code: str, question_id: str) -> frozenset[str]:
    return frozenset(hidden_by_question(state, code).get(question_id, ()))


def _hide(code: str, question_id: str, key: str) -> None:
    hidden_by_question(st.session_state, code).setdefault(question_id, set()).add(key)


def _show_all(code: str, question_id: str) -> None:
    hidden_by_question(st.session_state, code)[question_id] = set()


def answered_line(line: str) -> None:
    """The "Answered: n of m phones" line, large on the projector."""
    # Inside HTML nothing is Markdown: html.escape, not escape_markdown.
    st.markdown(f"<p class='quiz-answered'>{html.escape(line)}</p>", unsafe_allow_html=True)


def words_of(
    content: Content, tally: Mapping[str, int], hidden: frozenset[str], *, limit: int | None
) -> RoomWords:
    return open_answers.room_words(tally, content.blocked_words.words, hidden, limit=limit)


def render_room_words(
    content: Content,
    settings: Settings,
    code: str,
    question: QuizQuestion,
    *,
    heading: Callable[[], None],
) -> None:
    """The projector's live words for an open question, from MIN_SHOWN answers: the question
    (`heading`) and the count on the left, the words on the right."""
    words = content.workshop.words

    @st.fragment(run_every=LIVE_SECONDS)
    def live() -> None:
        try:
            store = get_store(settings)
            tally = store.tally(code, question.id)
            phones = store.phones(code)
        except RoomStoreUnavailable as error:
            heading()
            line = unavailable_line(content.modes.workshop.unavailable_presenter, settings, error)
            st.error(escape_markdown(line), icon=":material/error:")
            return
        hidden = hidden_words(st.session_state, code, question.id)
        room = words_of(content, tally, hidden, limit=open_answers.MAX_SHOWN_WORDS)
        line = words.answered.format(count=room.answered, phones=max(phones, room.answered))
        left, right = st.columns(SLIDE_COLUMNS, gap="large")
        with left:
            heading()
            answered_line(line)
        if not room.shown:
            left.info(
                words.open_hidden.format(threshold=MIN_SHOWN), icon=":material/visibility_off:"
            )
            return
        with right:
            if room.words:
                if room.as_cloud:
                    _cloud(content, code, question, room.words)
                else:
                    _bars(content, code, question, room.words)
        with left:
            if room.words:
                st.caption(words.cloud_hint)
            _held_back(content, code, question, room)
            if room.words:
                with st.expander(words.cloud_list, icon=":material/list:"):
                    st.table(
                        {
                            # st.table reads Markdown: the room's words show as characters.
                            words.cloud_word_column: [plain_answer(w.text) for w in room.words],
                            words.count_column: [w.count for w in room.words],
                        },
                        hide_index=True,
                    )

    live()


def _word_button(content: Content, code: str, question: QuizQuestion, word: Word, key: str) -> None:
    # The key names the word it was drawn for (a digest: the word is a participant's text), not
    # only its place: a tap that arrives after the words moved (a new answer, a rerun that came
    # first) then matches no button instead of hiding whichever word now sits in that place.
    key = f"{key}--{hashlib.sha1(word.key.encode('utf-8')).hexdigest()[:10]}"
    st.button(
        # A button's label is Markdown: the word shows as typed, nothing more.
        plain_markdown(word.text),
        key=key,
        type="tertiary",
        help=content.workshop.words.cloud_word_help,
        on_click=_hide,
        args=(code, question.id, word.key),
    )


def _cloud(content: Content, code: str, question: QuizQuestion, shown: tuple[Word, ...]) -> None:
    """Most phones first and largest: reading order is the ranking too."""
    with st.container(key="quiz-cloud", horizontal=True, gap="small"):
        for index, word in enumerate(shown):
            _word_button(content, code, question, word, f"quiz-word-{word.size}-{index}")


def _bars(content: Content, code: str, question: QuizQuestion, shown: tuple[Word, ...]) -> None:
    """A few words: each a row with its bar and how many phones gave it."""
    top = max(w.count for w in shown)
    with st.container(key="quiz-word-bars"):
        for index, word in enumerate(shown):
            with st.container(
                key=f"quiz-bar-{index}", horizontal=True, vertical_alignment="center"
            ):
                _word_button(content, code, question, word, f"quiz-word-bar-{index}")
                share = round(100 * word.count / top)
                # Numbers only in the HTML: nothing a phone typed.
                st.markdown(
                    f"<div class='quiz-bar' style='--share:{share}%'>"
                    f"<span>{int(word.count)}</span></div>",
                    unsafe_allow_html=True,
                )


def _held_back(content: Content, code: str, question: QuizQuestion, room: RoomWords) -> None:
    words = content.workshop.words
    if not (room.hidden or room.blocked):
        return
    with st.container(horizontal=True, vertical_alignment="center", key="quiz-words-held"):
        if room.blocked:
            st.caption(words.cloud_filtered.format(count=room.blocked))
        if room.hidden:
            st.caption(words.cloud_hidden.format(count=room.hidden))
            st.button(
                words.cloud_show_hidden,
                key="quiz-words-show-hidden",
                icon=":material/visibility:",
                on_click=_show_all,
                args=(code, question.id),
            )


# --- a phone's answer ----------------------------------------------------------------------------
def open_input_key(question: QuizQuestion) -> str:
    return f"quiz-open-text-{question.id}"


def _send(question: QuizQuestion, send: Callable[[str], None]) -> None:
    checked = open_answers.check_answer(st.session_state.get(open_input_key(question)))
    if checked.problem is not None:
        st.session_state[PHONE_NOTICE_KEY] = ("open", checked.problem, checked.length)
        return
    send(checked.text)


def open_problem(content: Content, notice: Any) -> str | None:
    """The phone's message for an answer it could not send (a notice `_send` left)."""
    if not (isinstance(notice, tuple) and len(notice) == 3 and notice[0] == "open"):
        return None
    words = content.workshop.words
    messages = {
        "empty": words.open_empty,
        "long": words.open_long.format(limit=MAX_ANSWER_CHARS, count=notice[2]),
        "no_words": words.open_no_words,
        "hidden_characters": words.open_hidden_characters,
    }
    return messages.get(notice[1])


def render_open_answer(
    content: Content,
    question: QuizQuestion,
    mine: str | None,
    *,
    can_answer: bool,
    send: Callable[[str], None],
    problem: str | None = None,
) -> None:
    """The phone's box for an open question while it takes answers (with why the last answer
    could not be sent, right above it); what it sent, always."""
    words = content.workshop.words
    if can_answer:
        st.caption(words.open_prompt)
        if problem is not None:
            st.warning(problem, icon=":material/edit:")
        key = open_input_key(question)
        if key not in st.session_state and mine:
            st.session_state[key] = mine
        with st.form(key=f"quiz-open-form-{question.id}", border=False, enter_to_submit=True):
            # No max_chars: Streamlit would cut a longer (pasted) answer without a word; the
            # label says the limit and a longer answer gets its own message.
            st.text_input(
                words.open_input.format(limit=MAX_ANSWER_CHARS), key=key, autocomplete="off"
            )
            st.form_submit_button(
                words.open_send,
                type="primary",
                icon=":material/send:",
                on_click=_send,
                args=(question, send),
                width="stretch",
            )
    if mine:
        before, _, after = escape_markdown(words.open_saved.format(answer="\0")).partition("\0")
        line = f"{before}{plain_answer(mine)}{after}"
        if can_answer:
            st.success(line, icon=":material/check_circle:")
        else:
            st.markdown(line)
