"""The region panel as a component: every region's panel (panel_html.py) arrives with the page,
and a tap shows its region's panel in the same frame (relay.py says how the server follows).

Its "read about" links are real links (a new tab opens the techniques page); a plain click asks
the server to switch pages instead, so the session (the self-assessment's answers) is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from sciatica_guide.body_map.relay import event_value, script, web_file
from sciatica_guide.limits import short_text
from sciatica_guide.ui.read_aloud import SPEECH_CSS, SPEECH_JS

#: The trigger a "read about" link sends; its value is the technique id.
OPEN_EVENT = "open"

_panel = st.components.v2.component(
    "sciatica_guide.body_map_panel",
    css=web_file("panel.css") + "\n" + SPEECH_CSS,
    js=SPEECH_JS + "\n" + script("panel.js"),
    isolate_styles=True,
)


@dataclass(frozen=True)
class PanelState:
    """Every region's panel (region id -> HTML), the one shown now, and the words before a tap."""

    panels: dict[str, str]
    selected: str | None
    prompt: str
    #: The read-aloud button's words ({"start", "stop", "lang"}); {} for none.
    read: dict[str, str] = field(default_factory=dict)

    def data(self) -> dict[str, Any]:
        return {
            "panels": self.panels,
            "selected": self.selected,
            "prompt": self.prompt,
            "read": self.read,
        }


def panel_view(state: PanelState, *, key: str, on_open: Callable[[], None]) -> Any:
    """Mount the panel; read a "read about" click with `opened_technique`."""
    return _panel(key=key, data=state.data(), on_open_change=on_open)


def opened_technique(session_state: Any, key: str) -> str | None:
    return short_text(event_value(session_state, key, OPEN_EVENT))
