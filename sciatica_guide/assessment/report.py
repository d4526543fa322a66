"""The self-assessment's result as one model of words, built once from the rules' Result.

Pure functions over content: every word comes from content/*.yaml. The screen (result_view.py),
the PDF and the plain text (export.py) each render this one Report, so they always say the same
thing; they differ only in which blocks they show and how.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from sciatica_guide.assessment.rules import Answers, AreaPlan, Result
from sciatica_guide.content import Content


class Kind(StrEnum):
    """What a block is; each renderer decides where and how it shows each kind."""

    URGENT = "urgent"
    RECHECK = "recheck"
    WEAKNESS_CHECK = "weakness_check"
    SAFETY_NET = "safety_net"
    SAME_DAY = "same_day"
    POSTPONE = "postpone"
    GP_FIRST = "gp_first"
    SEE_GP = "see_gp"
    PAIN = "pain"
    BOTHER = "bother"
    TECHNIQUES = "techniques"
    CARE = "care"
    COMBINE = "combine"
    TELL = "tell"
    SOURCES = "sources"


@dataclass(frozen=True)
class Item:
    """One line, with the lines that belong under it."""

    text: str
    #: Lines said with the item everywhere (for a place: what may suit it and what not).
    lines: tuple[str, ...] = ()
    #: Extra detail the screen shows under the item (for a place: how each technique is used).
    details: tuple[str, ...] = ()
    #: What the item is about, where that is a thing with an id (for a place: its area id).
    id: str = ""


@dataclass(frozen=True)
class Block:
    kind: Kind
    heading: str
    items: tuple[Item, ...]
    intro: str = ""
    #: A small-print note under the block (what a score means, where bands come from).
    note: str = ""
    #: Source ids behind the block, in order.
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    title: str
    blocks: tuple[Block, ...]
    footer: tuple[str, ...]
    #: The ticked urgent signs' words, for "You ticked:" (empty unless urgent).
    ticked: tuple[str, ...] = field(default=())

    def block(self, kind: Kind) -> Block | None:
        return next((b for b in self.blocks if b.kind is kind), None)


# --- words for parts of the answers ---------------------------------------------------------------
def area_phrase(content: Content, area_id: str, sides: Sequence[str]) -> str:
    words = content.assessment.words
    both = len(set(sides)) == 2
    return words.area_sides.format(
        area=content.area(area_id).name,
        sides=words.both_sides
        if both
        else content.join_words([content.areas.sides[s] for s in sides]),  # type: ignore[index]
    )


def region_phrases(content: Content, region_ids: Sequence[str]) -> list[str]:
    """Chosen regions grouped by area in body order, for example 'Calf (both sides)'."""
    chosen = {r.id for rid in region_ids if (r := content.region(rid)) is not None}
    phrases: list[str] = []
    for area in content.areas.areas:
        sides = [s for s in ("left", "right") if f"{area.id}-{s}" in chosen]
        if sides:
            phrases.append(area_phrase(content, area.id, sides))
    return phrases


def score_text(content: Content, score: int, maximum: int) -> str:
    return content.assessment.check.score.format(score=score, max=maximum)


def pain_text(content: Content, score: int | None, band_label: str | None) -> str:
    if score is None:
        return content.assessment.words.not_answered
    text = score_text(content, score, 10)
    return f"{text} ({band_label})" if band_label else text


def flag_texts(content: Content, flag_ids: Sequence[str]) -> list[str]:
    by_id = {f.id: f.text for f in content.red_flags.all_flags()}
    return [by_id[f] for f in flag_ids if f in by_id]


def precaution_labels(content: Content, ids: Sequence[str]) -> list[str]:
    by_id = {p.id: p.label for p in content.precautions.precautions}
    return [by_id[p] for p in ids if p in by_id]


def technique_names(content: Content, ids: Sequence[str]) -> str:
    return content.join_words([content.technique(t).name for t in ids])


# --- blocks ---------------------------------------------------------------------------------------
def urgent_lines(content: Content, result: Result, number: str) -> list[tuple[str, str]]:
    """(title, text) of each urgent level reached, most urgent first: the level's one message
    (red_flags.yaml), then why, for each group with a sign ticked at that level."""
    red_flags = content.red_flags
    lines = []
    for level in result.urgent_levels:
        whys = [
            g.why for g in red_flags.groups if g.id in result.urgent_groups and g.level == level
        ]
        text = " ".join([red_flags.levels[level].advice.format(emergency_number=number), *whys])
        lines.append((content.sentence(red_flags.action(level, number)), text))
    return lines


def possible_sign_lines(content: Content, result: Result, number: str) -> list[str]:
    """For an answer that may be an urgent sign: check the sign, and what to do if you have it."""
    red_flags = content.red_flags
    template = content.assessment.result.urgent.possible_sign
    return [
        template.format(
            answer=content.precaution(pid).label,
            sign=flag_texts(content, [fid])[0],
            action=red_flags.action(red_flags.level_of(fid), number).lower(),
        )
        for pid, fid in result.possible_signs
    ]


def _urgent_block(content: Content, result: Result, number: str) -> Block:
    r = content.assessment.result
    items = [Item(title, (text,)) for title, text in urgent_lines(content, result, number)]
    items += [Item(line) for line in possible_sign_lines(content, result, number)]
    sources = [
        s for g in content.red_flags.groups if g.id in result.urgent_groups for s in g.sources
    ]
    for pid, _ in result.possible_signs:
        sources += content.precaution(pid).sources
    return Block(
        Kind.URGENT,
        content.assessment.summary.urgent_heading,
        tuple(items),
        note=r.urgent.no_massage,
        sources=tuple(dict.fromkeys(sources)),
    )


def safety_net_block(content: Content, number: str) -> Block:
    """What to watch for after a result without an urgent sign: each level's own action, then
    its signs in the words they have everywhere (red_flags.yaml)."""
    net = content.assessment.result.safety_net
    red_flags = content.red_flags
    items = tuple(
        Item(
            f"{red_flags.action(group.level, number)} {net.when}",
            tuple(flag_texts(content, group.flags)) + tuple(group.extra),
        )
        for group in net.groups
    )
    return Block(Kind.SAFETY_NET, net.heading, items, intro=net.intro, sources=tuple(net.sources))


def _precaution_block(
    content: Content, kind: Kind, title: str, ids: Sequence[str], number: str
) -> Block | None:
    if not ids:
        return None
    items = tuple(Item(content.precaution(p).advice_text(number)) for p in ids)
    return Block(kind, title, items)


def _gp_first_block(content: Content, result: Result, number: str) -> Block | None:
    """Signs a GP should check within days, before any massage: the level's one message."""
    if not result.wait_flags:
        return None
    red_flags = content.red_flags
    level = red_flags.level_of(result.wait_flags[0])
    groups = [red_flags.group_of(f) for f in result.wait_flags]
    whys = list(dict.fromkeys(g.why for g in groups if g is not None))
    return Block(
        Kind.GP_FIRST,
        content.sentence(red_flags.action(level, number)),
        tuple(Item(content.sentence(text)) for text in flag_texts(content, result.wait_flags)),
        intro=" ".join([red_flags.levels[level].advice.format(emergency_number=number), *whys]),
        sources=tuple(dict.fromkeys(s for g in groups if g is not None for s in g.sources)),
    )


