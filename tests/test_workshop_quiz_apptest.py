"""AppTest runs of the knowledge check: the presenter asks, phones answer and change, counts stay
hidden below 3, close, reveal with the explanation on every phone, an urgent-help explanation a
phone still owes, the summary, and odd values in the store."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from guide_testing.quiz_apptest import phones, presenter_on_quiz, shown, start
from guide_testing.workshop import control
from sciatica_guide.content import Content
from sciatica_guide.local_help import settings_help
from sciatica_guide.settings import Settings
from sciatica_guide.ui.controls import control_name
from sciatica_guide.workshop.rooms import (
    RoomStore,
)
from sciatica_guide.workshop.state import (
    PRESENTER_QUIZ_KEY,
    PRESENTER_ROOM_KEY,
)
from sciatica_guide.workshop.streamlit_store import (
    get_store,
)
from sciatica_guide.workshop.summary_ui import SUMMARY_KEY


def counts(at: AppTest, content: Content) -> list[int] | None:
    """The projector's table of counts (the summary's table has other columns)."""
    words = content.workshop.words
    tables = [t.value for t in at.table if words.option_column in t.value.columns]
    return list(tables[0][words.count_column]) if tables else None


def counts_labels(at: AppTest, content: Content) -> list[str]:
    words = content.workshop.words
    tables = [t.value for t in at.table if words.option_column in t.value.columns]
    return list(tables[0][words.option_column])


def tap(phone: AppTest, question: str, number: int) -> None:
    phone.run()
    phone.button(key=f"quiz-option-{question}-{number}").click().run()
    assert not phone.exception


def store_of(at: AppTest) -> RoomStore:
    from sciatica_guide.ui.state import get_settings

    return get_store(get_settings())


def test_without_a_room_the_page_says_to_start_one(content: Content) -> None:
    at = start({"mode": "presenter"}, "quiz.py")
    assert content.workshop.words.no_room in shown(at)
    assert "quiz-open" not in [control_name(b.key or "") for b in at.button]


def test_ask_answer_change_hide_close_reveal(
    content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCIATICA_GUIDE_EMERGENCY_NUMBER", "999")
    words = content.workshop.words
    presenter, code = presenter_on_quiz()
    question = content.workshop.questions[0]
    room = phones(code, 4)
    # Not asked yet: phones wait and show no answers.
    for phone in room:
        assert words.phone_waiting in shown(phone)
        assert question.question not in shown(phone)
    control(presenter, "quiz-open").click().run()
    for phone in room:
        phone.run()
        assert question.question in shown(phone)
        assert words.phone_prompt in shown(phone)
    # Two answers: counts stay hidden, the count of answers shows.
    tap(room[0], question.id, 0)
    tap(room[1], question.id, 1)
    presenter.run()
    text = shown(presenter)
    assert words.answered.format(count=2, phones=4) in text
    assert words.hidden.format(threshold=3) in text
    assert counts(presenter, content) is None
    # A third: the table shows the counts.
    tap(room[2], question.id, 1)
    presenter.run()
    assert counts(presenter, content) == [1, 2, 0]
    # A changed answer moves one count.
    tap(room[1], question.id, 0)
    presenter.run()
    assert counts(presenter, content) == [2, 1, 0]
    assert words.phone_saved.split("{")[0] in shown(room[1])
    # Closed: a late tap is not counted and the phone says so.
    control(presenter, "quiz-close").click().run()
    room[3].button(key=f"quiz-option-{question.id}-2").click().run()
    assert words.phone_too_late in shown(room[3])
    presenter.run()
    assert counts(presenter, content) == [2, 1, 0]
    # Revealed: every phone shows the right answer and why, ending with the urgent-help action.
    control(presenter, "quiz-reveal").click().run()
    action = content.red_flags.action("emergency", "999")
    explanation = content.quiz_explanation(question, "999")
    assert explanation.endswith(action + ".")
    assert counts_labels(presenter, content)[0].endswith(words.right_marker)
    for phone in room:
        phone.run()
        text = shown(phone)
        assert explanation in text
        assert words.right_answer.split("{")[0] in text
    assert words.phone_right in shown(room[0])
    assert words.phone_wrong.split("{")[0] in shown(room[2])
    assert words.phone_none in shown(room[3])


def test_a_wrong_urgent_answer_keeps_its_explanation_until_read_even_after_the_end(
    content: Content,
) -> None:
    words = content.workshop.words
    presenter, code = presenter_on_quiz()
    question = content.workshop.questions[0]
    assert content.quiz_level(question) == "emergency"
    wrong, right = phones(code, 2)
    control(presenter, "quiz-open").click().run()
    tap(wrong, question.id, 1)
    tap(right, question.id, 0)
    # The presenter reveals and moves on before the phones look again.
    control(presenter, "quiz-reveal").click().run()
    control(presenter, "quiz-next").click().run()
    control(presenter, "quiz-open").click().run()
    explanation = content.quiz_explanation(question, settings_help(content, Settings()).number)
    wrong.run()
    assert words.owed_heading in shown(wrong) and explanation in shown(wrong)
    assert content.workshop.questions[1].question in shown(wrong)
    right.run()
    assert words.owed_heading not in shown(right)
    # It stays through the end of the workshop, and on other pages, until read.
    control(presenter, "workshop-end").click().run()
    wrong.run()
    assert content.modes.workshop.ended in shown(wrong)
    assert explanation in shown(wrong)
    wrong.switch_page("app_pages/overview.py").run()
    assert explanation in shown(wrong)
    wrong.button(key=f"quiz-owed-done-{question.id}").click().run()
    assert words.owed_heading not in shown(wrong)
    wrong.switch_page("app_pages/join.py").run()
    assert words.owed_heading not in shown(wrong)


def test_the_room_ended_before_a_phone_saw_the_reveal(content: Content) -> None:
    presenter, code = presenter_on_quiz()
    question = content.workshop.questions[1]
    control(presenter, "quiz-next").click().run()
    (phone,) = phones(code, 1)
    control(presenter, "quiz-open").click().run()
    tap(phone, question.id, 1)
    control(presenter, "quiz-reveal").click().run()
    control(presenter, "workshop-end").click().run()
    phone.run()
    assert content.quiz_explanation(question, settings_help(content, Settings()).number) in shown(
        phone
    )


def test_the_summary_lists_asked_questions_with_counts_only(content: Content) -> None:
    words = content.workshop.words
    presenter, code = presenter_on_quiz()
    question = content.workshop.questions[0]
    room = phones(code, 3)
    control(presenter, "quiz-open").click().run()
    for phone, number in zip(room, (0, 0, 2), strict=True):
        tap(phone, question.id, number)
    control(presenter, "quiz-reveal").click().run()
    # Closed, the summary reads nothing; opened, its tables show.
    assert not any(words.summary_percent in t.value.columns for t in presenter.table)
    presenter.session_state[SUMMARY_KEY] = True
    presenter.run()
    summary = presenter.table[-1].value
    assert list(summary.columns) == [
        words.summary_question,
        words.summary_answers,
        words.summary_right,
        words.summary_percent,
    ]
    assert summary.iloc[0].tolist()[1:] == [3, 2, 67]
    assert len(summary) == 1
    assert presenter.get("download_button")


def test_a_new_room_starts_the_check_afresh(content: Content) -> None:
    presenter, code = presenter_on_quiz()
    control(presenter, "quiz-next").click().run()
    control(presenter, "workshop-end").click().run()
    presenter.button(key="workshop-start").click().run()
    assert presenter.session_state[PRESENTER_ROOM_KEY] != code
    label = content.workshop.words.question_label.format(
        number=1, total=len(content.workshop.questions)
    )
    assert label in shown(presenter)
    assert presenter.session_state[PRESENTER_QUIZ_KEY][0] == code


@pytest.mark.parametrize(
    "quiz_part",
    [
        {"q": "<img src=x onerror=alert(1)>", "stage": "open"},
        {"q": "evidence", "stage": "<b>open</b>"},
        "open",
        {"q": "evidence", "stage": "revealed", "revealed": "x" * 500},
    ],
)
def test_odd_values_in_the_store_are_never_shown(content: Content, quiz_part: object) -> None:
    presenter, code = presenter_on_quiz()
    (phone,) = phones(code, 1)
    store_of(presenter).publish(code, {"page": "quiz", "quiz": quiz_part})
    phone.run()
    assert not phone.exception
    text = shown(phone)
    assert "onerror" not in text and "<b>" not in text and "xxxxx" not in text


def test_a_phone_reading_alone_is_told_of_a_new_question(content: Content) -> None:
    """A phone that stepped away to read the guide on its own learns that the presenter has
    asked a question, until it has answered it."""
    words = content.modes.workshop
    presenter, code = presenter_on_quiz()
    [phone] = phones(code, 1)
    question = content.workshop.questions[0]
    phone.button(key="workshop-read-alone").click().run()
    phone.switch_page("app_pages/overview.py").run()
    assert words.away.format(code=code).split("{")[0][:20] in shown(phone)
    assert words.question_waiting not in shown(phone)
    control(presenter, "quiz-open").click().run()
    phone.run()
    assert words.question_waiting in shown(phone)
    # Back to the presenter (the banner's button): the question to answer; once answered, no
    # more reminder.
    assert phone.button(key="workshop-back").label == words.back
    phone.switch_page("app_pages/join.py").run()
    tap(phone, question.id, 0)
    phone.switch_page("app_pages/overview.py").run()
    assert words.question_waiting not in shown(phone)
    # Closed answers need nothing from the phone either.
    control(presenter, "quiz-close").click().run()
    phone.run()
    assert words.question_waiting not in shown(phone)


def test_a_timed_question_closes_on_every_phone_when_its_time_is_up(content: Content) -> None:
    """The presenter gives the question 20 s (T starts it, T again stops it); when the time is up
    the presenter's page closes it for the room and the store stops taking answers."""
    words = content.workshop.words
    presenter, code = presenter_on_quiz()
    question = content.workshop.questions[0]
    assert question.timer == 0
    room = phones(code, 3)
    # No time chosen: the timer cannot start.
    assert control(presenter, "quiz-timer-toggle").disabled
    presenter.segmented_control(key=f"quiz-timer-choice-{question.id}").set_value(20).run()
    toggle = control(presenter, "quiz-timer-toggle")
    assert toggle.label == words.timer_start and not toggle.disabled
    toggle.click().run()
    state = presenter.session_state[PRESENTER_QUIZ_KEY][1]
    assert state.stage == "open" and state.timer == 20
    assert state.closes_at == pytest.approx(time.time() + 20, abs=5)
    # Stop and start again: the second press of the old button does nothing.
    assert control(presenter, "quiz-timer-toggle").label == words.timer_stop
    control(presenter, "quiz-timer-toggle").click().run()
    assert presenter.session_state[PRESENTER_QUIZ_KEY][1].closes_at is None
    control(presenter, "quiz-timer-toggle").click().run()
    tap(room[0], question.id, 0)
    # The time is up (moved into the past here): the presenter's next run closes the question.
    state = presenter.session_state[PRESENTER_QUIZ_KEY][1]
    presenter.session_state[PRESENTER_QUIZ_KEY] = (code, replace(state, closes_at=time.time()))
    presenter.run()
    assert presenter.session_state[PRESENTER_QUIZ_KEY][1].stage == "closed"
    assert words.stage_closed in shown(presenter)
    for phone in room:
        phone.run()
        assert words.time_up in shown(phone)
        assert all(b.disabled for b in phone.button if (b.key or "").startswith("quiz-option-"))
    assert store_of(presenter).answer(code, question.id, "phone-x", "a") == "closed"


def test_a_phone_closes_a_question_when_its_time_is_up(content: Content) -> None:
    """A phone reads the timer's end from the room: at the end it shows that answers are closed
    even before the presenter's page says so."""
    words = content.workshop.words
    presenter, code = presenter_on_quiz()
    question = content.workshop.questions[0]
    (phone,) = phones(code, 1)
    store = store_of(presenter)
    running = {"q": question.id, "stage": "open", "ends": time.time() + 20, "for": 20}
    store.publish(code, {"page": "quiz", "quiz": running}, accepting=question.id)
    phone.run()
    assert words.time_up not in shown(phone)
    assert not phone.button(key=f"quiz-option-{question.id}-0").disabled
    ended = running | {"ends": time.time() - 0.1}
    store.publish(code, {"page": "quiz", "quiz": ended}, accepting=question.id)
    phone.run()
    assert words.time_up in shown(phone)
    assert phone.button(key=f"quiz-option-{question.id}-0").disabled
