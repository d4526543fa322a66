"""A phone following a room's movement (issue 27, part 5) says when its own self-assessment
answers leave that movement out, and why, before the steps; the room itself shows everyone the
same and learns nothing about the person."""

from __future__ import annotations

from sciatica_guide.assessment.rules import Answers
from sciatica_guide.content import Content
from sciatica_guide.movements.slide import own_answers_note


def movement(content: Content, movement_id: str):  # type: ignore[no-untyped-def]
    return next(m for m in content.movements.movements if m.id == movement_id)


def test_no_answers_say_nothing(content: Content) -> None:
    for m in content.movements.movements:
        assert own_answers_note(content, m, Answers()) is None


def test_pregnancy_says_which_it_leaves_out_and_why(content: Content) -> None:
    answers = Answers(back_pain=3, leg_pain=2, precautions=frozenset({"pregnancy"}))
    rule = next(r for r in content.movements.precautions if r.precaution == "pregnancy")
    note = own_answers_note(content, movement(content, "knee-hug"), answers)
    assert note is not None and rule.why in note and "Knee hug" in note
    assert own_answers_note(content, movement(content, "walking"), answers) is None


def test_strong_pain_says_a_stronger_one_can_wait(content: Content) -> None:
    note = own_answers_note(content, movement(content, "bottom-to-heels"), Answers(back_pain=9))
    assert note is not None and content.movements.ui.gentlest in note
    assert own_answers_note(content, movement(content, "walking"), Answers(back_pain=9)) is None


def test_an_urgent_sign_says_what_to_do_on_every_movement(content: Content) -> None:
    answers = Answers(red_flags=frozenset({"saddle-numbness"}))
    for m in content.movements.movements:
        note = own_answers_note(content, m, answers)
        assert note is not None and "emergency" in note
