"""How a tap on the map reaches the server without redrawing the page (issue 14).

Three components share one page: the map and the panel (drawn on full runs only; they carry the
heavy data: the drawing and every region's panel) and this relay, a tiny component inside an
`st.fragment` with the list. A tap is drawn by the map and the panel at once, in the browser;
the relay tells the server, whose fragment run (the list and the relay: two elements) records
the selection (session, URL, self-assessment) and answers with the selection it holds.

They talk through events on one `EventTarget` in the page (web/bus.js):
- "tap" {region, seq}: the map was tapped (map -> panel, relay).
- "selected" {region, seq, marks}: the server holds this selection, after tap `seq` (relay ->
  map, panel). While a tap waits for its answer, answers to older taps are dropped, so quick
  taps never flash back.
- "resend" {region, seq}: no answer came (a restarted server has never run this fragment, so it
  skips the run): the map sends the tap itself, which runs the whole page (relay -> map).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st

from sciatica_guide.limits import short_text

#: The trigger both the relay and the map send for a tap: {"region": id, "seq": n}.
SELECT_EVENT = "select"
#: How long the relay waits for the server's answer before the map sends the tap itself. Long
#: enough for a slow phone link (about 2 s for a fragment run at 1.6 Mbit/s + 300 ms).
RESEND_AFTER_MS = 4000
#: The highest tap number taken from a browser: a bound, not a limit anyone reaches.
MAX_SEQ = 2**31

#: The browser's side of the body map (JavaScript and CSS files, read once at import).
WEB_DIR = Path(__file__).with_name("web")


def web_file(name: str) -> str:
    return (WEB_DIR / name).read_text(encoding="utf-8")


def script(name: str) -> str:
    """A component's script with the bus (web/bus.js) before it: each one has its own copy."""
    return web_file("bus.js") + "\n" + web_file(name)


_relay = st.components.v2.component("sciatica_guide.body_map_relay", js=script("relay.js"))


@dataclass(frozen=True)
class RelayState:
    """What the server holds: the selection, the last tap it has taken, and the region's marks."""

    selected: str | None
    seq: int
    marks: dict[str, Any] = field(default_factory=dict)

    def data(self) -> dict[str, Any]:
        return {
            "selected": self.selected,
            "seq": self.seq,
            "marks": self.marks,
            "resend_ms": RESEND_AFTER_MS,
        }


def relay(state: RelayState, *, key: str, on_select: Callable[[], None]) -> None:
    _relay(key=key, data=state.data(), on_select_change=on_select)


@dataclass(frozen=True)
class Tap:
    """A tap as the browser sent it: a region id (maybe unknown) and its number."""

    region: str
    seq: int


def event_value(session_state: Any, key: str, event: str) -> Any:
    """What the component drawn with `key` sent for `event` in this run (None if nothing).

    Streamlit gives a component's result as an object with one attribute per event; a session
    state value set another way (AppTest, a test) may be a plain mapping.
    """
    result = session_state.get(key)
    value = getattr(result, event, None) if result is not None else None
    if value is None and isinstance(result, Mapping):
        value = result.get(event)
    return value


def read_tap(session_state: Any, key: str) -> Tap | None:
    """The tap a component (the relay or the map) just sent, or None for anything malformed.

    The map of a workshop phone sends a bare region id (seq 0); the body map page sends
    {"region": id, "seq": n}.
    """
    value = event_value(session_state, key, SELECT_EVENT)
    if isinstance(value, str):
        return Tap(value, 0) if short_text(value) else None
    if not isinstance(value, Mapping):
        return None
    region, seq = short_text(value.get("region")), value.get("seq")
    if region is None or isinstance(seq, bool) or not isinstance(seq, int):
        return None
    if not 0 <= seq <= MAX_SEQ:
        return None
    return Tap(region, seq)
