"""Gentle movements (issue 27): content checked at load, and the gates of the self-assessment
(urgent sign: none; strong pain or new leg pain: the gentlest; precautions take theirs away)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from guide_testing.content_copy import edited_content
from sciatica_guide.assessment.rules import Answers
from sciatica_guide.content import Content, load_content
from sciatica_guide.content.errors import ContentError
from sciatica_guide.movements.plan import movement_plan


def test_every_movement_has_steps_a_dose_stop_signs_and_a_source(content: Content) -> None:
    movements = content.movements.movements
    assert 6 <= len(movements) + 1 <= 9  # about 6-8, walking included
    for m in movements:
        assert m.steps and m.dose and m.stop_if and m.sources, m.id
    assert content.movements.stop_signs and content.movements.stop_sources


def test_every_body_map_area_has_a_movement(content: Content) -> None:
    for area in content.areas.areas:
        assert content.movements.for_area(area.id), area.id


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d["movements"][1].update(areas=["elbow"]), "unknown body map area id 'elbow'"),
        (lambda d: d["movements"][1].update(sources=["nobody"]), "unknown source id 'nobody'"),
        (lambda d: d["movements"][1].update(figure="juggling"), "figure"),
        (lambda d: d["movements"][1].update(steps=[]), "steps"),
        (lambda d: d["movements"][0].update(areas=["lower-back"]), "no movement fits"),
        (lambda d: d["precautions"][0].update(rules_out=["flying"]), "unknown movement id"),
        (lambda d: d["precautions"][0].update(precaution="hiccups"), "unknown precaution id"),
    ],
)
def test_a_broken_movements_file_is_refused_with_its_place(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], problem: str
) -> None:
    folder = edited_content(tmp_path, change, "movements.yaml")
    with pytest.raises(ContentError, match=problem) as caught:
        load_content(folder)
    assert "movements.yaml" in str(caught.value)


def test_no_answers_show_every_movement(content: Content) -> None:
    plan = movement_plan(content, Answers())
    assert plan.shown == tuple(content.movements.movements)
    assert not (plan.urgent or plan.gentlest_only or plan.left_out or plan.from_answers)


def test_an_urgent_sign_shows_no_movement(content: Content) -> None:
    plan = movement_plan(content, Answers(red_flags=frozenset({"saddle-numbness"})))
    assert plan.urgent and plan.shown == ()


def test_strong_or_new_leg_pain_shows_only_the_gentlest(content: Content) -> None:
    for answers in (
        Answers(leg_pain=8, back_pain=2),
        Answers(back_pain=9),
        Answers(leg_pain=5, back_pain=3, duration="under-6-weeks"),
    ):
        plan = movement_plan(content, answers)
        assert plan.gentlest_only, answers
        assert plan.shown and all(m.gentle for m in plan.shown)
        assert {m.id for m in plan.shown} < {m.id for m in content.movements.movements}


def test_mild_pain_shows_every_movement(content: Content) -> None:
    plan = movement_plan(content, Answers(back_pain=3, leg_pain=2, duration="over-12-weeks"))
    assert not plan.gentlest_only and plan.from_answers
    assert plan.shown == tuple(content.movements.movements)


@pytest.mark.parametrize("precaution", ["pregnancy", "recent-surgery", "weak-bones"])
def test_a_precaution_takes_away_what_it_rules_out_and_says_why(
    content: Content, precaution: str
) -> None:
    rule = next(r for r in content.movements.precautions if r.precaution == precaution)
    plan = movement_plan(content, Answers(precautions=frozenset({precaution})))
    shown = {m.id for m in plan.shown}
    assert shown and not shown & set(rule.rules_out)
    assert {m.id for m, _ in plan.left_out} == set(rule.rules_out)
    assert plan.reasons == (rule.why,)
    # Walking stays for everyone who has no urgent sign.
    assert "walking" in shown


def test_areas_narrow_the_movements_to_those_that_fit(content: Content) -> None:
    plan = movement_plan(content, Answers(), areas=["calf"])
    assert [m.id for m in plan.shown] == ["walking"]


MILD = {"back_pain": 3, "leg_pain": 2, "duration": "over-12-weeks"}


def test_a_question_the_result_asks_again_holds_every_movement(content: Content) -> None:
    # Numbness scored above 0 asks the saddle question again: until it is answered "No",
    # nothing is suggested, as for massage.
    numbness = Answers(**MILD, sbi={"numbness": 3})  # type: ignore[arg-type]
    plan = movement_plan(content, numbness)
    assert plan.held and plan.shown == () and not plan.urgent
    answered = Answers(**MILD, sbi={"numbness": 3}, rechecks_no=frozenset({"saddle"}))  # type: ignore[arg-type]
    assert not movement_plan(content, answered).held
    # Places on both legs ask the cauda equina question again too.
    both = Answers(**MILD, regions=("calf-left", "calf-right"))  # type: ignore[arg-type]
    assert movement_plan(content, both).held


def test_a_sign_that_means_a_gp_first_shows_only_the_gentlest_with_why(
    content: Content,
) -> None:
    plan = movement_plan(content, Answers(**MILD, red_flags=frozenset({"first-pain-age"})))  # type: ignore[arg-type]
    assert plan.gentlest_only and plan.gentlest_reason == "gp-first"
    assert plan.shown and all(m.gentle for m in plan.shown)
    assert movement_plan(content, Answers(back_pain=9)).gentlest_reason == "pain"
