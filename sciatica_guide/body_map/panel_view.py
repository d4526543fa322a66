"""The region panel as a component: every region's panel (panel_html.py) arrives with the page,
and a tap shows its region's panel in the same frame (relay.py says how the server follows).

Its "read about" links are real links (a new tab opens the techniques page); a plain click asks
the server to switch pages instead, so the session (the self-assessment's answers) is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from sciatica_guide.body_map.relay import BUS_JS

#: The trigger a "read about" link sends; its value is the technique id.
OPEN_EVENT = "open"

CSS = """
:host {
  display: block;
}
.bp {
  color: var(--st-text-color, #1d2b2a);
  font-family: var(--st-font, "Source Sans Pro", sans-serif);
  font-size: 1rem;
  line-height: 1.6;
}
.bp h3 {
  margin: 0 0 0.5rem;
  font-size: 1.5rem;
  font-weight: 700;
  line-height: 1.25;
}
.bp h4 {
  margin: 1.25rem 0 0.4rem;
  font-size: 1.2rem;
  font-weight: 700;
  line-height: 1.3;
}
.bp p {
  margin: 0 0 0.6rem;
}
.bp ul {
  margin: 0 0 0.6rem;
  padding-left: 1.5rem;
}
.bp li {
  margin: 0.15rem 0;
}
/* Help today: a thick dark-red border, an icon and the action in bold, not colour alone. */
.bp-urgent {
  display: flex;
  gap: 0.6rem;
  align-items: flex-start;
  margin: 0 0 0.75rem;
  padding: 0.75rem 1rem;
  border: 2px solid #a4161a;
  border-left-width: 8px;
  border-radius: 0.5rem;
  background: #fdecea;
  color: #5e0b0b;
}
.bp-urgent p {
  margin: 0;
}
.bp-icon {
  flex: none;
  width: 1.5rem;
  height: 1.5rem;
  border-radius: 50%;
  background: #a4161a;
  color: #ffffff;
  font-weight: 700;
  line-height: 1.5rem;
  text-align: center;
}
.bp-note,
.bp-card,
.bp-prompt {
  margin: 0 0 0.75rem;
  padding: 0.75rem 1rem 0.25rem;
  border: 1px solid #c9d6d4;
  border-left: 6px solid #0b6e69;
  border-radius: 0.5rem;
}
.bp-card {
  border-left-width: 1px;
}
.bp-prompt {
  background: #eef5f4;
}
.bp-small {
  color: #4a5756;
  font-size: 0.875rem;
}
.bp-more {
  display: inline-flex;
  align-items: center;
  min-height: 44px;
  color: #0b6e69;
  font-weight: 600;
  text-decoration: underline;
  text-underline-offset: 0.15em;
}
.bp-status {
  position: absolute;
  width: 1px;
  height: 1px;
  margin: -1px;
  padding: 0;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
  border: 0;
}
.bp-more:focus-visible {
  outline: 3px dashed #000000;
  outline-offset: 2px;
}
"""

JS = (
    BUS_JS
    + """
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let box = parentElement.querySelector(".bp");
  if (!box) {
    box = document.createElement("div");
    box.className = "bp";
    parentElement.appendChild(box);
    box.addEventListener("click", (event) => {
      const link = event.target.closest(".bp-more");
      // A new tab or window (modifier keys, middle button) follows the link itself.
      if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
        return;
      }
      event.preventDefault();
      box.open(link.dataset.technique);
    });
  }
  box.open = (technique) => setTriggerValue("open", technique);
  // Says the new region's name to screen readers after a tap (the panel itself is not live:
  // it would read the whole panel).
  let status = parentElement.querySelector(".bp-status");
  if (!status) {
    status = document.createElement("p");
    status.className = "bp-status";
    status.setAttribute("role", "status");
    parentElement.appendChild(status);
  }
  const show = (region, announce) => {
    const html = region ? data.panels[region] : data.prompt;
    if (html === undefined || box.shown === html) {
      return;
    }
    box.innerHTML = html;
    box.shown = html;
    box.dataset.shown = region || "";
    const heading = box.querySelector("h3");
    if (announce && heading) {
      status.textContent = heading.textContent;
    }
  };
  show(data.selected, false);
  return listen(parentElement, {
    tap: ({ region }) => show(region, true),
    selected: ({ region }) => show(region, true),
  });
}
"""
)

_panel = st.components.v2.component(
    "sciatica_guide.body_map_panel", css=CSS, js=JS, isolate_styles=True
)


@dataclass(frozen=True)
class PanelState:
    """Every region's panel (region id -> HTML), the one shown now, and the words before a tap."""

    panels: dict[str, str]
    selected: str | None
    prompt: str

    def data(self) -> dict[str, Any]:
        return {"panels": self.panels, "selected": self.selected, "prompt": self.prompt}


def panel_view(state: PanelState, *, key: str, on_open: Callable[[], None]) -> Any:
    """Mount the panel; read a "read about" click with `opened_technique`."""
    return _panel(key=key, data=state.data(), on_open_change=on_open)


def opened_technique(session_state: Any, key: str) -> str | None:
    result = session_state.get(key)
    value = getattr(result, OPEN_EVENT, None) if result is not None else None
    if value is None and isinstance(result, dict):
        value = result.get(OPEN_EVENT)
    return value if isinstance(value, str) else None
