"""Property tests of the self-assessment's rules over answer combinations (hypothesis)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guide_testing.shipped import shipped_content
from sciatica_guide.assessment.rules import (
    CHECK,
    RESULT,
    STEPS,
    Answers,
    area_techniques,
    evaluate,
    next_step,
    pain_band,
    plan_techniques,
    sbi_bothersome,
    sbi_total,
    step_complete,
)
from sciatica_guide.content import Content

CONTENT = shipped_content()
FLAG_IDS = [f.id for f in CONTENT.red_flags.all_flags()]
PRECAUTION_IDS = [p.id for p in CONTENT.precautions.precautions]
REGION_IDS = [r.id for r in CONTENT.regions()]
TECHNIQUE_IDS = [t.id for t in CONTENT.techniques.techniques]
AREA_IDS = [a.id for a in CONTENT.areas.areas]
SBI_IDS = [i.id for i in CONTENT.assessment.steps.bother.items]

RED_FLAGS = CONTENT.red_flags
URGENT_FLAGS = {f for f in FLAG_IDS if RED_FLAGS.levels[RED_FLAGS.level_of(f)].urgent}
GP_FLAGS = set(FLAG_IDS) - URGENT_FLAGS
#: Health answers that are an urgent sign wherever it hurts, and those that may be one.
SAME_SIGN = {
    p.id: p.red_flag.flag
    for p in CONTENT.precautions.precautions
    if p.red_flag and p.red_flag.areas is None and p.red_flag.flag in URGENT_FLAGS
}
#: Health answers that are a sign that is not urgent (weak bones: see a GP within days).
SAME_GP_SIGN = {
    p.id: p.red_flag.flag
    for p in CONTENT.precautions.precautions
    if p.red_flag and p.red_flag.areas is None and p.red_flag.flag in GP_FLAGS
}
MAYBE_SIGN = {
    p.id: p.red_flag for p in CONTENT.precautions.precautions if p.red_flag and p.red_flag.areas
}

pain = st.none() | st.integers(0, 10)
answers_strategy = st.builds(
    Answers,
    red_flags=st.frozensets(st.sampled_from(FLAG_IDS)),
    safety_none=st.frozensets(st.sampled_from([g.id for g in CONTENT.red_flags.groups])),
    regions=st.lists(st.sampled_from(REGION_IDS), unique=True).map(tuple),
    back_pain=pain,
    leg_pain=pain,
    duration=st.none() | st.sampled_from(["under-6-weeks", "6-to-12-weeks", "over-12-weeks"]),
    pressure=st.none() | st.sampled_from(["light", "medium", "firm", "not-sure"]),
    activities=st.none() | st.sampled_from(["yes", "no"]),
    sbi=st.dictionaries(st.sampled_from(SBI_IDS), st.integers(0, 6)),
    precautions=st.frozensets(st.sampled_from(PRECAUTION_IDS)),
    precautions_none=st.booleans(),
)
#: Area id -> techniques that fit it, as the body map's areas.yaml may come to say.
fits_strategy = st.fixed_dictionaries(
    {
        area: st.lists(st.sampled_from(TECHNIQUE_IDS), unique=True, min_size=1).map(tuple)
        for area in AREA_IDS
    }
)


def means_urgent(answers: Answers) -> bool:
    """What the clinical review asks for, written out independently of the rules."""
    areas = {CONTENT.region(r).area for r in answers.regions}  # type: ignore[union-attr]
    return (
        bool(answers.red_flags & URGENT_FLAGS)
        or bool(answers.precautions & set(SAME_SIGN))
        or any(
            pid in answers.precautions and areas & set(link.areas or [])
            for pid, link in MAYBE_SIGN.items()
        )
    )


def no_urgent(answers: Answers) -> bool:
    return not means_urgent(answers)


@settings(max_examples=300, deadline=None)
@given(answers_strategy, st.none() | fits_strategy)
def test_every_urgent_sign_gives_the_urgent_result_and_no_technique(
    answers: Answers, fits: dict[str, tuple[str, ...]] | None
) -> None:
    """Any emergency or same-day sign, wherever it was answered, means no massage at all."""
    result = evaluate(CONTENT, answers, fits)
    assert result.urgent == means_urgent(answers)
    if not result.urgent:
        return
    assert result.plans == ()
    assert result.techniques == frozenset()
    assert not result.massage_possible
    ticked = answers.red_flags | {SAME_SIGN[p] for p in answers.precautions & set(SAME_SIGN)}
    # The urgent groups are exactly the urgent-level groups of the ticked signs.
    expected = {
        g.id
        for g in RED_FLAGS.groups
        if RED_FLAGS.levels[g.level].urgent and {f.id for f in g.flags} & ticked
    }
    assert set(result.urgent_groups) == expected
    # The most urgent level comes first: an emergency sign is never shown as "today".
    levels = {RED_FLAGS.level_of(f) for f in ticked & URGENT_FLAGS}
    assert result.urgent_levels[0] == ("emergency" if "emergency" in levels else "today")
    # And Continue on the safety screen goes straight to the result after a sign there.
    if answers.red_flags & URGENT_FLAGS:
        assert next_step(CONTENT, answers, "safety") == RESULT


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(answers_strategy.filter(no_urgent), st.none() | fits_strategy)
def test_no_urgent_sign_is_never_urgent(
    answers: Answers, fits: dict[str, tuple[str, ...]] | None
) -> None:
    result = evaluate(CONTENT, answers, fits)
    assert not result.urgent and result.urgent_groups == () and result.urgent_levels == ()
    assert next_step(CONTENT, answers, "safety") == "where"
    # A "see a GP soon" sign is said on the result, beside the massage suggestions.
    linked = {SAME_GP_SIGN[p] for p in answers.precautions & set(SAME_GP_SIGN)}
    assert set(result.gp_flags) == (answers.red_flags & GP_FLAGS) | linked


@pytest.mark.parametrize("flag", FLAG_IDS)
def test_a_sign_gets_its_level_message_alone(content: Content, flag: str) -> None:
    """Each sign, ticked alone, leads to its level: emergency, today, or see a GP."""
    result = evaluate(content, Answers(red_flags=frozenset({flag}), regions=("calf-left",)))
    level = content.red_flags.level_of(flag)
    if flag in URGENT_FLAGS:
        assert result.urgent_levels == (level,) and not result.massage_possible
    else:
        assert not result.urgent and result.gp_flags == (flag,)


@pytest.mark.parametrize("precaution", sorted(SAME_SIGN))
@settings(max_examples=50, deadline=None)
@given(answers=answers_strategy)
def test_a_health_answer_that_is_a_sign_is_never_weaker_than_the_sign(
    precaution: str, answers: Answers
) -> None:
    as_precaution = evaluate(
        CONTENT, replace(answers, precautions=answers.precautions | {precaution})
    )
    as_sign = evaluate(
        CONTENT,
        replace(
            answers,
            red_flags=answers.red_flags | {SAME_SIGN[precaution]},
            precautions=answers.precautions | {precaution},
        ),
    )
    assert as_precaution.urgent and as_precaution.urgent_levels == as_sign.urgent_levels
    assert SAME_SIGN[precaution] in as_precaution.red_flags


def test_numbness_ticked_as_a_precaution_asks_the_saddle_question_not_a_false_alarm(
    content: Content,
) -> None:
    # Issue 22, point 6: leg numbness with buttock pain is ordinary sciatica. Nothing urgent
    # was ticked, so nothing says "you ticked"; the saddle question is asked instead.
    answers = Answers(regions=("buttock-left",), precautions=frozenset({"reduced-feeling"}))
    result = evaluate(content, answers)
    assert not result.urgent and result.possible_signs == ()
    assert result.rechecks == ("saddle",) and not result.massage_possible
    # "No": light pressure only; "Yes": the emergency result.
    no = evaluate(content, replace(answers, rechecks_no=frozenset({"saddle"})))
    assert no.rechecks == () and no.massage_possible
    assert no.techniques == {"myofascial-release"}
    yes = evaluate(content, replace(answers, red_flags=frozenset({"saddle-numbness"})))
    assert yes.urgent_levels == ("emergency",) and yes.techniques == frozenset()


def test_weakness_that_bothers_a_lot_is_asked_again(content: Content) -> None:
    sbi = {"leg-pain": 2, "numbness": 2, "weakness": 6, "sitting": 2}
    result = evaluate(content, Answers(regions=("shin-left",), sbi=sbi))
    assert result.recheck_weakness and not result.urgent
    assert not evaluate(content, Answers(sbi={**sbi, "weakness": 3})).recheck_weakness
    confirmed = evaluate(
        content, Answers(regions=("shin-left",), sbi=sbi, red_flags=frozenset({"one-leg-weakness"}))
    )
    assert confirmed.urgent and confirmed.urgent_levels == ("today",)
    assert not confirmed.recheck_weakness and confirmed.techniques == frozenset()


@pytest.mark.parametrize(
    ("answers", "reasons"),
    [
        (Answers(back_pain=7), ("pain",)),
        (Answers(leg_pain=6), ()),
        (Answers(duration="over-12-weeks"), ("duration",)),
        (Answers(duration="6-to-12-weeks"), ()),
        (Answers(sbi={"sitting": 4}), ("bother",)),
        (Answers(sbi={"sitting": 3}), ()),
        (Answers(activities="yes"), ("activities",)),
        (Answers(activities="no"), ()),
        (
            Answers(leg_pain=9, duration="over-12-weeks", activities="yes", sbi={"weakness": 5}),
            ("pain", "duration", "bother", "activities"),
        ),
    ],
)
def test_see_a_gp_reasons(content: Content, answers: Answers, reasons: tuple[str, ...]) -> None:
    assert evaluate(content, answers).gp_reasons == reasons


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(answers_strategy.filter(no_urgent), st.none() | fits_strategy)
def test_a_precaution_never_lets_through_a_technique_it_rules_out(
    answers: Answers, fits: dict[str, tuple[str, ...]] | None
) -> None:
    result = evaluate(CONTENT, answers, fits)
    chosen_areas = {CONTENT.region(r).area for r in answers.regions}  # type: ignore[union-attr]
    assert {plan.area for plan in result.plans} == chosen_areas
    for precaution in CONTENT.precautions.precautions:
        if precaution.id not in answers.precautions:
            continue
        for rule in precaution.rules_out:
            banned = set(rule.techniques or TECHNIQUE_IDS)
            for plan in result.plans:
                if rule.areas is None or plan.area in rule.areas:
                    assert not banned & set(plan.suits), (precaution.id, plan)
                    for technique in banned & set((fits or area_techniques(CONTENT))[plan.area]):
                        assert precaution.id in plan.ruled_out[technique]


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(answers_strategy.filter(no_urgent), fits_strategy)
def test_only_techniques_that_fit_the_area_and_are_not_ruled_out_are_suggested(
    answers: Answers, fits: dict[str, tuple[str, ...]]
) -> None:
    result = evaluate(CONTENT, answers, fits)
    for plan in result.plans:
        assert set(plan.suits) | set(plan.ruled_out) == set(fits[plan.area])
        assert not set(plan.suits) & set(plan.ruled_out)
    if {"infection", "calf-clot"} & answers.precautions:
        assert not result.massage_possible and result.techniques == frozenset()


def test_precaution_examples_from_the_issue(content: Content) -> None:
    regions = [content.region(r) for r in ("lower-back-left", "calf-right")]
    by_id = {p.id: p for p in content.precautions.precautions}
    every = dict.fromkeys(AREA_IDS, tuple(TECHNIQUE_IDS))
    # Blood thinners: no deep tissue anywhere.
    plans = plan_techniques(every, regions, [by_id["blood-thinners"]])  # type: ignore[arg-type]
    assert all("deep-tissue" not in p.suits for p in plans)
    assert all("myofascial-release" in p.suits for p in plans)
    # Calf clot signs: no massage anywhere until a doctor has checked it, same-day advice, and
    # the emergency number for the signs of a clot in the lung (NHS DVT page).
    plans = plan_techniques(every, regions, [by_id["calf-clot"]])  # type: ignore[arg-type]
    assert {p.area: p.suits for p in plans} == {"lower-back": (), "calf": ()}
    result = evaluate(
        content,
        Answers(regions=("lower-back-left", "calf-right"), precautions=frozenset({"calf-clot"})),
    )
    assert result.same_day == ("calf-clot",)
    assert not result.massage_possible and result.techniques == frozenset()
    advice = by_id["calf-clot"].advice_text("999")
    assert "Call 999" in advice and "short of breath" in advice and "cough up blood" in advice


def test_areas_without_a_technique_list_get_every_technique(content: Content) -> None:
    fits = area_techniques(content)
    assert set(fits) == set(AREA_IDS)
    for area in content.areas.areas:
        listed = getattr(area, "techniques", None)
        if not listed:
            assert fits[area.id] == tuple(TECHNIQUE_IDS)


# --- scores and bands, exact at every boundary ----------------------------------------------------
@pytest.mark.parametrize("score", range(11))
def test_pain_bands_are_exact_at_every_score(content: Content, score: int) -> None:
    expected = (
        "none" if score == 0 else "mild" if score <= 3 else "moderate" if score <= 6 else "severe"
    )
    assert pain_band(content.assessment.pain_bands.bands, score).id == expected


@pytest.mark.parametrize("score", [-1, 11, 2.5, True, None, "3"])
def test_pain_band_refuses_scores_outside_0_to_10(content: Content, score: object) -> None:
    with pytest.raises(ValueError):
        pain_band(content.assessment.pain_bands.bands, score)  # type: ignore[arg-type]


@given(st.lists(st.integers(0, 6), min_size=4, max_size=4))
def test_sbi_total_is_the_sum_and_bothersome_means_4_or_more(scores: list[int]) -> None:
    items = CONTENT.assessment.steps.bother.items
    answers = dict(zip(SBI_IDS, scores, strict=True))
    total = sbi_total(items, answers)
    assert total == sum(scores) and 0 <= total <= 24
    assert sbi_bothersome(items, answers) == tuple(
        i for i, s in zip(SBI_IDS, scores, strict=True) if s >= 4
    )


def test_sbi_total_boundaries_and_missing_items() -> None:
    items = CONTENT.assessment.steps.bother.items
    assert sbi_total(items, dict.fromkeys(SBI_IDS, 0)) == 0
    assert sbi_total(items, dict.fromkeys(SBI_IDS, 6)) == 24
    assert sbi_total(items, dict.fromkeys(SBI_IDS[:3], 6)) is None
    assert sbi_bothersome(items, dict.fromkeys(SBI_IDS, 3)) == ()
    assert sbi_bothersome(items, dict.fromkeys(SBI_IDS, 4)) == tuple(SBI_IDS)
    with pytest.raises(ValueError):
        sbi_total(items, {**dict.fromkeys(SBI_IDS, 0), SBI_IDS[0]: 7})


# --- steps and odd input --------------------------------------------------------------------------
def test_steps_need_every_answer(content: Content) -> None:
    empty = Answers()
    assert not any(step_complete(content, empty, s) for s in STEPS)
    full = Answers(
        safety_none=frozenset(g.id for g in content.red_flags.groups),
        regions=("calf-left",),
        back_pain=0,
        leg_pain=10,
        duration="over-12-weeks",
        pressure="light",
        activities="no",
        sbi=dict.fromkeys(SBI_IDS, 0),
        precautions_none=True,
    )
    assert all(step_complete(content, full, s) for s in STEPS)
    assert next_step(content, full, "health") == CHECK
    # Only one of the two safety lists answered: not complete.
    half = Answers(safety_none=frozenset({"cauda-equina"}))
    assert not step_complete(content, half, "safety")
    # Unknown region ids (a tampered session) do not count as an answer.
    assert not step_complete(content, Answers(regions=("elbow-left",)), "where")


def test_malformed_session_values_count_as_not_answered() -> None:
    answers = Answers.from_mapping(
        {
            "red_flags": "both-legs",
            "back_pain": True,
            "leg_pain": 42,
            "sbi": {"leg-pain": 9, "numbness": 2, 3: 1},
            "precautions": [1, "fever"],
            "precautions_none": "yes",
            "duration": 12,
        },
        regions=["calf-left", 7, "calf-left"],
    )
    assert answers.red_flags == frozenset()
    assert answers.back_pain is None and answers.leg_pain is None
    assert answers.sbi == {"numbness": 2}
    assert answers.precautions == frozenset({"fever"})
    assert answers.precautions_none is False
    assert answers.duration is None
    assert answers.regions == ("calf-left",)
    assert Answers.from_mapping(None) == Answers()
    # Round trip through the session's plain dict.
    full = Answers(red_flags=frozenset({"bowel"}), back_pain=3, sbi={"sitting": 6})
    assert Answers.from_mapping(full.to_mapping()) == full
