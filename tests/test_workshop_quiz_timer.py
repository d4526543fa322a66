"""The knowledge check's timer, pure parts: asking with a time, the stage people see once it
ends, what the room shares and reads back (untrusted), and what the content may offer."""

from __future__ import annotations

import functools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from sciatica_guide.content import Content, load_content
from sciatica_guide.content.workshop_models import TIMER_CHOICES, QuizQuestion
from sciatica_guide.workshop.quiz import (
    MAX_TIMER_SECONDS,
    QuizState,
    accepting,
    ask,
    believable,
    close,
    move,
    read_quiz,
    reveal,
    seconds_left,
    settle,
    stage_at,
    start_timer,
    stop_timer,
    time_was_up,
)

NOW = 1_800_000_000.0


@functools.cache
def _content() -> Content:
    return load_content()


def test_asking_with_a_time_opens_until_the_timer_ends() -> None:
    state = ask(QuizState("q1"), 30, NOW)
    assert state.stage == "open" and state.closes_at == NOW + 30 and state.timer == 30
    assert accepting(state, "quiz", NOW + 29.9) == "q1"
    assert seconds_left(state, NOW + 10) == pytest.approx(20)
    # At the end the question is closed for everyone who looks, before anyone presses Close.
    assert stage_at(state, NOW + 30) == "closed"
    assert accepting(state, "quiz", NOW + 30) is None
    assert seconds_left(state, NOW + 30) is None
    # Closed by the timer, it keeps the timer's end: phones then say the time is up.
    assert settle(state, NOW + 30) == QuizState("q1", "closed", (), NOW + 30, 30)
    assert time_was_up(settle(state, NOW + 30), NOW + 30)
    assert time_was_up(state, NOW + 30) and not time_was_up(state, NOW + 29)
    assert settle(state, NOW + 29) == state
    # Closed by the presenter, it is not "time is up".
    assert not time_was_up(close(state), NOW + 30)


def test_asking_without_a_time_has_no_timer() -> None:
    state = ask(QuizState("q1"), 0, NOW)
    assert state.closes_at is None and stage_at(state, NOW + 10_000) == "open"
    assert seconds_left(state, NOW) is None


def test_the_timer_starts_and_stops() -> None:
    opened = ask(QuizState("q1"))
    timed = start_timer(opened, 20, NOW)
    assert timed.closes_at == NOW + 20 and timed.stage == "open"
    # T on a question not yet asked asks it with the time.
    assert start_timer(QuizState("q1"), 20, NOW).stage == "open"
    # Stopped, answers stay open until the presenter closes them.
    assert stop_timer(timed) == opened
    # No timer without a time, nor once answers are closed or shown.
    assert start_timer(opened, 0, NOW) == opened
    assert start_timer(close(opened), 20, NOW).closes_at is None
    assert start_timer(reveal(opened), 20, NOW).closes_at is None


def test_closing_revealing_or_moving_ends_the_timer() -> None:
    timed = ask(QuizState("q1"), 30, NOW)
    for state in (close(timed), reveal(timed), move(timed, _content(), 1)):
        assert state.closes_at is None and state.timer == 0


def test_the_room_reads_back_the_timer_it_was_told() -> None:
    ids = ["q1", "q2"]
    timed = ask(QuizState("q1"), 30, NOW)
    assert read_quiz(timed.as_dict(), ids) == timed
    assert "ends" not in ask(QuizState("q1")).as_dict()
    # A timer only belongs to an open question, or one its end closed.
    closed = settle(timed, NOW + 30)
    assert read_quiz(closed.as_dict(), ids) == closed
    assert read_quiz({**timed.as_dict(), "stage": "revealed"}, ids) == QuizState("q1", "revealed")


@given(
    ends=st.one_of(
        st.none(),
        st.booleans(),
        st.text(max_size=5),
        st.floats(),
        st.integers(),
        st.lists(st.none()),
    ),
    length=st.one_of(st.none(), st.booleans(), st.floats(), st.integers(), st.text(max_size=5)),
)
def test_an_odd_stored_timer_never_breaks_a_phone(ends: object, length: object) -> None:
    state = read_quiz({"q": "q1", "stage": "open", "ends": ends, "for": length}, ["q1"])
    assert state is not None and state.stage == "open"
    if state.closes_at is not None:
        assert math.isfinite(state.closes_at) and state.closes_at > 0 and state.timer > 0
        kept = believable(state, NOW)
        assert kept.closes_at is None or (
            kept.closes_at - NOW <= MAX_TIMER_SECONDS and kept.timer <= MAX_TIMER_SECONDS
        )
        assert stage_at(kept, NOW) in ("open", "closed")


def test_a_timer_far_ahead_is_not_believed() -> None:
    far = QuizState("q1", "open", (), NOW + 10 * MAX_TIMER_SECONDS, 30)
    assert believable(far, NOW).closes_at is None
    near = QuizState("q1", "open", (), NOW + 30, 30)
    assert believable(near, NOW) == near


def test_the_content_offers_only_the_presenters_choices() -> None:
    question = _content().workshop.questions[0]
    data = question.model_dump()
    for seconds in TIMER_CHOICES:
        assert QuizQuestion.model_validate({**data, "timer": seconds}).timer == seconds
    for odd in (15, -1, 600, "thirty", True):
        with pytest.raises(ValidationError):
            QuizQuestion.model_validate({**data, "timer": odd})
    assert any(q.timer for q in _content().workshop.questions)
