"""Per-session state shared across pages. Answers live here only: never on disk, in logs or URLs.

Keys are namespaced so "Clear my answers" and the clinic's "Start over" can empty everything the
guide stored about the person, and nothing else.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

#: Every key the guide stores about the person starts with this prefix.
PREFIX = "guide."
#: The region selected on the body map (one region id or None). The self-assessment's "Where"
#: step starts from it, and picking regions there makes the last one picked the body map's.
SELECTED_REGION = PREFIX + "selected_region"
#: The regions the person says hurt, in the self-assessment (list of region ids).
PAIN_REGIONS = PREFIX + "pain_regions"

#: What the state helpers take: st.session_state or, in tests, a plain dict. Streamlit's
#: SessionStateProxy is a MutableMapping keyed by str | int, and a mapping's key type is invariant,
#: so a MutableMapping[str, Any] parameter would refuse it.
StateMap = MutableMapping[Any, Any]


def get_selected_region(state: StateMap) -> str | None:
    value = state.get(SELECTED_REGION)
    return value if isinstance(value, str) else None


def set_selected_region(state: StateMap, region_id: str | None) -> None:
    state[SELECTED_REGION] = region_id


def get_pain_regions(state: StateMap) -> list[str]:
    value = state.get(PAIN_REGIONS)
    return list(value) if isinstance(value, list | tuple) else []


def set_pain_regions(state: StateMap, region_ids: list[str]) -> None:
    state[PAIN_REGIONS] = list(region_ids)
    if region_ids:
        state[SELECTED_REGION] = region_ids[-1]


def clear_person(state: StateMap) -> None:
    """Forget everything about the person: answers, selections and widget values."""
    for key in [k for k in list(state.keys()) if str(k).startswith(PREFIX)]:
        del state[key]
