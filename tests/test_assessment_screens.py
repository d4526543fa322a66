"""The self-assessment's screens (issue 25, point 2): one question or a small group per screen,
every sign and precaution on exactly one screen, Continue refused until a screen is answered, an
urgent sign on any safety screen goes straight to what to do."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from guide_testing.assessment_flow import safety_screens
from sciatica_guide import APP_ROOT
from sciatica_guide.assessment.rules import (
    Answers,
    Step,
    evaluate,
    question_flags,
    step_complete,
)
from sciatica_guide.assessment.screens import (
    change_screens,
    first_incomplete_screen,
    question_screens,
    screen_complete,
)
from sciatica_guide.assessment.state import SCREEN, STEP, flag_key, flag_none_key
from sciatica_guide.content import Content, load_content
from sciatica_guide.content.assessment_checks import CHECK_ROWS, MOST_CHOICES

CONTENT = load_content()
SAFETY = safety_screens(CONTENT)


def _urgent_sign(questions: list[str]) -> str | None:
    asked = [q for q in CONTENT.assessment.steps.safety.questions if q.id in questions]
    return next(
        (
            f
            for q in asked
            for f in question_flags(CONTENT, q)
            if evaluate(CONTENT, Answers(red_flags=frozenset({f}))).urgent
        ),
        None,
    )


#: (screen id, an urgent sign it asks) for each safety screen that asks one.
URGENT = [(s, sign) for s, qs in SAFETY if (sign := _urgent_sign(qs)) is not None]


def test_every_sign_and_asked_precaution_is_on_exactly_one_screen(content: Content) -> None:
    steps = content.assessment.steps
    signs = [
        f
        for screen in question_screens(content)
        if screen.step == Step.SAFETY
        for q in steps.safety.questions
        if q.id in screen.asks
        for f in question_flags(content, q)
    ]
    assert sorted(signs) == sorted(f.id for f in content.red_flags.all_flags())
    precautions = [p for s in question_screens(content) if s.step == Step.HEALTH for p in s.asks]
    assert sorted(precautions) == sorted(steps.health.precautions)
    assert len(set(precautions)) == len(precautions)


def test_no_list_has_more_than_six_choices(content: Content) -> None:
    for question in content.assessment.steps.safety.questions:
        assert len(question_flags(content, question)) <= MOST_CHOICES, question.id
    for screen in content.assessment.steps.health.screens:
        assert len(screen.precautions) <= MOST_CHOICES, screen.id
    for field in ("duration", "pressure", "activities"):
        assert len(getattr(content.assessment.steps.how_much, field).options) <= MOST_CHOICES


def test_a_screen_is_complete_only_when_each_of_its_questions_is_answered(
    content: Content,
) -> None:
    screen = next(s for s in question_screens(content) if s.id == "sudden-signs")
    assert len(screen.asks) > 1
    half = Answers(safety_none=frozenset(screen.asks[:-1]))
    assert not screen_complete(content, half, screen)
    assert screen_complete(content, Answers(safety_none=frozenset(screen.asks)), screen)
    # A sign ticked answers its own question.
    worse = Answers(safety_none=frozenset(screen.asks[:-1]), red_flags=frozenset({"getting-worse"}))
    assert screen_complete(content, worse, screen)


def test_a_none_kept_for_a_whole_group_answers_each_of_its_questions(content: Content) -> None:
    # Answers kept from before the split ("none" for the whole group) still count.
    answers = Answers(safety_none=frozenset(g.id for g in content.red_flags.groups))
    assert step_complete(content, answers, Step.SAFETY)
    assert first_incomplete_screen(content, answers).step == Step.WHERE  # type: ignore[union-attr]


def test_every_answer_on_the_check_page_opens_the_screen_that_asks_it(content: Content) -> None:
    screens = question_screens(content)
    for row in CHECK_ROWS:
        first, until = change_screens(content, row)
        assert screens.index(first) <= screens.index(until)
        assert first.step == until.step
    assert change_screens(content, "leg_pain")[0].id == "pain"
    assert change_screens(content, "activities")[0].id == "duration"


def open_screen(screen_id: str) -> AppTest:
    at = AppTest.from_file(str(APP_ROOT / "app.py"), default_timeout=60)
    at.session_state[STEP] = "safety"
    at.session_state[SCREEN] = screen_id
    at.run()
    at.switch_page("app_pages/self_assessment.py").run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize(("screen_id", "questions"), SAFETY, ids=[s for s, _ in SAFETY])
def test_each_safety_screen_refuses_continue_until_every_question_is_answered(
    screen_id: str, questions: list[str]
) -> None:
    at = open_screen(screen_id)
    for question in questions[:-1]:
        at.checkbox(key=flag_none_key(question)).check().run()
    at.button(key=f"continue-{screen_id}").click().run()
    assert at.session_state[SCREEN] == screen_id
    assert CONTENT.assessment.steps.safety.error in [e.value for e in at.error]


def test_most_safety_screens_ask_an_urgent_sign() -> None:
    assert len(URGENT) >= len(SAFETY) - 1


@pytest.mark.parametrize(("screen_id", "sign"), URGENT, ids=[s for s, _ in URGENT])
def test_an_urgent_sign_on_any_safety_screen_goes_straight_to_the_result(
    screen_id: str, sign: str
) -> None:
    content = CONTENT
    at = open_screen(screen_id)
    at.checkbox(key=flag_key(sign)).check().run()
    # Said at once, above everything, before Continue.
    assert at.error and at.error[0].value.startswith("###")
    at.button(key=f"continue-{screen_id}").click().run()
    assert at.session_state[STEP] == "result"
    assert content.assessment.result.urgent.no_massage in [m.value.strip("*") for m in at.markdown]
