"""The self-assessment's screens: one question, or one small group, per screen (the NHS service
manual and GOV.UK's "one thing per page"). Pure: content and answers in, screens out.

The five steps (rules.STEPS) stay the units the rules and "Check your answers" speak of; each is
shown as one or more screens, in the order content/assessment.yaml lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sciatica_guide.assessment.rules import (
    STEPS,
    Answers,
    Step,
    health_answered,
    how_much_answered,
    safety_answered,
    sbi_total,
)
from sciatica_guide.content import Content


@dataclass(frozen=True)
class Screen:
    """One screen of questions. `asks` holds what it asks, by the step's own ids: safety
    question ids, how-much fields (back_pain ...), or precaution ids; empty for the body map
    ("where") and the bother scales, which are one screen each."""

    id: str
    step: Step
    asks: tuple[str, ...] = ()


def question_screens(content: Content) -> tuple[Screen, ...]:
    steps = content.assessment.steps
    screens = [
        Screen(s.id, Step.SAFETY, tuple(q.id for q in s.questions)) for s in steps.safety.screens
    ]
    screens.append(Screen("where", Step.WHERE))
    screens += [Screen(s.id, Step.HOW_MUCH, tuple(s.asks)) for s in steps.how_much.screens]
    screens.append(Screen("bother", Step.BOTHER))
    screens += [Screen(s.id, Step.HEALTH, tuple(s.precautions)) for s in steps.health.screens]
    return tuple(screens)


def find_screen(content: Content, screen_id: object) -> Screen | None:
    return next((s for s in question_screens(content) if s.id == screen_id), None)


def step_screens(content: Content, step: Step) -> tuple[Screen, ...]:
    return tuple(s for s in question_screens(content) if s.step == step)


def first_screen(content: Content, step: Step = STEPS[0]) -> Screen:
    return step_screens(content, step)[0]


def screen_complete(content: Content, answers: Answers, screen: Screen) -> bool:
    """Whether a screen has every answer it needs (Continue is refused until it has)."""
    steps = content.assessment.steps
    if screen.step == Step.SAFETY:
        questions = [q for q in steps.safety.questions if q.id in screen.asks]
        return all(safety_answered(content, answers, q) for q in questions)
    if screen.step == Step.WHERE:
        return any(content.region(r) is not None for r in answers.regions)
    if screen.step == Step.HOW_MUCH:
        return all(how_much_answered(content, answers, f) for f in screen.asks)
    if screen.step == Step.BOTHER:
        return sbi_total(steps.bother.items, answers.sbi) is not None
    health = next(s for s in steps.health.screens if s.id == screen.id)
    return health_answered(answers, health)


def first_incomplete_screen(content: Content, answers: Answers) -> Screen | None:
    return next(
        (s for s in question_screens(content) if not screen_complete(content, answers, s)), None
    )


def next_screen(content: Content, screen: Screen) -> Screen | None:
    """The screen after this one; None after the last (then "Check your answers")."""
    screens = question_screens(content)
    index = screens.index(screen)
    return screens[index + 1] if index + 1 < len(screens) else None


def previous_screen(content: Content, screen: Screen) -> Screen | None:
    screens = question_screens(content)
    index = screens.index(screen)
    return screens[index - 1] if index > 0 else None


def screen_number(content: Content, screen: Screen) -> tuple[int, int]:
    """(n, total) for the progress line "Question n of total"."""
    screens = question_screens(content)
    return screens.index(screen) + 1, len(screens)


def change_screens(content: Content, row: str) -> tuple[Screen, Screen]:
    """For a row of "Check your answers": the screen its "Change" opens, and the screen whose
    Continue comes back. A step's list of signs or precautions is walked whole."""
    for step in (Step.SAFETY, Step.HEALTH, Step.WHERE, Step.BOTHER):
        if row == step.value:
            screens = step_screens(content, step)
            return screens[0], screens[-1]
    screen = next(s for s in step_screens(content, Step.HOW_MUCH) if row in s.asks)
    return screen, screen
