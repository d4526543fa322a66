"""The self-assessment's rules as pure functions: answers in, result out. No Streamlit here.

The words live in content/assessment.yaml; the signs, precautions and techniques in their own
content files. These functions only decide: which step is complete, which band a score is in,
whether any urgent sign was ticked, and which techniques are left for each chosen area once every
precaution has been applied.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sciatica_guide.content import Content
from sciatica_guide.content.models import (
    LEVEL_ORDER,
    ChoiceQuestion,
    HealthScreen,
    Level,
    PainBand,
    Precaution,
    Recheck,
    Region,
    SafetyQuestion,
    SbiItem,
)


class Step(StrEnum):
    """The screens of the self-assessment, in order: five questions, check, result."""

    SAFETY = "safety"
    WHERE = "where"
    HOW_MUCH = "how_much"
    BOTHER = "bother"
    HEALTH = "health"
    CHECK = "check"
    RESULT = "result"


#: The question steps, in the order they are asked. "check" and "result" follow them.
STEPS: tuple[Step, ...] = (Step.SAFETY, Step.WHERE, Step.HOW_MUCH, Step.BOTHER, Step.HEALTH)
CHECK = Step.CHECK
RESULT = Step.RESULT
ALL_STEPS: tuple[Step, ...] = tuple(Step)

#: The single-answer questions of the how-much step (Answers fields).
HOW_MUCH_FIELDS = ("back_pain", "leg_pain", "duration", "pressure", "activities")

PAIN_MIN, PAIN_MAX = 0, 10
#: An SBI item scored this high or higher counts as bothersome (Grøvle et al. 2010).
SBI_BOTHERSOME_FROM = 4


def _int_in(value: Any, low: int, high: int) -> int | None:
    # bool is an int in Python; a stray True must not become a pain score of 1.
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    return None


def _str_set(value: Any) -> frozenset[str]:
    if isinstance(value, list | tuple | set | frozenset):
        return frozenset(v for v in value if isinstance(v, str))
    return frozenset()


@dataclass(frozen=True)
class Answers:
    """Everything the person answered. Missing answers are None or empty."""

    #: Red flag ids ticked "yes".
    red_flags: frozenset[str] = frozenset()
    #: Red flag group ids answered "No, I have none of these".
    safety_none: frozenset[str] = frozenset()
    #: Region ids that hurt, in the order they were picked.
    regions: tuple[str, ...] = ()
    back_pain: int | None = None
    leg_pain: int | None = None
    duration: str | None = None
    pressure: str | None = None
    #: Whether the pain stops normal activities (an option id of that question).
    activities: str | None = None
    #: SBI item id -> score.
    sbi: Mapping[str, int] = field(default_factory=dict)
    #: Precaution ids that apply.
    precautions: frozenset[str] = frozenset()
    #: True when "No, none of these apply to me" was ticked on every health screen.
    precautions_none: bool = False
    #: Health screen ids answered "No, none of these apply to me".
    health_none: frozenset[str] = frozenset()
    #: Re-check ids (assessment.yaml result.rechecks) answered "No" on the result.
    rechecks_no: frozenset[str] = frozenset()

    @classmethod
    def from_mapping(cls, data: Any, regions: Iterable[str] = ()) -> Answers:
        """Answers from the session's plain dict. Anything malformed counts as not answered."""
        data = data if isinstance(data, Mapping) else {}
        sbi_raw = data.get("sbi")
        sbi = (
            {
                k: v
                for k, v in sbi_raw.items()
                if isinstance(k, str) and _int_in(v, 0, 6) is not None
            }
            if isinstance(sbi_raw, Mapping)
            else {}
        )
        duration = data.get("duration")
        pressure = data.get("pressure")
        activities = data.get("activities")
        return cls(
            red_flags=_str_set(data.get("red_flags")),
            safety_none=_str_set(data.get("safety_none")),
            regions=tuple(dict.fromkeys(r for r in regions if isinstance(r, str))),
            back_pain=_int_in(data.get("back_pain"), PAIN_MIN, PAIN_MAX),
            leg_pain=_int_in(data.get("leg_pain"), PAIN_MIN, PAIN_MAX),
            duration=duration if isinstance(duration, str) else None,
            pressure=pressure if isinstance(pressure, str) else None,
            activities=activities if isinstance(activities, str) else None,
            sbi=sbi,
            precautions=_str_set(data.get("precautions")),
            precautions_none=data.get("precautions_none") is True,
            health_none=_str_set(data.get("health_none")),
            rechecks_no=_str_set(data.get("rechecks_no")),
        )

    def to_mapping(self) -> dict[str, Any]:
        """The plain dict kept in the session (regions are kept in the shared PAIN_REGIONS)."""
        return {
            "red_flags": sorted(self.red_flags),
            "safety_none": sorted(self.safety_none),
            "back_pain": self.back_pain,
            "leg_pain": self.leg_pain,
            "duration": self.duration,
            "pressure": self.pressure,
            "activities": self.activities,
            "sbi": dict(self.sbi),
            "precautions": sorted(self.precautions),
            "precautions_none": self.precautions_none,
            "health_none": sorted(self.health_none),
            "rechecks_no": sorted(self.rechecks_no),
        }


