"""The gentle movements in the self-assessment's summary to take away (issue 27, part 4).

The same plan as the Beyond massage page (plan.py), in a few lines: what may suit, what is not
for now and why, and when to stop; with an urgent sign, no movement, only what to do, in the
page's own words. The page hands this to the summary (assessment.export.SummaryParts)."""

from __future__ import annotations

from sciatica_guide.assessment.export import Section
from sciatica_guide.assessment.rules import Answers
from sciatica_guide.content import Content
from sciatica_guide.content.movement_models import Movement, gentlest_words
from sciatica_guide.movements.plan import movement_plan


def _names(content: Content, movements: list[Movement]) -> str:
    return content.join_words([m.name for m in movements])


def movements_section(content: Content, answers: Answers, number: str) -> Section:
    """The summary's movements for these answers; `number` is the emergency number."""
    movements = content.movements
    ui = movements.ui
    r = content.assessment.result
    plan = movement_plan(content, answers)
    if plan.urgent:
        return Section(ui.summary_heading, (content.sentence(plan.urgent_words(content, number)),))
    if plan.held:
        return Section(ui.summary_heading, (ui.held,))
    shown_names = content.sentence(_names(content, list(plan.shown)))
    lines = [f"{r.may_suit}: {shown_names}" if plan.shown else ui.none_left]
    sources = [s for m in plan.shown for s in m.sources]
    left_out = {m.id for m, _ in plan.left_out}
    shown = {m.id for m in plan.shown}
    waiting = [m for m in movements.movements if m.id not in shown | left_out]
    if plan.gentlest_reason is not None and waiting:
        why = gentlest_words(ui, plan.gentlest_reason, short=True)
        lines.append(f"{r.not_now}: {content.sentences([_names(content, waiting), why])}")
    for why in plan.reasons:
        out = [m for m, reason in plan.left_out if reason == why]
        lines.append(f"{r.not_now}: {content.sentences([_names(content, out), why])}")
    for rule in movements.precautions:
        if any(why == rule.why for why in plan.reasons):
            sources += rule.sources
    stop = content.sentences(movements.stop_signs)
    lines += [f"{ui.stop_heading}: {stop}", ui.summary_how]
    sources += movements.stop_sources
    return Section(ui.summary_heading, tuple(lines), sources=tuple(dict.fromkeys(sources)))
