"""The Beyond massage page's gentle movements, run by AppTest: when to stop first and open,
each movement a closed part, and the self-assessment's answers on this device choosing what
shows (issue 27, parts 1 and 2)."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from sciatica_guide import APP_ROOT
from sciatica_guide.assessment.rules import Answers
from sciatica_guide.assessment.state import ANSWERS
from sciatica_guide.content import Content
from sciatica_guide.local_help import settings_help
from sciatica_guide.settings import load_settings

PAGE = "app_pages/beyond.py"


def open_beyond(answers: Answers | None = None) -> AppTest:
    at = AppTest.from_file(str(APP_ROOT / "app.py"), default_timeout=60)
    # The first run registers the pages (st.navigation); then open Beyond massage.
    at.run()
    if answers is not None:
        at.session_state[ANSWERS] = answers.to_mapping()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, at.exception
    return at


def _expander_labels(at: AppTest, content: Content) -> list[str]:
    names = {m.name for m in content.movements.movements}
    return [e.label for e in at.expander if e.label in names]


def _texts(at: AppTest, kind: str) -> list[str]:
    elements: Any = getattr(at, kind)
    return [str(e.value) for e in elements]


def test_with_no_answers_every_movement_shows_closed_under_when_to_stop(
    content: Content,
) -> None:
    at = open_beyond()
    ui = content.movements.ui
    assert ui.heading in [s.value for s in at.subheader]
    markdown = "\n".join(_texts(at, "markdown"))
    # When to stop is open, with every sign.
    for sign in content.movements.stop_signs:
        assert sign in markdown
    assert _expander_labels(at, content) == [m.name for m in content.movements.movements]
    # Each movement's steps, dose and stop signs are in its part, with its picture's name.
    walking = content.movements.movements[0]
    for text in (*walking.steps, walking.dose, *walking.stop_if):
        assert text in markdown
    assert ui.picture_label.format(name=walking.name) in markdown
    # The article's own section is still there, before the movements.
    heading = content.page("beyond").article_sections[0]
    assert heading in [s.value for s in at.subheader]
    assert not _texts(at, "error")


def test_an_urgent_answer_shows_what_to_do_and_no_movement(content: Content) -> None:
    at = open_beyond(Answers(red_flags=frozenset({"saddle-numbness"})))
    errors = _texts(at, "error")
    assert any("No movements are shown" in e for e in errors)
    # The country's number, never a hard-coded one.
    number = settings_help(content, load_settings({})).number
    assert any(number in e for e in errors)
    assert _expander_labels(at, content) == []
    markdown = "\n".join(_texts(at, "markdown"))
    assert content.movements.stop_signs[0] not in markdown


def test_strong_leg_pain_shows_the_gentlest_and_says_why(content: Content) -> None:
    at = open_beyond(Answers(leg_pain=8, back_pain=3))
    assert content.movements.ui.gentlest in _texts(at, "info")
    gentle = [m.name for m in content.movements.movements if m.gentle]
    assert _expander_labels(at, content) == gentle


def test_pregnancy_takes_away_lying_movements_and_says_why(content: Content) -> None:
    at = open_beyond(Answers(precautions=frozenset({"pregnancy"})))
    rule = next(r for r in content.movements.precautions if r.precaution == "pregnancy")
    infos = "\n".join(_texts(at, "info"))
    assert rule.why.split(".")[0] in infos
    shown = _expander_labels(at, content)
    for movement_id in rule.rules_out:
        movement = content.movements.movement(movement_id)
        assert movement is not None
        assert movement.name not in shown
        assert movement.name in infos


def test_a_question_the_result_asks_again_holds_every_movement(content: Content) -> None:
    at = open_beyond(Answers(back_pain=3, leg_pain=2, sbi={"numbness": 3}))
    assert _expander_labels(at, content) == []
    assert content.movements.ui.held in _texts(at, "warning")
    assert not at.error