def _see_gp_block(content: Content, result: Result) -> Block | None:
    see_gp = content.assessment.result.see_gp
    lines = [see_gp.reasons[key] for key in result.gp_reasons]
    soon = [f for f in result.gp_flags if f not in result.wait_flags]
    lines += [content.sentence(text) for text in flag_texts(content, soon)]
    if not lines:
        return None
    return Block(
        Kind.SEE_GP,
        see_gp.heading,
        tuple(Item(line) for line in lines),
        intro=see_gp.intro,
        sources=tuple(see_gp.sources),
    )


def _pain_block(content: Content, answers: Answers, result: Result) -> Block:
    a = content.assessment
    r = a.result
    lines = [
        r.pain_line.format(what=name, score=score, band=band.label)
        for name, score, band in (
            (r.back_pain, answers.back_pain, result.back_band),
            (r.leg_pain, answers.leg_pain, result.leg_band),
        )
        if score is not None and band is not None
    ]
    if duration := a.steps.how_much.duration.option(answers.duration):
        lines.append(r.duration_line.format(duration=duration.label))
    return Block(
        Kind.PAIN,
        r.pain_heading,
        tuple(Item(line) for line in lines),
        note=a.pain_bands.note,
        sources=tuple(a.pain_bands.sources),
    )


def _bother_block(content: Content, result: Result) -> Block | None:
    a = content.assessment
    r = a.result
    if result.sbi_total is None:
        return None
    lines = [r.sbi_line.format(total=result.sbi_total)]
    items = {i.id: i.text for i in a.steps.bother.items}
    if result.sbi_bothersome:
        lines.append(
            r.sbi_bothersome.format(items="; ".join(items[i] for i in result.sbi_bothersome))
        )
    sources = a.steps.bother.sources + r.sbi_bothersome_sources + r.sbi_note_sources
    return Block(
        Kind.BOTHER,
        r.sbi_heading,
        tuple(Item(line) for line in lines),
        note=f"{a.steps.bother.about} {r.sbi_note}",
        sources=tuple(dict.fromkeys(sources)),
    )


