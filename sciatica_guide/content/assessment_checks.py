"""The self-assessment's cross-checks: it refers to red flags, precautions and sources that
exist, asks every red flag and precaution once, and its pain bands cover 0 to 10 exactly once."""

from __future__ import annotations

from sciatica_guide.content.checks import check_asked_once, check_ref, check_refs, check_unique
from sciatica_guide.content.errors import ContentError
from sciatica_guide.content.models import GP_REASONS, Content, SafetyQuestion

#: The rows of "Check your answers", each with its own "Change" button.
CHECK_ROWS = (
    "safety",
    "where",
    "back_pain",
    "leg_pain",
    "duration",
    "activities",
    "pressure",
    "bother",
    "health",
)
#: The most signs or precautions one screen lists (the NHS service manual's small groups).
MOST_CHOICES = 6


def check_assessment(content: Content) -> None:
    """The self-assessment refers to red flags, precautions and sources that exist, asks every
    red flag and every precaution, and its pain bands cover 0 to 10 exactly once."""
    file = "assessment.yaml"
    a = content.assessment
    source_ids = {s.id for s in content.sources.sources}
    precaution_ids = [p.id for p in content.precautions.precautions if not p.from_answers]
    derived = {p.id for p in content.precautions.precautions if p.from_answers}

    _check_safety_questions(content)
    _check_screens(content)
    check = a.result.weakness_check
    items = [i.id for i in a.steps.bother.items]
    check_ref(file, "result.weakness_check.item", check.item, set(items), "bother item")
    flag_ids = {f.id for f in content.red_flags.all_flags()}
    check_ref(file, "result.weakness_check.flag", check.flag, flag_ids, "urgent sign")
    check_unique(file, "result.rechecks", [r.id for r in a.result.rechecks])
    area_ids = {area.id for area in content.areas.areas}
    for ri, recheck in enumerate(a.result.rechecks):
        field = f"result.rechecks[{ri}]"
        check_ref(file, f"{field}.flag", recheck.flag, flag_ids, "urgent sign")
        check_refs(file, f"{field}.both_sides_of", recheck.both_sides_of, area_ids, "area")
        check_refs(file, f"{field}.items_above_0", recheck.items_above_0, set(items), "bother item")
        check_refs(
            file, f"{field}.precautions", recheck.precautions, set(precaution_ids), "precaution"
        )
    nerve = a.result.irritable_nerve
    check_ref(file, "result.irritable_nerve.precaution", nerve.precaution, derived, "precaution")
    durations = {o.id for o in a.steps.how_much.duration.options}
    field = "result.irritable_nerve.early_duration"
    check_ref(file, field, nerve.early_duration, durations, "duration option")
    net = a.result.safety_net
    for gi, group in enumerate(net.groups):
        field = f"result.safety_net.groups[{gi}].flags"
        check_refs(file, field, group.flags, flag_ids, "urgent sign")
        for flag in group.flags:
            if content.red_flags.level_of(flag) != group.level:
                message = f"'{flag}' is not a sign of the level {group.level}"
                raise ContentError(file, field, message)
    reasons = set(a.result.see_gp.reasons)
    if reasons != set(GP_REASONS):
        keys = ", ".join(GP_REASONS)
        raise ContentError(file, "result.see_gp.reasons", f"needs exactly these keys: {keys}")

    health = a.steps.health
    asked = health.precautions + health.asked_as_signs
    check_asked_once(file, "steps.health.screens", asked, precaution_ids, "precaution")
    asked_flags = {f for q in a.steps.safety.questions for f in _question_flags(content, q)}
    for pid in health.asked_as_signs:
        sign = content.precaution(pid).red_flag
        if sign is None or sign.areas or sign.flag not in asked_flags:
            message = f"'{pid}' is not a sign the first questions ask for every place"
            raise ContentError(file, "steps.health.asked_as_signs", message)

    for field, refs in [
        ("steps.bother.sources", a.steps.bother.sources),
        ("pain_bands.sources", a.pain_bands.sources),
        ("result.sbi_bothersome_sources", a.result.sbi_bothersome_sources),
        ("result.sbi_note_sources", a.result.sbi_note_sources),
        ("result.combine_sources", a.result.combine_sources),
        ("result.see_gp.sources", a.result.see_gp.sources),
        ("result.safety_net.sources", a.result.safety_net.sources),
    ]:
        check_refs(file, field, refs, source_ids, "source")
    for name in ("duration", "pressure", "activities"):
        question = getattr(a.steps.how_much, name)
        check_unique(file, f"steps.how_much.{name}.options", [o.id for o in question.options])
        for oi, option in enumerate(question.options):
            field = f"steps.how_much.{name}.options[{oi}].sources"
            check_refs(file, field, option.sources, source_ids, "source")

    for row in CHECK_ROWS:
        if not a.check.change.get(row):
            raise ContentError(file, "check.change", f"no 'Change' label for the answer '{row}'")

    bother = a.steps.bother
    check_unique(file, "steps.bother.items", [i.id for i in bother.items])
    if not 0 <= bother.scale.min < bother.scale.max:
        raise ContentError(file, "steps.bother.scale", "min must be 0 or more and below max")

    # Pain bands: 0 to 10, in order, no gap and no overlap, so every score has exactly one band.
    bands = a.pain_bands.bands
    check_unique(file, "pain_bands.bands", [b.id for b in bands])
    expected = 0
    for bi, band in enumerate(bands):
        if band.min != expected or band.max < band.min:
            raise ContentError(
                file, f"pain_bands.bands[{bi}]", f"must start at {expected} and not end before it"
            )
        expected = band.max + 1
    if expected != 11:
        raise ContentError(file, "pain_bands.bands", "the bands must end at 10")


