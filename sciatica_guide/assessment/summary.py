"""Turn answers and a result into the words people read: on screen, in the PDF and in the text file.

Pure functions over content: every word comes from content/*.yaml, so the screen, the PDF and the
plain-text summary always say the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sciatica_guide.assessment.rules import Answers, AreaPlan, Result
from sciatica_guide.content import Content
from sciatica_guide.settings import Settings


@dataclass(frozen=True)
class Section:
    heading: str
    lines: tuple[str, ...]
    #: An urgent section is drawn first and stands out (red box on screen, bold in the PDF).
    urgent: bool = False


@dataclass(frozen=True)
class Summary:
    title: str
    sections: tuple[Section, ...]
    footer: tuple[str, ...]

    def as_text(self) -> str:
        """The plain-text version: title, sections with underlined headings, footer."""
        out = [self.title, "=" * len(self.title), ""]
        for section in self.sections:
            heading = section.heading.upper() if section.urgent else section.heading
            out += [heading, "-" * len(heading)]
            out += [f"- {line}" for line in section.lines]
            out.append("")
        out += list(self.footer)
        return "\n".join(out).rstrip() + "\n"


def join_words(content: Content, items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c', in the content's own words."""
    words = content.assessment.words
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return words.list_separator.join(items[:-1]) + f" {words.and_} " + items[-1]


