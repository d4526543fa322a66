"""A followed phone's room waker: the browser side of the wait route (wake.py).

A component that draws nothing: it keeps one request waiting on the guide's own server and, when
the room is at another version, sends "changed", which reruns the fragment it is drawn in.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from sciatica_guide.workshop.wake import wait_path

#: The component's key (guide.css hides it: it draws nothing) and its one event.
WAKER_KEY = "workshop-waker"
CHANGED_EVENT = "changed"
#: After "changed" with no run to follow it (a lost message), the waker asks again this late.
AGAIN_MS = 3000
#: The longest pause between tries while the route cannot be reached.
MAX_BACKOFF_MS = 30_000

_waker = st.components.v2.component(
    "sciatica_guide.room_waker",
    js=Path(__file__).with_name("web").joinpath("waker.js").read_text(encoding="utf-8"),
)


def room_waker(*, room: str, phone: str, version: int) -> None:
    """Draw the waker for this phone at this room version (inside the fragment it reruns)."""
    data = {
        "path": wait_path(str(st.get_option("server.baseUrlPath") or "")),
        "room": room,
        "phone": phone,
        "version": version,
        "again_ms": AGAIN_MS,
        "max_backoff_ms": MAX_BACKOFF_MS,
    }
    # The event itself is all that counts: it reruns the fragment, which reads the room again.
    _waker(key=WAKER_KEY, data=data, on_changed_change=lambda: None)
