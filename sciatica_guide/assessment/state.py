"""The self-assessment's place in the session: the one owner of every key it uses.

The answers are kept as one plain dict (ANSWERS; the places in the shared PAIN_REGIONS). While a
step is on screen its widgets hold that step's answers under WIDGET keys, which start from the
stored answers (`init`) and are folded back into them (`collect`) on every action. Every key
starts with "guide." so that clear_person ("Clear my answers") forgets all of it. Nothing here
touches disk or URL.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sciatica_guide.assessment.rules import STEPS, Answers, Step, question_flags
from sciatica_guide.assessment.screens import Screen, find_screen, first_screen
from sciatica_guide.content import Content
from sciatica_guide.session import (
    PREFIX,
    StateMap,
    get_pain_regions,
    get_selected_region,
    set_pain_regions,
)

ANSWERS = PREFIX + "assessment.answers"
STEP = PREFIX + "assessment.step"
#: The screen on show within a question step (screens.py); the step's first when unset.
SCREEN = PREFIX + "assessment.screen"
#: Set by a "Change" button on the check page: the screen after whose Continue the person goes
#: back to the check page.
RETURN_TO_CHECK = PREFIX + "assessment.return_to_check"
#: The screen whose Continue was refused, so its error message shows.
SHOW_ERROR = PREFIX + "assessment.show_error"
#: The body map's selection when the assessment last looked, to notice a new pick there.
SEEN_SELECTED = PREFIX + "assessment.seen_selected"
#: Widget keys. They hold answers too, so they share the prefix.
WIDGET = PREFIX + "assessment.w."
#: Not about the person (a one-off "cleared" notice), so deliberately outside the prefix.
CLEARED_NOTICE = "assessment_cleared_notice"
#: The step drawn last, to notice a new screen (kept with the answers, so cleared with them).
LAST_DRAWN = PREFIX + "assessment.last_drawn"

BACK_KEY = f"{WIDGET}back_pain"
LEG_KEY = f"{WIDGET}leg_pain"
DURATION_KEY = f"{WIDGET}duration"
PRESSURE_KEY = f"{WIDGET}pressure"
ACTIVITIES_KEY = f"{WIDGET}activities"
#: The sides of each area's "where" pills.
SIDES = ("left", "right")
#: Single-value answers and the widget that holds each while its step is on screen.
VALUE_WIDGETS = (
    ("back_pain", BACK_KEY),
    ("leg_pain", LEG_KEY),
    ("duration", DURATION_KEY),
    ("pressure", PRESSURE_KEY),
    ("activities", ACTIVITIES_KEY),
)


def flag_key(flag_id: str) -> str:
    return f"{WIDGET}flag.{flag_id}"


def flag_none_key(question_id: str) -> str:
    return f"{WIDGET}flag-none.{question_id}"


def health_none_key(screen_id: str) -> str:
    return f"{WIDGET}precaution-none.{screen_id}"


#: How many times the server has set the "where" pills (a tap on the map, a region picked on the
#: body map). Each time the pills get new keys: the browser sends every widget's value with each
#: run as it last drew it, and a Continue tapped before it drew the server's new pills would send
#: the old ones, which Streamlit takes as the person's change and the tap is lost. A value for a
#: key no longer drawn is ignored.
WHERE_VERSION = f"{WIDGET}where.version"


def where_key(state: StateMap, area_id: str) -> str:
    version = state.get(WHERE_VERSION)
    suffix = f".v{version}" if isinstance(version, int) and version > 0 else ""
    return f"{WIDGET}where.{area_id}{suffix}"


def renew_where(state: StateMap, content: Content) -> None:
    """Forget the pills drawn so far and give the next ones new keys (WHERE_VERSION)."""
    for area in content.areas.areas:
        state.pop(where_key(state, area.id), None)
    version = state.get(WHERE_VERSION)
    state[WHERE_VERSION] = (version if isinstance(version, int) else 0) + 1


def pills_regions(state: StateMap, content: Content) -> tuple[str, ...]:
    """The places the "where" pills hold (region ids), area by area."""
    return tuple(
        f"{area.id}-{side}"
        for area in content.areas.areas
        for side in (state.get(where_key(state, area.id)) or [])
        if side in SIDES
    )


def set_pills(
    state: StateMap, content: Content, regions: Iterable[str], *, keep_shown: bool = False
) -> None:
    """Each area's pills hold the sides of `regions`: new pills (renew_where); with
    `keep_shown`, the pills drawn in the last run keep their values and only others start from
    `regions` (`init`)."""
    chosen = set(regions)
    if not keep_shown:
        renew_where(state, content)
    for area in content.areas.areas:
        sides = [s for s in SIDES if f"{area.id}-{s}" in chosen]
        init(state, where_key(state, area.id), sides)


def sbi_key(item_id: str) -> str:
    return f"{WIDGET}sbi.{item_id}"


def precaution_key(precaution_id: str) -> str:
    return f"{WIDGET}precaution.{precaution_id}"


def get_step(state: StateMap) -> Step:
    value = state.get(STEP)
    return Step(value) if value in tuple(Step) else STEPS[0]


def get_screen(state: StateMap, content: Content) -> Screen | None:
    """The question screen on show; None on "Check your answers" and the result."""
    step = get_step(state)
    if step not in STEPS:
        return None
    screen = find_screen(content, state.get(SCREEN))
    return screen if screen is not None and screen.step == step else first_screen(content, step)


def set_step(state: StateMap, step: Step) -> None:
    state[STEP] = step.value
    state.pop(SCREEN, None)
    state.pop(SHOW_ERROR, None)


def set_screen(state: StateMap, screen: Screen) -> None:
    set_step(state, screen.step)
    state[SCREEN] = screen.id


def init(state: StateMap, key: str, value: Any) -> None:
    """A widget starts from the stored answer when it was not on screen in the last run."""
    if key not in state:
        state[key] = value


def collect(state: StateMap, content: Content, answers: Answers) -> Answers:
    """The stored answers updated with the values of any widgets on screen."""
    data = answers.to_mapping()
    a = content.assessment
    flags = set(answers.red_flags)
    none = set(answers.safety_none)
    for question in a.steps.safety.questions:
        if flag_none_key(question.id) not in state:
            continue
        for flag_id in question_flags(content, question):
            (flags.add if state.get(flag_key(flag_id)) else flags.discard)(flag_id)
        if question.group in none and question.group != question.id:
            # A "none" kept for a whole group stands for each of its questions.
            none.discard(question.group)
            none |= {q.id for q in a.steps.safety.questions if q.group == question.group}
        (none.add if state.get(flag_none_key(question.id)) else none.discard)(question.id)
    data["red_flags"], data["safety_none"] = sorted(flags), sorted(none)

    regions = list(answers.regions)
    if any(where_key(state, area.id) in state for area in content.areas.areas):
        chosen = set(pills_regions(state, content))
        regions = merge_selection(regions, chosen, [r.id for r in content.regions()])

    for field, key in VALUE_WIDGETS:
        if key in state:
            data[field] = state[key]
    sbi = dict(answers.sbi)
    for item in a.steps.bother.items:
        key = sbi_key(item.id)
        if key in state:
            if state[key] is None:
                sbi.pop(item.id, None)
            else:
                sbi[item.id] = state[key]
    data["sbi"] = sbi
    health = a.steps.health
    precautions = set(answers.precautions)
    health_none = set(answers.health_none)
    if answers.precautions_none:
        health_none |= {screen.id for screen in health.screens}
    for screen in health.screens:
        if health_none_key(screen.id) not in state:
            continue
        for pid in screen.precautions:
            (precautions.add if state.get(precaution_key(pid)) else precautions.discard)(pid)
        (health_none.add if state.get(health_none_key(screen.id)) else health_none.discard)(
            screen.id
        )
    data["precautions"] = sorted(precautions)
    data["health_none"] = sorted(health_none)
    data["precautions_none"] = all(screen.id in health_none for screen in health.screens)
    return Answers.from_mapping(data, regions=regions)


def sync(state: StateMap, content: Content) -> Answers:
    """Fold the widgets on screen into the stored answers, and return them."""
    answers = collect(state, content, load_answers(state))
    save_answers(state, answers)
    return answers


def load_answers(state: StateMap) -> Answers:
    return Answers.from_mapping(state.get(ANSWERS), regions=get_pain_regions(state))


def save_answers(state: StateMap, answers: Answers) -> None:
    state[ANSWERS] = answers.to_mapping()
    if list(answers.regions) != get_pain_regions(state):
        set_pain_regions(state, list(answers.regions))
        state[SEEN_SELECTED] = get_selected_region(state)


def merge_selection(previous: Sequence[str], chosen: set[str], order: Sequence[str]) -> list[str]:
    """Keep the order regions were picked in (the last one picked becomes the body map's
    selection); newly picked regions go to the end, in body order."""
    kept = [r for r in previous if r in chosen]
    added = [r for r in order if r in chosen and r not in kept]
    return kept + added


def reconcile_regions(state: StateMap, content: Content) -> bool:
    """Bring a region newly picked on the Body map page into the assessment's list.

    Before anything is chosen here, the body map's region pre-fills the list. Later, a different
    region picked on the body map is added. A region removed here is not added back, because the
    body map's selection has already been seen. Returns True when the list changed.
    """
    selected = get_selected_region(state)
    seen = state.get(SEEN_SELECTED)
    regions = get_pain_regions(state)
    changed = False
    if (
        selected is not None
        and selected != seen
        and selected not in regions
        and content.region(selected) is not None
    ):
        set_pain_regions(state, [*regions, selected])
        changed = True
    state[SEEN_SELECTED] = get_selected_region(state)
    return changed
