"""AppTest runs of the workshop's limits per connection (issue 29): a presenter cannot start
rooms without end, a phone that gets codes wrong waits longer before each new try, a phone that
joined after a question was asked cannot answer it, and a full store is said plainly."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from guide_testing.quiz_apptest import start
from guide_testing.workshop import control, phone_state
from sciatica_guide.content import Content
from sciatica_guide.text import unescape_markdown
from sciatica_guide.workshop import limits
from sciatica_guide.workshop.limits import FREE_MISSES, STARTS_PER_CONNECTION, FloodLog
from sciatica_guide.workshop.state import (
    PRESENTER_ROOM_KEY,
    ROOM_KEY,
)


def shown(at: AppTest) -> str:
    kinds = ("markdown", "caption", "warning", "info", "error", "success", "button")
    return "\n".join(
        unescape_markdown(str(getattr(e, "label", None) or e.value))
        for k in kinds
        for e in getattr(at, k)
    )


def try_code(phone: AppTest, code: str) -> str:
    phone.query_params["room"] = code
    phone.run()
    assert not phone.exception
    return shown(phone)


def test_a_presenter_cannot_start_rooms_without_end(content: Content) -> None:
    words = content.modes.workshop
    presenter = start({"mode": "presenter"}, "present.py")
    for _ in range(STARTS_PER_CONNECTION.count):
        presenter.button(key="workshop-start").click().run()
        assert presenter.session_state[PRESENTER_ROOM_KEY]
        control(presenter, "workshop-end").click().run()
    presenter.button(key="workshop-start").click().run()
    assert not presenter.exception
    assert PRESENTER_ROOM_KEY not in presenter.session_state
    assert [e.value for e in presenter.error] == [words.starts_limited]


def test_a_full_store_is_said_plainly(content: Content, monkeypatch: pytest.MonkeyPatch) -> None:
    from sciatica_guide.workshop import streamlit_store
    from sciatica_guide.workshop.memory_store import (
        MemoryRoomStore,
    )

    one_room = limits.RoomLimits(max_rooms=1)
    monkeypatch.setattr(
        streamlit_store, "open_store", lambda _address, ttl: MemoryRoomStore(ttl, limits=one_room)
    )
    first = start({"mode": "presenter"}, "present.py")
    first.button(key="workshop-start").click().run()
    assert first.session_state[PRESENTER_ROOM_KEY]
    second = start({"mode": "presenter"}, "present.py")
    second.button(key="workshop-start").click().run()
    assert PRESENTER_ROOM_KEY not in second.session_state
    assert [e.value for e in second.error] == [content.modes.workshop.rooms_full]


def test_wrong_codes_make_the_next_try_wait_longer(content: Content) -> None:
    words = content.modes.workshop
    presenter = start({"mode": "presenter"}, "present.py")
    presenter.button(key="workshop-start").click().run()
    real = presenter.session_state[PRESENTER_ROOM_KEY]
    phone = start({}, "join.py")
    wrong = iter(["WWWWWW", "XXXXXX", "YYYYYY", "WXWXWX", "XYXYXY"])
    for _ in range(FREE_MISSES):
        assert words.unknown_room in try_code(phone, next(wrong))
    # The next try waits: nothing is looked up, not even the right code.
    text = try_code(phone, real)
    assert words.code_wait.format(seconds=2) in text
    assert words.following.split("{")[0] not in text
    assert ROOM_KEY not in phone.session_state


def test_the_wait_grows_with_each_wrong_code(monkeypatch: pytest.MonkeyPatch) -> None:
    state: dict[str, Any] = {}
    clock = [100.0]
    waits = []
    for _ in range(9):
        assert limits.guess_wait_left(state, "k", clock[0]) == 0
        limits.note_miss(state, "k", clock[0])
        waits.append(limits.guess_wait_left(state, "k", clock[0]))
        clock[0] += waits[-1]
    assert waits == [0, 0, 2, 4, 8, 16, 32, 60, 60]


def test_a_phone_that_joined_after_the_question_cannot_answer_it(content: Content) -> None:
    words = content.workshop.words
    presenter = start({"mode": "presenter"}, "quiz.py")
    presenter.button(key="workshop-start").click().run()
    code = presenter.session_state[PRESENTER_ROOM_KEY]
    early = start({"room": code}, "join.py", phone_state(code))
    control(presenter, "quiz-open").click().run()
    late = start({"room": code}, "join.py", phone_state(code))
    question = content.workshop.questions[0]
    # The early phone answers; the late one is told why it cannot, its buttons off.
    early.run()
    early.button(key=f"quiz-option-{question.id}-0").click().run()
    assert words.phone_saved.split("{")[0] in shown(early)
    late.run()
    assert words.phone_late in shown(late)
    options = [b for b in late.button if b.key.startswith("quiz-option-")]
    assert options and all(b.disabled for b in options)
    presenter.run()
    assert words.answered.format(count=1, phones=2) in shown(presenter)


def test_a_phone_without_its_token_can_read_but_not_answer(content: Content) -> None:
    words = content.workshop.words
    presenter = start({"mode": "presenter"}, "quiz.py")
    presenter.button(key="workshop-start").click().run()
    code = presenter.session_state[PRESENTER_ROOM_KEY]
    phone = start({"room": code}, "join.py")
    control(presenter, "quiz-open").click().run()
    phone.run()
    question = content.workshop.questions[0]
    assert question.question in shown(phone)
    assert content.modes.workshop.joining in shown(phone)
    options = [b for b in phone.button if b.key.startswith("quiz-option-")]
    assert options and all(b.disabled for b in options)
    presenter.run()
    assert words.answered.format(count=0, phones=0) in shown(presenter)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_floods_are_logged_as_counts_only() -> None:
    clock = [0.0]
    # A logger of the test's own with a handler on it: what the flood log writes, whatever other
    # tests in this worker did to the workshop logger, propagation or the root handlers.
    logger = logging.getLogger("tests.workshop_flood_log")
    logger.propagate = False
    log = FloodLog(
        interval=60, minimum={limits.UNKNOWN_CODE: 20}, clock=lambda: clock[0], logger=logger
    )
    records = _Records()
    logger.addHandler(records)
    logger.setLevel(logging.WARNING)
    try:
        for _ in range(19):
            log.note(limits.UNKNOWN_CODE)  # a few typos: not a flood
        for _ in range(7):
            log.note(limits.START_REFUSED)
        clock[0] = 61
        log.note(limits.START_REFUSED)
        for _ in range(25):
            log.note(limits.UNKNOWN_CODE)
        clock[0] = 130
        log.note(limits.GUESS_WAIT)
    finally:
        logger.removeHandler(records)
    assert FloodLog(interval=60)._logger is limits.LOGGER  # the workshop's logger by default
    assert records.lines == [
        f"workshop limits: 8 {limits.START_REFUSED} in the last 61 s",
        f"workshop limits: 1 {limits.GUESS_WAIT} in the last 69 s",
        f"workshop limits: 25 {limits.UNKNOWN_CODE} in the last 69 s",
    ]


def test_answer_taps_per_connection_are_limited(content: Content) -> None:
    from sciatica_guide.workshop.limits import ANSWERS_PER_CONNECTION

    words = content.workshop.words
    presenter = start({"mode": "presenter"}, "quiz.py")
    presenter.button(key="workshop-start").click().run()
    code = presenter.session_state[PRESENTER_ROOM_KEY]
    phone = start({"room": code}, "join.py", phone_state(code))
    control(presenter, "quiz-open").click().run()
    question = content.workshop.questions[0]
    phone.run()
    for n in range(ANSWERS_PER_CONNECTION.count):
        phone.button(key=f"quiz-option-{question.id}-{n % 2}").click().run()
        assert words.phone_slow not in shown(phone)
    phone.button(key=f"quiz-option-{question.id}-2").click().run()
    assert words.phone_slow in shown(phone)
    # The last counted answer stands; the refused tap changed nothing.
    assert words.phone_saved.split("{")[0] in shown(phone)
    presenter.run()
    assert words.answered.format(count=1, phones=1) in shown(presenter)