@dataclass(frozen=True)
class AreaPlan:
    """What massage may suit one chosen area (on the sides chosen), after every precaution."""

    area: str
    sides: tuple[str, ...]
    #: Technique ids that may suit this area, in the area's own order.
    suits: tuple[str, ...]
    #: Technique id -> the precaution ids that rule it out here.
    ruled_out: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Result:
    #: True when a sign that means "no massage" (emergency or today) was ticked, or may be.
    urgent: bool
    #: The levels of those signs, most urgent first (each shown with its one message).
    urgent_levels: tuple[Level, ...]
    #: Red flag group ids with at least one sign ticked, in content order.
    urgent_groups: tuple[str, ...]
    #: Ticked red flag ids, in content order: those ticked in the first step, and those that a
    #: health answer stands for (for example a fever ticked as a precaution).
    red_flags: tuple[str, ...]
    #: (precaution id, red flag id): an answer that may be that sign, given where it hurts. It
    #: gets the same-day message and asks the person to check the sign.
    possible_signs: tuple[tuple[str, str], ...]
    back_band: PainBand | None
    leg_band: PainBand | None
    sbi_total: int | None
    #: SBI item ids scored SBI_BOTHERSOME_FROM or more.
    sbi_bothersome: tuple[str, ...]
    #: Ticked precaution ids, and any the rules apply from other answers (strong or new leg
    #: pain), in content order.
    precautions: tuple[str, ...]
    #: Ticked precautions that need medical advice today (a possible blood clot).
    same_day: tuple[str, ...]
    #: Ticked precautions that mean waiting before any massage (fever).
    postpone: tuple[str, ...]
    #: One plan per chosen area. Empty when an urgent sign was ticked: no massage at all.
    plans: tuple[AreaPlan, ...]
    #: Why a GP or physiotherapist should see the person soon: keys of the result's see_gp
    #: reasons ("pain", "duration", "bother", "activities"), in that order.
    gp_reasons: tuple[str, ...] = ()
    #: Ticked signs whose level is not urgent (see a GP soon or within days), in content order.
    gp_flags: tuple[str, ...] = ()
    #: Of those, the signs whose level means massage waits until a GP has seen the person.
    wait_flags: tuple[str, ...] = ()
    #: Weakness bothers the person a lot but its urgent sign was not ticked: ask it again.
    recheck_weakness: bool = False
    #: Emergency signs to ask again (re-check ids), because other answers hint at them. Until
    #: each is answered "No", no massage is suggested.
    rechecks: tuple[str, ...] = ()

    @property
    def techniques(self) -> frozenset[str]:
        """Every technique suggested anywhere."""
        return frozenset(t for plan in self.plans for t in plan.suits)

    @property
    def massage_possible(self) -> bool:
        return (
            not self.urgent
            and not self.postpone
            and not self.rechecks
            and not self.wait_flags
            and bool(self.techniques)
        )


