"""The body map as a Streamlit components-v2 element: inline SVG, no iframe, no build step.

Each region is an SVG path with role="button", a name and tabindex, so it works by mouse, touch
and keyboard, and its choice reaches Python as a one-shot trigger ("select"). What is drawn as
selected always comes from Python (`selected` in the data), so the map, the list and the URL show
one value. (Plotly's selection was measured unusable for this: see streamlit-notes.md.)
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

#: The trigger the component sends when a region is chosen; its value is the region id.
SELECT_EVENT = "select"
#: The view value that shows both views side by side.
BOTH_VIEWS = "both"

# Keep CSS and JS multi-line: a one-line string that looks like a path is taken as a file path.
CSS = """
:host {
  display: block;
}
.bm-wrap {
  width: 100%;
  max-width: 440px;
  margin: 0 auto;
  color: var(--st-text-color, #31333f);
  font-family: var(--st-font, "Source Sans Pro", sans-serif);
}
.bm-svg {
  display: block;
  width: 100%;
  height: auto;
  overflow: visible;
  touch-action: manipulation;
  -webkit-tap-highlight-color: transparent;
  -webkit-user-select: none;
  user-select: none;
}
/* Presenter mode: both views side by side across the page, the whole body on one screen. */
.bm-wrap[data-view="both"] {
  max-width: none;
}
.bm-wrap[data-view="both"] .bm-svg {
  max-height: calc(100vh - 5rem);
}
@media (max-width: 599px) {
  /* On phones the whole figure fits on one screen; the list is there for small targets. */
  .bm-svg {
    max-height: 80vh;
  }
}
.bm-svg[data-view="back"] .bm-view[data-view="front"],
.bm-svg[data-view="front"] .bm-view[data-view="back"],
.bm-svg:not([data-nerve="on"]) .bm-overlay-nerve,
.bm-svg:not([data-roots="on"]) .bm-overlay-roots {
  display: none;
}
.bm-title {
  font-size: 21px;
  font-weight: 700;
  fill: var(--st-text-color, #31333f);
}
.bm-side {
  font-size: 16px;
  font-weight: 600;
  fill: var(--st-text-color, #31333f);
}
.bm-body {
  fill: #efe3d6;
  stroke: #6b5744;
  stroke-width: 2;
}
.bm-detail {
  fill: none;
  stroke: #8c7561;
  stroke-width: 1.6;
  stroke-linecap: round;
}
.bm-region {
  fill: rgba(28, 100, 160, 0.16);
  stroke: #1b5788;
  stroke-width: 1.6;
  cursor: pointer;
  pointer-events: all;
  outline: none;
}
.bm-region:hover {
  fill: rgba(28, 100, 160, 0.34);
}
.bm-region:focus-visible {
  stroke: #000000;
  stroke-width: 4;
  stroke-dasharray: 8 4;
}
.bm-region[aria-pressed="true"] {
  fill: url(#bm-selected);
  stroke: #111111;
  stroke-width: 4.5;
}
.bm-region[aria-pressed="true"]:focus-visible {
  stroke-dasharray: 8 4;
}
.bm-selected-bg {
  fill: #ffd43b;
}
.bm-selected-line {
  fill: #6b4e00;
  opacity: 0.55;
}
.bm-overlay,
.bm-labels,
.bm-figure {
  pointer-events: none;
}
.bm-root {
  stroke: #2d1f5e;
  stroke-width: 1.2;
  stroke-dasharray: 4 3;
}
.bm-root-ink {
  fill: #2d1f5e;
}
.bm-root-swatch {
  stroke: #2d1f5e;
  stroke-width: 1.2;
}
.bm-root-label,
.bm-label {
  font-weight: 700;
  fill: #111111;
  stroke: #ffffff;
  stroke-width: 4px;
  stroke-linejoin: round;
  paint-order: stroke;
}
.bm-root-label {
  font-size: 14px;
}
.bm-label {
  font-size: 15px;
  display: none;
}
.bm-label.is-shown {
  display: inline;
}
.bm-nerve {
  fill: none;
  stroke: #8a1550;
  stroke-width: 4.5;
  stroke-linecap: round;
}
.bm-legend-text {
  font-size: 14px;
  font-weight: 600;
  fill: var(--st-text-color, #31333f);
}
"""

JS = """
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let wrap = parentElement.querySelector(".bm-wrap");
  // Build the drawing once; later runs only change attributes, so keyboard focus stays put.
  if (!wrap || wrap.dataset.hash !== data.hash) {
    if (wrap) {
      wrap.remove();
    }
    wrap = document.createElement("div");
    wrap.className = "bm-wrap";
    wrap.dataset.hash = data.hash;
    wrap.innerHTML = data.svg;
    parentElement.appendChild(wrap);
  }
  const svg = wrap.querySelector("svg");
  const show = (selected) => {
    svg.querySelectorAll(".bm-region").forEach((el) => {
      el.setAttribute("aria-pressed", String(el.dataset.region === selected));
    });
    svg.querySelectorAll(".bm-label").forEach((el) => {
      el.classList.toggle("is-shown", el.dataset.labelFor === selected);
    });
    svg.dataset.selected = selected || "";
  };
  svg.dataset.view = data.view;
  wrap.dataset.view = data.view;
  // "both" (presenter mode) puts the front view to the right of the back view.
  const box = svg.dataset.box || svg.getAttribute("viewBox");
  svg.dataset.box = box;
  const [boxX, boxY, boxW, boxH] = box.split(" ").map(Number);
  const front = svg.querySelector('.bm-view[data-view="front"]');
  if (data.view === "both") {
    // A gap between the views keeps their "your left / your right" names apart.
    const gap = boxW / 8;
    svg.setAttribute("viewBox", `${boxX} ${boxY} ${boxW * 2 + gap} ${boxH}`);
    front.setAttribute("transform", `translate(${boxW + gap} 0)`);
  } else {
    svg.setAttribute("viewBox", box);
    front.removeAttribute("transform");
  }
  svg.dataset.nerve = data.nerve ? "on" : "off";
  svg.dataset.roots = data.roots ? "on" : "off";
  show(data.selected);

  const choose = (region) => {
    // Show the choice at once; Python confirms it on the rerun that the trigger starts.
    show(region.dataset.region);
    setTriggerValue("select", region.dataset.region);
  };
  const onClick = (event) => {
    const region = event.target.closest(".bm-region");
    if (region) {
      choose(region);
    }
  };
  const onKey = (event) => {
    if (event.key !== "Enter" && event.key !== " ") {
      return;
    }
    const region = event.target.closest(".bm-region");
    if (region) {
      event.preventDefault();
      choose(region);
    }
  };
  svg.addEventListener("click", onClick);
  svg.addEventListener("keydown", onKey);
  return () => {
    svg.removeEventListener("click", onClick);
    svg.removeEventListener("keydown", onKey);
  };
}
"""

_component = st.components.v2.component(
    "sciatica_guide.body_map", css=CSS, js=JS, isolate_styles=True
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

    def data(self) -> dict[str, Any]:
        return {
            "svg": self.svg,
            "hash": svg_hash(self.svg),
            "view": self.view,
            "selected": self.selected,
            "nerve": self.nerve,
            "roots": self.roots,
            "run": self.run,
        }


def body_map(state: MapState, *, key: str, on_select: Callable[[], None]) -> None:
    """Mount the map. `on_select` runs when a region is chosen; read it with `chosen_region`."""
    _component(key=key, data=state.data(), on_select_change=on_select)


def chosen_region(session_state: Any, key: str) -> str | None:
    """The region id the map just sent, inside the `on_select` callback."""
    result = session_state.get(key)
    value = getattr(result, SELECT_EVENT, None) if result is not None else None
    if value is None and isinstance(result, dict):
        value = result.get(SELECT_EVENT)
    return value if isinstance(value, str) else None