def plan_lines(content: Content, plan: AreaPlan) -> list[str]:
    """'May suit: ...' and 'Not for you now: ... because ...' for one area."""
    r = content.assessment.result
    lines = [
        f"{r.may_suit}: {technique_names(content, plan.suits)}" if plan.suits else r.nothing_here
    ]
    # Group the ruled-out techniques by the reasons, so each reason is said once.
    by_reason: dict[tuple[str, ...], list[str]] = {}
    for technique, reasons in plan.ruled_out.items():
        by_reason.setdefault(tuple(reasons), []).append(technique)
    for reasons, techniques in by_reason.items():
        labels = "; ".join(precaution_labels(content, reasons))
        lines.append(f"{r.not_now}: {technique_names(content, techniques)}, {r.because}: {labels}")
    return lines


def _techniques_block(content: Content, result: Result) -> Block:
    r = content.assessment.result
    items = []
    # While a re-check waits for its answer, no place gets a suggestion.
    for plan in () if result.rechecks else result.plans:
        area = content.area(plan.area)
        how = {t.id: t.how for t in area.techniques}
        details = tuple(f"{content.technique(t).name}: {how[t]}" for t in plan.suits if t in how)
        phrase = area_phrase(content, plan.area, plan.sides)
        items.append(Item(phrase, tuple(plan_lines(content, plan)), details, id=plan.area))
    return Block(
        Kind.TECHNIQUES,
        r.techniques_heading,
        tuple(items),
        intro=r.techniques_intro,
        note=_techniques_note(content, result),
    )


def _techniques_note(content: Content, result: Result) -> str:
    r = content.assessment.result
    if result.massage_possible:
        return ""
    if result.rechecks and not result.postpone and result.techniques:
        # Massage may be possible, once the question at the top is answered "No".
        return r.recheck_first
    return r.no_massage


def _combine_block(content: Content, answers: Answers) -> Block:
    r = content.assessment.result
    lines = [*r.combine, r.combine_note]
    sources = list(r.combine_sources)
    duration = content.assessment.steps.how_much.duration.option(answers.duration)
    if duration and duration.result_note:
        lines.append(duration.result_note)
        sources += duration.sources
    return Block(
        Kind.COMBINE,
        r.combine_heading,
        tuple(Item(line) for line in lines),
        sources=tuple(dict.fromkeys(sources)),
    )


def therapist_lines(content: Content, answers: Answers, result: Result) -> list[str]:
    """What to tell your therapist, built only from what was answered."""
    a = content.assessment
    tell = a.result.tell
    how = a.steps.how_much
    lines: list[str] = []
    places = region_phrases(content, answers.regions)
    if places:
        lines.append(tell.where.format(value=content.join_words(places)))
    if answers.back_pain is not None and result.back_band:
        value = pain_text(content, answers.back_pain, result.back_band.label)
        lines.append(tell.back_pain.format(value=value))
    if answers.leg_pain is not None and result.leg_band:
        value = pain_text(content, answers.leg_pain, result.leg_band.label)
        lines.append(tell.leg_pain.format(value=value))
    if duration := how.duration.option(answers.duration):
        lines.append(tell.duration.format(value=duration.label))
    if pressure := how.pressure.option(answers.pressure):
        lines.append(tell.pressure.format(value=pressure.label))
    items = {i.id: i.text for i in a.steps.bother.items}
    if result.sbi_bothersome:
        value = content.join_words([items[i] for i in result.sbi_bothersome])
        lines.append(tell.bothersome.format(value=value))
    lines += [
        tell.health.format(value=label) for label in precaution_labels(content, result.precautions)
    ]
    lines += [
        r.answered_no
        for r in a.result.rechecks
        if r.id in answers.rechecks_no and r.flag not in result.red_flags
    ]
    if not result.urgent:
        lines.append(tell.always)
    return lines


