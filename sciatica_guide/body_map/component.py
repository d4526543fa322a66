"""The body map as a Streamlit components-v2 element: inline SVG, no iframe, no build step.

Each region is an SVG path with role="button", a name and tabindex, so it works by mouse, touch
and keyboard. A tap is drawn at once and goes to the server through the relay (relay.py), or as
the map's own one-shot trigger ("select") where there is no relay (a presenter, a workshop
phone, or when the relay's answer did not come). What the server selected is drawn again on its
answer, so the map, the list and the URL show one value. Its script and style are in web/map.js
and web/map.css. (Plotly's selection was measured unusable for this: see streamlit-notes.md.)
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from sciatica_guide.body_map.relay import (
    MAX_SEQ,
    SELECT_EVENT,
    event_value,
    read_tap,
    script,
    web_file,
)
from sciatica_guide.limits import short_text

#: More places than a body has: a longer list from a browser is refused whole.
MAX_CHOSEN = 64

#: The view value that shows both views side by side.
BOTH_VIEWS = "both"

_component = st.components.v2.component(
    "sciatica_guide.body_map",
    css=web_file("map.css"),
    js=script("map.js"),
    isolate_styles=True,
)


@functools.lru_cache(maxsize=8)
def svg_hash(svg: str) -> str:
    """A short fingerprint of the drawing: the browser rebuilds the map only when it changes.

    Cached: the drawing is the same string on every rerun, and hashing 30 kB each time is waste.
    """
    return hashlib.sha1(svg.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class MapState:
    """What the map shows: the drawing, the view, the selected region and the overlays.

    `view` is "back", "front" or BOTH_VIEWS (side by side, for a projector).
    """

    svg: str
    view: str
    selected: str | None
    nerve: bool
    roots: bool
    #: A token that changes on every script run. The browser draws a tap at once, before the
    #: server has seen it. When the server does not take the tap (a session that a restarted
    #: server has never drawn), nothing else in the data changes, the browser does not call the
    #: JS again, and the map would keep the tap while the panel and URL show the server's
    #: choice. A new token makes every run draw `selected`: the map shows what the server has
    #: selected. Random, so a new session's first run differs from the old session's last.
    #: (The message is sent whole on every run anyway: minCachedMessageSize in config.toml.)
    run: str = ""
    #: The chosen region's technique marks and their words (marks.marks_data); {} for none.
    marks: dict[str, Any] = field(default_factory=dict)
    #: True where the relay (relay.py) tells the server about taps and the panel draws them at
    #: once; False (a workshop's shared map, the presenter) sends each tap itself: a page run.
    relay: bool = False
    #: Each region's name and first line (panel_html.first_line), for the bar above the figure
    #: where the panel is below it (phones); {} for no bar. `prompt` shows before a choice.
    brief: dict[str, Any] = field(default_factory=dict)
    prompt: str = ""
    #: Several places at once (the self-assessment's "Where does it hurt?"): a tap turns a
    #: region on or off and sends the whole set with its number (`read_choice`); `chosen` and
    #: `seq` are what the server holds, after the tap numbered `seq`.
    multi: bool = False
    chosen: tuple[str, ...] = ()
    seq: int = 0

    def data(self) -> dict[str, Any]:
        return {
            "svg": self.svg,
            "hash": svg_hash(self.svg),
            "view": self.view,
            "selected": self.selected,
            "nerve": self.nerve,
            "roots": self.roots,
            "run": self.run,
            "marks": self.marks,
            "relay": self.relay,
            "brief": self.brief,
            "prompt": self.prompt,
            "multi": self.multi,
            "chosen": list(self.chosen),
            "seq": self.seq,
        }


def body_map(state: MapState, *, key: str, on_select: Callable[[], None]) -> None:
    """Mount the map. `on_select` runs when a region is chosen; read it with `chosen_region`."""
    _component(key=key, data=state.data(), on_select_change=on_select)


@dataclass(frozen=True)
class Choice:
    """A multi map's set of places as the browser sent it (ids maybe unknown) and its number."""

    regions: tuple[str, ...]
    seq: int


def read_choice(session_state: Any, key: str) -> Choice | None:
    """The set a multi map just sent, or None for anything malformed."""
    value = event_value(session_state, key, SELECT_EVENT)
    if not isinstance(value, Mapping):
        return None
    regions, seq = value.get("chosen"), value.get("seq")
    if not isinstance(regions, list) or len(regions) > MAX_CHOSEN:
        return None
    if isinstance(seq, bool) or not isinstance(seq, int) or not 0 <= seq <= MAX_SEQ:
        return None
    ids = tuple(dict.fromkeys(r for r in regions if short_text(r)))
    return Choice(ids, seq)


def chosen_region(session_state: Any, key: str) -> str | None:
    """The region id the map just sent, inside the `on_select` callback."""
    tap = read_tap(session_state, key)
    return tap.region if tap else None