# --- single rules ---------------------------------------------------------------------------------
def pain_band(bands: Sequence[PainBand], score: int) -> PainBand:
    """The band a 0-10 pain score falls in. Bands are checked at load to cover 0-10 once."""
    if _int_in(score, PAIN_MIN, PAIN_MAX) is None:
        raise ValueError(f"a pain score is a whole number from 0 to 10, not {score!r}")
    return next(band for band in bands if band.min <= score <= band.max)


def sbi_total(items: Sequence[SbiItem], scores: Mapping[str, int]) -> int | None:
    """The Sciatica Bothersomeness Index total (0-24 for four items), or None if any is missing."""
    values = [scores.get(item.id) for item in items]
    if any(v is None for v in values):
        return None
    for value in values:
        if _int_in(value, 0, 6) is None:
            raise ValueError(f"an SBI item is scored 0 to 6, not {value!r}")
    return sum(v for v in values if v is not None)


def sbi_bothersome(items: Sequence[SbiItem], scores: Mapping[str, int]) -> tuple[str, ...]:
    return tuple(
        item.id
        for item in items
        if (score := scores.get(item.id)) is not None and score >= SBI_BOTHERSOME_FROM
    )


def flag_groups(content: Content, red_flags: Iterable[str]) -> tuple[str, ...]:
    """Group ids with at least one of these signs ticked, in content order."""
    ticked = set(red_flags)
    return tuple(
        group.id
        for group in content.red_flags.groups
        if any(flag.id in ticked for flag in group.flags)
    )


def urgent_groups(content: Content, red_flags: Iterable[str]) -> tuple[str, ...]:
    """Group ids with a sign ticked whose level means no massage (emergency or today)."""
    levels = content.red_flags.levels
    by_id = {g.id: g for g in content.red_flags.groups}
    return tuple(gid for gid in flag_groups(content, red_flags) if levels[by_id[gid].level].urgent)


