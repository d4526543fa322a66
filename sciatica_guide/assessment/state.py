"""The self-assessment's place in the session. Every key starts with "guide." so that
clear_person (the "Clear my answers" button) forgets all of it. Nothing here touches disk or URL.
"""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from typing import Any

from sciatica_guide.assessment.rules import ALL_STEPS, STEPS, Answers
from sciatica_guide.content import Content
from sciatica_guide.session import (
    PREFIX,
    get_pain_regions,
    get_selected_region,
    set_pain_regions,
)

ANSWERS = PREFIX + "assessment.answers"
STEP = PREFIX + "assessment.step"
#: Set by a "Change" link on the check page: Continue then goes back to the check page.
RETURN_TO_CHECK = PREFIX + "assessment.return_to_check"
#: The step whose Continue was refused, so its error message shows.
SHOW_ERROR = PREFIX + "assessment.show_error"
#: The body map's selection when the assessment last looked, to notice a new pick there.
SEEN_SELECTED = PREFIX + "assessment.seen_selected"
#: Widget keys. They hold answers too, so they share the prefix.
WIDGET = PREFIX + "assessment.w."
#: Not about the person (a one-off "cleared" notice), so deliberately outside the prefix.
CLEARED_NOTICE = "assessment_cleared_notice"

State = MutableMapping[str, Any]


def get_step(state: State) -> str:
    step = state.get(STEP)
    return step if step in ALL_STEPS else STEPS[0]


def set_step(state: State, step: str) -> None:
    state[STEP] = step
    state.pop(SHOW_ERROR, None)


def load_answers(state: State) -> Answers:
    return Answers.from_mapping(state.get(ANSWERS), regions=get_pain_regions(state))


def save_answers(state: State, answers: Answers) -> None:
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


def reconcile_regions(state: State, content: Content) -> bool:
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
