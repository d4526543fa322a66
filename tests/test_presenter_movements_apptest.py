"""Presenter mode steps through the gentle movements after the article, and a workshop's phones
follow (issue 27, part 5), run by AppTest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from guide_testing.workshop import control, phone_state
from sciatica_guide.article.slides import first_movement_step, slide_count
from sciatica_guide.article.state import STEP_KEY
from sciatica_guide.assessment.rules import Answers
from sciatica_guide.assessment.state import ANSWERS
from sciatica_guide.content import Content
from sciatica_guide.content.movement_models import Movement
from sciatica_guide.text import unescape_markdown
from sciatica_guide.ui.show_movement import PENDING_KEY
from sciatica_guide.workshop.state import PRESENTER_ROOM_KEY

APP = str(Path(__file__).parent.parent / "app.py")


def start(page: str, query: dict[str, str], state: dict[str, Any] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.switch_page(f"app_pages/{page}").run()
    assert not at.exception, at.exception
    return at


def shown(at: AppTest) -> str:
    kinds = ("markdown", "caption", "subheader", "header", "info", "warning", "error")
    return unescape_markdown("\n".join(str(e.value) for k in kinds for e in getattr(at, k)))


def progress_label(at: AppTest) -> str:
    return str(at.get("progress")[0].proto.text)


def room_on_the_second_movement(content: Content) -> str:
    """A presenter's room, moved on to the second movement; its code."""
    presenter = start("present.py", {"mode": "presenter"})
    presenter.button(key="workshop-start").click().run()
    code = str(presenter.session_state[PRESENTER_ROOM_KEY])
    presenter.session_state[STEP_KEY] = first_movement_step(content)
    presenter.run()
    control(presenter, "present-next").click().run()
    return code


def assert_movement_slide(at: AppTest, content: Content, movement: Movement) -> None:
    """A movement's slide: its name, steps, dose, when to stop this one and any movement, and
    its picture's text equivalent."""
    text = shown(at)
    assert movement.name in [s.value for s in at.subheader]
    for part in (*movement.steps, movement.dose, *movement.stop_if):
        assert part in text
    # When to stop any movement stays on every movement's slide.
    for sign in content.movements.stop_signs:
        assert sign in text
    assert content.movements.ui.picture_label.format(name=movement.name) in text


def test_the_presenter_steps_from_the_article_into_the_movements_and_back(
    content: Content,
) -> None:
    words = content.modes.presenter
    sections, movements = content.article.all_sections(), content.movements.movements
    # An urgent sign in this browser's own self-assessment: the projector shows the room every
    # movement all the same (no personal answers), and not the urgent message meant for one.
    urgent = Answers(red_flags=frozenset({"saddle-numbness"})).to_mapping()
    at = start("present.py", {"mode": "presenter"}, {ANSWERS: urgent})
    at.session_state[STEP_KEY] = len(sections) - 1
    at.run()
    assert progress_label(at) == words.step_label.format(number=len(sections), total=len(sections))
    for number, movement in enumerate(movements, 1):
        control(at, "present-next").click().run()
        assert not at.exception
        assert progress_label(at) == words.movement_label.format(
            number=number, total=len(movements)
        )
        assert_movement_slide(at, content, movement)
        assert content.movements.ui.urgent.split("{")[0] not in shown(at)
    # The last slide: Next is off; Previous goes back through them to the article.
    assert control(at, "present-next").disabled
    assert at.session_state[STEP_KEY] == slide_count(content) - 1
    for _ in movements:
        control(at, "present-previous").click().run()
    assert progress_label(at) == words.step_label.format(number=len(sections), total=len(sections))
    assert sections[-1].heading in shown(at)


def test_a_phone_follows_the_movements_and_reads_one_on_its_own(content: Content) -> None:
    words = content.modes.presenter
    movements = content.movements.movements
    code = room_on_the_second_movement(content)

    phone = start("join.py", {"room": code}, phone_state(code))
    knee_rolls = movements[1]
    assert progress_label(phone) == words.movement_label.format(number=2, total=len(movements))
    assert_movement_slide(phone, content, knee_rolls)

    # "Read on my own": this phone's own Beyond massage, at that movement's card, open.
    phone.button(key="workshop-read-alone").click().run()
    assert not phone.exception
    assert PENDING_KEY not in phone.session_state  # taken by the Beyond massage page
    opened = [e for e in phone.expander if e.label == knee_rolls.name]
    assert opened and opened[0].proto.expanded
    assert content.page("beyond").title in [t.value for t in phone.title]


def test_a_following_phone_whose_answers_leave_the_movement_out_says_so_first(
    content: Content,
) -> None:
    code = room_on_the_second_movement(content)  # Knee rolls

    pregnant = Answers(back_pain=3, leg_pain=2, precautions=frozenset({"pregnancy"}))
    state = {**phone_state(code), ANSWERS: pregnant.to_mapping()}
    phone = start("join.py", {"room": code}, state)
    rule = next(r for r in content.movements.precautions if r.precaution == "pregnancy")
    warnings = [unescape_markdown(str(w.value)) for w in phone.warning]
    assert any(rule.why in w for w in warnings), warnings
    # The room still shows the movement: the note is this phone's, above its steps.
    assert content.movements.movements[1].name in [s.value for s in phone.subheader]
    # A phone with no answers sees no such note.
    plain = start("join.py", {"room": code}, phone_state(code))
    assert not [w for w in plain.warning if rule.why in unescape_markdown(str(w.value))]