def area_phrase(content: Content, area_id: str, sides: Sequence[str]) -> str:
    words = content.assessment.words
    both = len(set(sides)) == 2
    return words.area_sides.format(
        area=content.area(area_id).name,
        sides=words.both_sides
        if both
        else join_words(content, [content.areas.sides[s] for s in sides]),  # type: ignore[index]
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


def pain_text(content: Content, score: int | None, result_band_label: str | None) -> str:
    if score is None:
        return content.assessment.words.not_answered
    text = score_text(content, score, 10)
    return f"{text} ({result_band_label})" if result_band_label else text


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
        lines.append((_sentence(red_flags.action(level, number)), text))
    return lines


def possible_sign_lines(content: Content, result: Result, number: str) -> list[str]:
    """For an answer that may be an urgent sign: check the sign, and what to do if you have it."""
    red_flags = content.red_flags
    labels = {p.id: p.label for p in content.precautions.precautions}
    signs = {f.id: f.text for f in red_flags.all_flags()}
    template = content.assessment.result.urgent.possible_sign
    return [
        template.format(
            answer=labels[pid],
            sign=signs[fid],
            action=red_flags.action(red_flags.level_of(fid), number).lower(),
        )
        for pid, fid in result.possible_signs
    ]


def see_gp_lines(content: Content, result: Result) -> list[str]:
    """Why to see a GP or physiotherapist soon: the reasons that apply and any such sign."""
    reasons = content.assessment.result.see_gp.reasons
    return [reasons[key] for key in result.gp_reasons] + [
        _sentence(text) for text in flag_texts(content, result.gp_flags)
    ]


def weakness_check_line(content: Content, result: Result) -> list[str]:
    check = content.assessment.result.weakness_check
    return [f"{check.title} {check.text}"] if result.recheck_weakness else []


def flag_texts(content: Content, flag_ids: Sequence[str]) -> list[str]:
    by_id = {f.id: f.text for f in content.red_flags.all_flags()}
    return [by_id[f] for f in flag_ids if f in by_id]


def precaution_labels(content: Content, ids: Sequence[str]) -> list[str]:
    by_id = {p.id: p.label for p in content.precautions.precautions}
    return [by_id[p] for p in ids if p in by_id]


def check_rows(
    content: Content, answers: Answers, result: Result
) -> list[tuple[str, str, list[str]]]:
    """(step, label, answer lines) rows for the "Check your answers" page."""
    a = content.assessment
    c = a.check
    missing = a.words.not_answered
    how = a.steps.how_much
    safety_answer = flag_texts(content, result.red_flags)
    if not safety_answer:
        safety_answer = [
            q.none for q in a.steps.safety.groups if q.group in answers.safety_none
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
    return [
        ("safety", c.safety, list(dict.fromkeys(safety_answer))),
        ("where", c.where, region_phrases(content, answers.regions) or [missing]),
        (
            "how_much",
            c.back_pain,
            [pain_text(content, answers.back_pain, result.back_band and result.back_band.label)],
        ),
        (
            "how_much",
            c.leg_pain,
            [pain_text(content, answers.leg_pain, result.leg_band and result.leg_band.label)],
        ),
        ("how_much", c.duration, [duration.label if duration else missing]),
        ("how_much", c.pressure, [pressure.label if pressure else missing]),
        ("how_much", c.activities, [activities.label if activities else missing]),
        ("bother", c.bother, bother or [missing]),
        ("health", c.health, health),
    ]


def therapist_lines(content: Content, answers: Answers, result: Result) -> list[str]:
    """What to tell your therapist, built only from what was answered."""
    a = content.assessment
    tell = a.result.tell
    how = a.steps.how_much
    lines: list[str] = []
    places = region_phrases(content, answers.regions)
    if places:
        lines.append(tell.where.format(value=join_words(content, places)))
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
        value = join_words(content, [items[i] for i in result.sbi_bothersome])
        lines.append(tell.bothersome.format(value=value))
    lines += [
        tell.health.format(value=label) for label in precaution_labels(content, result.precautions)
    ]
    if not result.urgent:
        lines.append(tell.always)
    return lines


def technique_names(content: Content, ids: Sequence[str]) -> str:
    return join_words(content, [content.technique(t).name for t in ids])


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


def grouped_plans(content: Content, plans: Sequence[AreaPlan]) -> list[tuple[list[str], list[str]]]:
    """Areas with the same advice said once: ([area phrases], [plan lines]), in body order."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for plan in plans:
        lines = tuple(plan_lines(content, plan))
        groups.setdefault(lines, []).append(area_phrase(content, plan.area, plan.sides))
    return [(places, list(lines)) for lines, places in groups.items()]


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def advice_lines(content: Content, result: Result, number: str) -> list[str]:
    by_id = {p.id: p for p in content.precautions.precautions}
    return [f"{by_id[p].label}: {by_id[p].advice_text(number)}" for p in result.precautions]


def combine_lines(content: Content, answers: Answers) -> list[str]:
    r = content.assessment.result
    lines = [*r.combine, r.combine_note]
    duration = content.assessment.steps.how_much.duration.option(answers.duration)
    if duration and duration.result_note:
        lines.append(duration.result_note)
    return lines


def used_sources(content: Content, answers: Answers, result: Result) -> list[str]:
    a = content.assessment
    ids: list[str] = []
    if result.urgent:
        for group in content.red_flags.groups:
            if group.id in result.urgent_groups:
                ids += group.sources
        for pid, _ in result.possible_signs:
            ids += next(p.sources for p in content.precautions.precautions if p.id == pid)
    else:
        if result.gp_reasons or result.gp_flags:
            ids += a.result.see_gp.sources
        ids += a.pain_bands.sources + a.steps.bother.sources
        if result.sbi_bothersome:
            ids += a.result.sbi_bothersome_sources
        ids += a.result.combine_sources
        duration = a.steps.how_much.duration.option(answers.duration)
        if duration:
            ids += duration.sources
        for pid in result.precautions:
            ids += next(p.sources for p in content.precautions.precautions if p.id == pid)
    return [content.source(sid).citation for sid in dict.fromkeys(ids)]


def build_summary(
    content: Content, answers: Answers, result: Result, settings: Settings
) -> Summary:
    """The one-page summary: urgent help first, then answers, massage, care and sources."""
    a = content.assessment
    r = a.result
    s = a.summary
    sections: list[Section] = []
    number = content.red_flags.emergency_number_text(settings.emergency_number)
    if result.urgent:
        lines = [f"{title} {text}" for title, text in urgent_lines(content, result, number)]
        if result.red_flags:
            lines.append(
                f"{r.urgent.you_ticked} " + "; ".join(flag_texts(content, result.red_flags))
            )
        lines += possible_sign_lines(content, result, number)
        lines.append(r.urgent.no_massage)
        sections.append(Section(s.urgent_heading, tuple(lines), urgent=True))
    elif result.recheck_weakness or result.gp_reasons or result.gp_flags:
        lines = weakness_check_line(content, result) + see_gp_lines(content, result)
        sections.append(Section(r.see_gp.heading, tuple(lines)))
    answered = therapist_lines(content, answers, result)
    if answered:
        sections.append(Section(s.answers_heading, tuple(answered)))
    if not result.urgent:
        if result.precautions:
            sections.append(Section(s.care_heading, tuple(advice_lines(content, result, number))))
        technique_lines = [
            f"{join_words(content, places)}: " + " ".join(_sentence(line) for line in lines)
            for places, lines in grouped_plans(content, result.plans)
        ]
        if not result.massage_possible:
            technique_lines.append(r.no_massage)
        sections.append(Section(s.techniques_heading, tuple(technique_lines)))
        sections.append(Section(s.combine_heading, tuple(combine_lines(content, answers))))
    sections.append(Section(s.sources_heading, tuple(used_sources(content, answers, result))))
    return Summary(
        title=s.title,
        sections=tuple(sections),
        footer=(s.made_by, content.site.disclaimer.short.strip()),
    )