def effective_red_flags(
    content: Content, answers: Answers
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The signs the answers stand for, in content order, and the signs they may stand for.

    A health answer that is an urgent-help sign (a fever, cancer) counts as that sign, so it
    never gets a weaker message than the same sign in the first step. One that is the sign only
    in some places (numbness, when the buttock hurts) is a possible sign.
    """
    flags = set(answers.red_flags)
    possible: list[tuple[str, str]] = []
    areas = {r.area for rid in answers.regions if (r := content.region(rid)) is not None}
    for precaution in content.precautions.precautions:
        link = precaution.red_flag
        if link is None or precaution.id not in answers.precautions:
            continue
        if link.areas is None:
            flags.add(link.flag)
        elif areas & set(link.areas) and link.flag not in flags:
            possible.append((precaution.id, link.flag))
    order = [f.id for f in content.red_flags.all_flags()]
    return tuple(f for f in order if f in flags), tuple(possible)


def area_techniques(content: Content) -> dict[str, tuple[str, ...]]:
    """Area id -> the ids of the techniques that fit it, as areas.yaml lists them."""
    return {area.id: tuple(entry.id for entry in area.techniques) for area in content.areas.areas}


def plan_techniques(
    fits: Mapping[str, Sequence[str]],
    regions: Sequence[Region],
    precautions: Sequence[Precaution],
) -> tuple[AreaPlan, ...]:
    """For each chosen area (in the order of `fits`), the techniques that fit it minus those any
    precaution rules out there. A rule without techniques rules out all; a rule without areas
    applies to every chosen area."""
    sides_by_area: dict[str, list[str]] = {}
    for region in regions:
        area_sides = sides_by_area.setdefault(region.area, [])
        if region.side not in area_sides:
            area_sides.append(region.side)
    plans: list[AreaPlan] = []
    for area_id, techniques in fits.items():
        if area_id not in sides_by_area:
            continue
        ruled_out: dict[str, list[str]] = {}
        for precaution in precautions:
            for rule in precaution.rules_out:
                if rule.areas is not None and area_id not in rule.areas:
                    continue
                for technique in techniques:
                    if rule.techniques is None or technique in rule.techniques:
                        reasons = ruled_out.setdefault(technique, [])
                        if precaution.id not in reasons:
                            reasons.append(precaution.id)
        sides = tuple(s for s in ("left", "right") if s in sides_by_area[area_id])
        plans.append(
            AreaPlan(
                area=area_id,
                sides=sides,
                suits=tuple(t for t in techniques if t not in ruled_out),
                ruled_out={t: tuple(r) for t, r in ruled_out.items()},
            )
        )
    return tuple(plans)


def nerve_irritable(content: Content, answers: Answers) -> bool:
    """Strong leg pain, or new leg pain at least as bad as the back pain: firm massage waits
    until the leg pain settles (NYSED, KNGF)."""
    rule = content.assessment.result.irritable_nerve
    leg, back = answers.leg_pain, answers.back_pain
    if leg is None or leg == 0:
        return False
    early = answers.duration == rule.early_duration and (back is None or leg >= back)
    return leg >= rule.leg_pain_from or early


def recheck_applies(content: Content, recheck: Recheck, answers: Answers) -> bool:
    """Whether the answers hint at a re-check's sign: places on both legs, numbness scored
    above 0, or a precaution such as numbness ticked."""
    chosen = [r for rid in answers.regions if (r := content.region(rid)) is not None]
    sides = {r.side for r in chosen if r.area in recheck.both_sides_of}
    return (
        sides >= {"left", "right"}
        or any(answers.sbi.get(item, 0) > 0 for item in recheck.items_above_0)
        or bool(answers.precautions & set(recheck.precautions))
    )


def pending_rechecks(
    content: Content, answers: Answers, ticked_flags: Iterable[str]
) -> tuple[str, ...]:
    """Re-checks to ask: hinted at, their sign not ticked, and not answered "No"."""
    ticked = set(ticked_flags)
    return tuple(
        r.id
        for r in content.assessment.result.rechecks
        if r.flag not in ticked
        and r.id not in answers.rechecks_no
        and recheck_applies(content, r, answers)
    )


# --- steps ----------------------------------------------------------------------------------------
def step_complete(content: Content, answers: Answers, step: str) -> bool:
    """Whether a question step has every answer it needs (Continue is refused until it has)."""
    a = content.assessment.steps
    if step == Step.SAFETY:
        return all(safety_answered(content, answers, q) for q in a.safety.questions)
    if step == Step.WHERE:
        return any(content.region(r) is not None for r in answers.regions)
    if step == Step.HOW_MUCH:
        return all(how_much_answered(content, answers, f) for f in HOW_MUCH_FIELDS)
    if step == Step.BOTHER:
        return sbi_total(a.bother.items, answers.sbi) is not None
    if step == Step.HEALTH:
        return all(health_answered(answers, screen) for screen in a.health.screens)
    raise ValueError(f"unknown step {step!r}")


def question_flags(content: Content, question: SafetyQuestion) -> tuple[str, ...]:
    """The signs one safety question lists: its own, or its whole group's."""
    if question.flags:
        return tuple(question.flags)
    group = next(g for g in content.red_flags.groups if g.id == question.group)
    return tuple(f.id for f in group.flags)


def safety_answered(content: Content, answers: Answers, question: SafetyQuestion) -> bool:
    """A sign ticked, or "None of these" for the question (or for its whole group)."""
    if any(f in answers.red_flags for f in question_flags(content, question)):
        return True
    return question.id in answers.safety_none or question.group in answers.safety_none


def how_much_answered(content: Content, answers: Answers, field: str) -> bool:
    how = content.assessment.steps.how_much
    if field in ("back_pain", "leg_pain"):
        return getattr(answers, field) is not None
    question: ChoiceQuestion = getattr(how, field)
    return question.option(getattr(answers, field)) is not None


def health_answered(answers: Answers, screen: HealthScreen) -> bool:
    """A precaution on the screen ticked, or "None of these" for it (or for every screen)."""
    if answers.precautions_none or screen.id in answers.health_none:
        return True
    return bool(answers.precautions & set(screen.precautions))


def any_red_flag(content: Content, answers: Answers) -> bool:
    return bool(urgent_groups(content, answers.red_flags))


def next_step(content: Content, answers: Answers, step: str) -> Step:
    """Where Continue goes from a step: straight to the result after any urgent sign, otherwise
    on in order (the screens within a step: screens.py)."""
    if step == Step.SAFETY and any_red_flag(content, answers):
        return RESULT
    if step in STEPS:
        index = STEPS.index(step)
        return STEPS[index + 1] if index + 1 < len(STEPS) else CHECK
    return RESULT


# --- the whole result -----------------------------------------------------------------------------
def gp_reasons(
    content: Content, answers: Answers, bands: Sequence[PainBand | None]
) -> tuple[str, ...]:
    """Why a GP or physiotherapist should see the person soon (NHS sciatica page): very bad
    pain, pain for a long time, symptoms that bother a lot, or pain that stops normal life."""
    how_much = content.assessment.steps.how_much
    duration = how_much.duration.option(answers.duration)
    activities = how_much.activities.option(answers.activities)
    reasons = {  # keyed by GP_REASONS
        "pain": any(band is not None and band.see_gp for band in bands),
        "duration": duration is not None and duration.see_gp,
        "bother": bool(sbi_bothersome(content.assessment.steps.bother.items, answers.sbi)),
        "activities": activities is not None and activities.see_gp,
    }
    return tuple(key for key, applies in reasons.items() if applies)


def evaluate(
    content: Content,
    answers: Answers,
    fits: Mapping[str, Sequence[str]] | None = None,
) -> Result:
    """The result of a set of answers. Any urgent sign, or a possible one, means no massage."""
    a = content.assessment
    red_flags = content.red_flags
    ticked_flags, possible = effective_red_flags(content, answers)
    groups = urgent_groups(content, ticked_flags)
    is_urgent = {f: red_flags.levels[red_flags.level_of(f)].urgent for f in ticked_flags}
    levels = {red_flags.level_of(f) for f in ticked_flags if is_urgent[f]}
    if possible:
        # A possible sign gets the same-day message: the person is asked to check the sign.
        levels.add("today")
    urgent_levels = tuple(lv for lv in LEVEL_ORDER if lv in levels)
    gp_flags = tuple(f for f in ticked_flags if not is_urgent[f])
    applied = set(answers.precautions)
    if nerve_irritable(content, answers):
        applied.add(a.result.irritable_nerve.precaution)
    chosen = [p for p in content.precautions.precautions if p.id in applied]
    bands = a.pain_bands.bands
    urgent = bool(urgent_levels)
    regions = [r for rid in answers.regions if (r := content.region(rid)) is not None]
    plans = (
        ()
        if urgent
        else plan_techniques(
            fits if fits is not None else area_techniques(content), regions, chosen
        )
    )
    back_band = pain_band(bands, answers.back_pain) if answers.back_pain is not None else None
    leg_band = pain_band(bands, answers.leg_pain) if answers.leg_pain is not None else None
    check = a.result.weakness_check
    recheck = (
        not urgent
        and check.flag not in ticked_flags
        and answers.sbi.get(check.item, 0) >= SBI_BOTHERSOME_FROM
    )
    return Result(
        urgent=urgent,
        urgent_levels=urgent_levels,
        urgent_groups=groups,
        red_flags=ticked_flags,
        possible_signs=possible,
        back_band=back_band,
        leg_band=leg_band,
        sbi_total=sbi_total(a.steps.bother.items, answers.sbi),
        sbi_bothersome=sbi_bothersome(a.steps.bother.items, answers.sbi),
        precautions=tuple(p.id for p in chosen),
        same_day=tuple(p.id for p in chosen if p.same_day_advice),
        postpone=tuple(p.id for p in chosen if p.postpone),
        plans=plans,
        gp_reasons=gp_reasons(content, answers, (back_band, leg_band)),
        gp_flags=gp_flags,
        wait_flags=tuple(
            f for f in gp_flags if red_flags.levels[red_flags.level_of(f)].massage_waits
        ),
        recheck_weakness=recheck,
        rechecks=() if urgent else pending_rechecks(content, answers, ticked_flags),
    )