def check_rows(
    content: Content, answers: Answers, result: Result
) -> list[tuple[str, str, list[str]]]:
    """(row, label, answer lines) rows for the "Check your answers" page; `row` names the
    answer (assessment_checks.CHECK_ROWS) and its "Change" button."""
    a = content.assessment
    c = a.check
    missing = a.words.not_answered
    how = a.steps.how_much
    safety_answer = flag_texts(content, result.red_flags)
    if not safety_answer:
        safety_answer = [
            q.none
            for q in a.steps.safety.questions
            if q.id in answers.safety_none or q.group in answers.safety_none
        ] or [missing]
    bother = [
        f"{item.text}: {score_text(content, answers.sbi[item.id], a.steps.bother.scale.max)}"
        for item in a.steps.bother.items
        if item.id in answers.sbi
    ]
    health = precaution_labels(content, result.precautions)
    if not health:
        health = [a.steps.health.none] if answers.precautions_none else [missing]
    duration = how.duration.option(answers.duration)
    pressure = how.pressure.option(answers.pressure)
    activities = how.activities.option(answers.activities)
    back = result.back_band.label if result.back_band else None
    leg = result.leg_band.label if result.leg_band else None
    return [
        ("safety", c.safety, list(dict.fromkeys(safety_answer))),
        ("where", c.where, region_phrases(content, answers.regions) or [missing]),
        ("back_pain", c.back_pain, [pain_text(content, answers.back_pain, back)]),
        ("leg_pain", c.leg_pain, [pain_text(content, answers.leg_pain, leg)]),
        ("duration", c.duration, [duration.label if duration else missing]),
        ("activities", c.activities, [activities.label if activities else missing]),
        ("pressure", c.pressure, [pressure.label if pressure else missing]),
        ("bother", c.bother, bother or [missing]),
        ("health", c.health, health),
    ]


def build_report(content: Content, answers: Answers, result: Result, number: str) -> Report:
    """Every block the result can show, in screen order; `number` is the emergency number."""
    a = content.assessment
    r = a.result
    blocks: list[Block | None] = []
    if result.urgent:
        blocks.append(_urgent_block(content, result, number))
    else:
        by_id = {c.id: c for c in r.rechecks}
        blocks += [
            Block(Kind.RECHECK, by_id[rid].title, (Item(by_id[rid].text, id=rid),))
            for rid in result.rechecks
        ]
        if result.recheck_weakness:
            check = r.weakness_check
            blocks.append(Block(Kind.WEAKNESS_CHECK, check.title, (Item(check.text),)))
        # A precaution both same-day and postponing (a possible clot) is said once, as same-day.
        postpone = [p for p in result.postpone if p not in result.same_day]
        blocks += [
            _precaution_block(content, Kind.SAME_DAY, r.same_day_title, result.same_day, number),
            _precaution_block(content, Kind.POSTPONE, r.postpone_title, postpone, number),
            _gp_first_block(content, result, number),
            _see_gp_block(content, result),
            _pain_block(content, answers, result),
            _bother_block(content, result),
            # What to watch for comes before any massage.
            safety_net_block(content, number),
            _techniques_block(content, result),
        ]
        if result.precautions:
            chosen = [content.precaution(p) for p in result.precautions]
            lines = [f"{p.label}: {p.advice_text(number)}" for p in chosen]
            blocks.append(Block(Kind.CARE, r.advice_heading, tuple(Item(x) for x in lines)))
        blocks.append(_combine_block(content, answers))
    tell = therapist_lines(content, answers, result)
    if tell:
        blocks.append(
            Block(Kind.TELL, r.tell_heading, tuple(Item(x) for x in tell), intro=r.tell_intro)
        )
    used = [s for b in blocks if b is not None for s in b.sources]
    if not result.urgent:
        for pid in result.precautions:
            used += content.precaution(pid).sources
    cited = tuple(dict.fromkeys(used))
    citations = tuple(Item(content.source(sid).citation) for sid in cited)
    blocks.append(Block(Kind.SOURCES, a.summary.sources_heading, citations, sources=cited))
    return Report(
        title=a.summary.title,
        blocks=tuple(b for b in blocks if b is not None),
        footer=(a.summary.made_by, content.site.disclaimer.short.strip()),
        ticked=tuple(flag_texts(content, result.red_flags)) if result.urgent else (),
    )
