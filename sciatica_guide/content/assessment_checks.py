"""The self-assessment's cross-checks: it refers to red flags, precautions and sources that
exist, asks every red flag and precaution once, and its pain bands cover 0 to 10 exactly once."""

from __future__ import annotations

from sciatica_guide.content.checks import check_asked_once, check_ref, check_refs, check_unique
from sciatica_guide.content.errors import ContentError
from sciatica_guide.content.models import GP_REASONS, Content


def check_assessment(content: Content) -> None:
    """The self-assessment refers to red flags, precautions and sources that exist, asks every
    red flag and every precaution, and its pain bands cover 0 to 10 exactly once."""
    file = "assessment.yaml"
    a = content.assessment
    source_ids = {s.id for s in content.sources.sources}
    group_ids = [g.id for g in content.red_flags.groups]
    precaution_ids = [p.id for p in content.precautions.precautions if not p.from_answers]
    derived = {p.id for p in content.precautions.precautions if p.from_answers}

    asked_groups = [q.group for q in a.steps.safety.groups]
    check_asked_once(file, "steps.safety.groups", asked_groups, group_ids, "red flag group")
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

    asked = a.steps.health.precautions
    check_asked_once(file, "steps.health.precautions", asked, precaution_ids, "precaution")

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

    for step in ("safety", "where", "how_much", "bother", "health"):
        if not a.check.change.get(step):
            raise ContentError(file, "check.change", f"no 'Change' label for the step '{step}'")

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