def _question_flags(content: Content, question: SafetyQuestion) -> list[str]:
    group = next(g for g in content.red_flags.groups if g.id == question.group)
    return question.flags or [f.id for f in group.flags]


def _check_safety_questions(content: Content) -> None:
    """Every red flag is asked exactly once, by a question about its own group, at most
    MOST_CHOICES to a list."""
    file = "assessment.yaml"
    group_ids = {g.id for g in content.red_flags.groups}
    questions = content.assessment.steps.safety.questions
    check_unique(file, "steps.safety.screens.questions", [q.id for q in questions])
    asked: list[str] = []
    for qi, question in enumerate(questions):
        field = f"steps.safety.questions[{qi}]"
        check_ref(file, f"{field}.group", question.group, group_ids, "red flag group")
        group = next(g for g in content.red_flags.groups if g.id == question.group)
        own = {f.id for f in group.flags}
        check_refs(file, f"{field}.flags", question.flags, own, f"sign of '{group.id}'")
        flags = _question_flags(content, question)
        if question.id in group_ids and question.id != question.group:
            raise ContentError(file, f"{field}.id", "a question may share only its own group's id")
        if question.id == question.group and question.flags:
            message = "a question that asks part of a group needs an id of its own"
            raise ContentError(file, f"{field}.id", message)
        if len(flags) > MOST_CHOICES:
            message = f"asks {len(flags)} signs; split it (at most {MOST_CHOICES} to a list)"
            raise ContentError(file, field, message)
        asked += flags
    all_flags = [f.id for f in content.red_flags.all_flags()]
    check_asked_once(file, "steps.safety.screens", asked, all_flags, "urgent sign")


def _check_screens(content: Content) -> None:
    """Screen ids are unique, and the how-much screens ask each of their questions once."""
    file = "assessment.yaml"
    steps = content.assessment.steps
    ids = [s.id for s in steps.safety.screens] + ["where", "bother", "check", "result"]
    ids += [s.id for s in steps.how_much.screens] + [s.id for s in steps.health.screens]
    check_unique(file, "steps.*.screens", ids)
    fields = [f for screen in steps.how_much.screens for f in screen.asks]
    expected = ["back_pain", "leg_pain", "duration", "pressure", "activities"]
    check_asked_once(file, "steps.how_much.screens", list(fields), expected, "question")
