"""Which mode a session is in, and the clinic's idle reset: pure functions, no Streamlit.

- standard: a person on their own device.
- clinic: a shared tablet. Bigger targets, no Streamlit chrome, "Start over" everywhere, and an
  idle reset so the next patient never sees the last one's answers.
- presenter: a projector in a workshop. Bigger type, the article one section at a time, a QR code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sciatica_guide.session import StateMap, clear_person
from sciatica_guide.settings import Mode, Settings

#: The URL flag that picks a mode, for example ?mode=clinic.
MODE_PARAM = "mode"
#: Session keys for the mode and the clock. Not under the "guide." prefix: starting over for the
#: next patient keeps the tablet in clinic mode.
MODE_KEY = "mode.current"
LAST_ACTIVITY_KEY = "mode.last_activity"
IDLE_RESET_NOTICE_KEY = "mode.idle_reset_notice"

Clock = Callable[[], float]


#: What the notice shows for a requested mode that is not a plain word: a link could otherwise
#: put any text (a phone number, an address) inside a health guide's own notice.
UNSHOWN_REQUEST = "…"
#: A mistyped mode is a word: letters and hyphens. Anything else is not echoed back.
_PLAIN_WORD = re.compile(r"^[A-Za-z][A-Za-z-]*$")


def shown_request(requested: str) -> str:
    """The part of an unknown ?mode= value the notice may repeat: a short plain word, else "…"."""
    text = requested.strip()[:40]
    return text if _PLAIN_WORD.match(text) else UNSHOWN_REQUEST


@dataclass(frozen=True)
class ModeChoice:
    mode: Mode
    #: What to repeat of an unknown value a URL asked for (see shown_request), to tell the
    #: person calmly; None when all was well.
    unknown_request: str | None = None


def resolve_mode(
    settings: Settings, query: Mapping[str, Any], remembered: Mode | None = None
) -> ModeChoice:
    """The deployment's mode wins; else the URL flag; else what this session already had."""
    if settings.mode is not None:
        return ModeChoice(settings.mode)
    requested = query.get(MODE_PARAM)
    if isinstance(requested, list):
        requested = requested[-1] if requested else None
    if requested is None or str(requested).strip() == "":
        return ModeChoice(remembered or Mode.STANDARD)
    text = str(requested).strip().lower()
    try:
        return ModeChoice(Mode(text))
    except ValueError:
        shown = shown_request(str(requested))
        return ModeChoice(remembered or Mode.STANDARD, unknown_request=shown)


def is_idle(last_activity: float | None, now: float, timeout: float) -> bool:
    """True once `timeout` seconds have passed since the last activity (never before any)."""
    return last_activity is not None and now - last_activity >= timeout


def reset_if_idle(state: StateMap, settings: Settings, clock: Clock) -> bool:
    """Clear everything about the person when the tablet has been idle too long.

    Returns True when it cleared. The caller then returns to the start page.
    """
    if not is_idle(state.get(LAST_ACTIVITY_KEY), clock(), settings.idle_reset_seconds):
        return False
    clear_person(state)
    state[LAST_ACTIVITY_KEY] = clock()
    state[IDLE_RESET_NOTICE_KEY] = True
    return True


def record_activity(state: StateMap, clock: Clock) -> None:
    state[LAST_ACTIVITY_KEY] = clock()


def presenter_step(current: int, delta: int, total: int) -> int:
    """The section to show after moving `delta` steps, kept within the article."""
    if total <= 0:
        return 0
    return min(max(current + delta, 0), total - 1)
