"""Which movements a person sees, after their self-assessment answers (issue 27, part 2).

The same gates as massage: an urgent sign shows no movement, only what to do; a possible urgent
sign the result asks again holds every movement until it is answered; strong pain, or new leg
pain (the "irritable nerve" rule), or a sign that means a GP first, shows only the gentlest,
with why; a precaution takes away what movements.yaml says it rules out, with why. No answers:
every movement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sciatica_guide.assessment.rules import Answers, evaluate
from sciatica_guide.content import Content
from sciatica_guide.content.models import Level
from sciatica_guide.content.movement_models import GentlestReason, Movement


@dataclass(frozen=True)
class MovementPlan:
    shown: tuple[Movement, ...]
    #: Taken away by a precaution: (movement, why).
    left_out: tuple[tuple[Movement, str], ...] = ()
    #: The plan follows answers given on this device (else it is every movement).
    from_answers: bool = True
    #: The most urgent level of the signs ticked (red_flags.yaml): no movement, only what to do.
    urgent_level: Level | None = None
    #: The result asks a possible urgent sign again: no movement until it is answered.
    held: bool = False
    #: Why only the gentlest show (movement_models.gentlest_words), or None.
    gentlest_reason: GentlestReason | None = None

    @property
    def urgent(self) -> bool:
        return self.urgent_level is not None

    @property
    def gentlest_only(self) -> bool:
        return self.gentlest_reason is not None

    def urgent_words(self, content: Content, number: str) -> str:
        """In place of every movement when `urgent`: what to do, with `number` (the session's
        emergency number), in the same words wherever it is said."""
        assert self.urgent_level is not None
        action = content.red_flags.action(self.urgent_level, number)
        return content.movements.ui.urgent.format(action=action)

    @property
    def reasons(self) -> tuple[str, ...]:
        """Each different why of the movements left out, in order."""
        return tuple(dict.fromkeys(why for _, why in self.left_out))


def _strong_pain(content: Content, answers: Answers) -> bool:
    bands = content.assessment.pain_bands.bands
    scores = [s for s in (answers.back_pain, answers.leg_pain) if s is not None]
    return any(b.see_gp and b.min <= s <= b.max for b in bands for s in scores)


def movement_plan(
    content: Content, answers: Answers, areas: Sequence[str] | None = None
) -> MovementPlan:
    """The movements to show for these answers, optionally only those fitting `areas`."""
    movements = content.movements
    candidates = [
        m for m in movements.movements if areas is None or any(a in m.areas for a in areas)
    ]
    if answers == Answers():
        return MovementPlan(tuple(candidates), from_answers=False)
    result = evaluate(content, answers)
    if result.urgent:
        return MovementPlan((), urgent_level=result.urgent_levels[0])
    if result.rechecks or result.recheck_weakness:
        # As for massage: nothing is suggested while a possible urgent sign waits for an answer.
        return MovementPlan((), held=True)
    irritable = content.assessment.result.irritable_nerve.precaution
    reason: GentlestReason | None = (
        "pain"
        if irritable in result.precautions or _strong_pain(content, answers)
        else "gp-first"
        if result.wait_flags
        else None
    )
    why_out: dict[str, str] = {}
    for rule in movements.precautions:
        if rule.precaution in result.precautions:
            for movement_id in rule.rules_out:
                why_out.setdefault(movement_id, rule.why)
    shown = tuple(m for m in candidates if m.id not in why_out and (m.gentle or reason is None))
    left_out = tuple((m, why_out[m.id]) for m in candidates if m.id in why_out)
    return MovementPlan(shown, left_out, gentlest_reason=reason)
