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
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from sciatica_guide.body_map.relay import BUS_JS, read_tap

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
  /* On phones the whole figure and the bar above it fit on one screen; the list is there for
     small targets. */
  .bm-svg {
    max-height: 80vh;
  }
  .bm-wrap[data-stacked="true"] .bm-svg {
    max-height: calc(85vh - 7.85rem);
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
/* The bar above the figure (drawBar): only where the panel is below the map. */
.bm-now {
  display: none;
}
.bm-wrap[data-stacked="true"] .bm-now {
  display: block;
  position: sticky;
  top: 0;
  z-index: 1;
  box-sizing: border-box;
  height: 7.6rem;
  margin: 0 0 0.25rem;
  padding: 0.4rem 0.75rem;
  overflow: hidden;
  border: 1px solid #c9d6d4;
  border-left: 6px solid #0b6e69;
  border-radius: 0.5rem;
  background: var(--st-background-color, #ffffff);
  pointer-events: none;
}
.bm-wrap[data-stacked="true"] .bm-now.is-urgent {
  border: 2px solid #a4161a;
  border-left-width: 8px;
  background: #fdecea;
  color: #5e0b0b;
}
.bm-now p {
  margin: 0;
  line-height: 1.35;
}
.bm-now-name {
  font-weight: 700;
  font-size: 1.05rem;
}
.bm-now-name:empty {
  display: none;
}
/* Up to four lines of the warning (enough for the action and the sign); the panel below has it
   all. The bar's height never changes, so a tap never moves the figure. */
.bm-now-line {
  display: -webkit-box;
  -webkit-box-orient: vertical;
  -webkit-line-clamp: 4;
  overflow: hidden;
  font-size: 0.95rem;
}
.bm-now-name:empty + .bm-now-line {
  -webkit-line-clamp: 5;
}
.bm-now.is-urgent .bm-now-line {
  font-weight: 600;
}
/* Technique marks (marks.py): drawn over the chosen region, one technique at a time. */
.bm-marks {
  display: none;
  pointer-events: none;
}
.bm-marks.is-shown {
  display: inline;
}
.bm-mark-halo {
  fill: none;
  stroke: #ffffff;
  stroke-width: 10;
  stroke-linecap: round;
  stroke-linejoin: round;
}
.bm-mark-halo-head {
  fill: #ffffff;
  stroke: #ffffff;
  stroke-width: 5;
  stroke-linejoin: round;
}
.bm-mark-line {
  fill: none;
  stroke: #111111;
  stroke-width: 5;
  stroke-linecap: butt;
}
/* Gentle pressure near the nerve: a dashed line, not just another colour. */
.bm-mark-line.is-gentle {
  stroke-dasharray: 8 5;
}
.bm-mark-head {
  fill: #111111;
  stroke: #111111;
  stroke-width: 1.5;
  stroke-linejoin: round;
}
.bm-mark-spot {
  fill: #111111;
  stroke: #ffffff;
  stroke-width: 2.5;
}
.bm-mark-ring-halo {
  fill: none;
  stroke: #ffffff;
  stroke-width: 5.5;
}
.bm-mark-ring {
  fill: none;
  stroke: #111111;
  stroke-width: 2.5;
  stroke-dasharray: 4 3;
}
.bm-mark-number {
  fill: #ffffff;
  font-size: 14px;
  font-weight: 700;
}
.bm-mark-nerve {
  fill: none;
  stroke: #8a1550;
  stroke-width: 4.5;
  stroke-linecap: round;
}
@media (max-width: 599px) {
  /* The figure is drawn smaller on phones: thicker lines keep the arrows easy to see. */
  .bm-mark-line {
    stroke-width: 7.5;
  }
  .bm-mark-halo {
    stroke-width: 12.5;
  }
}
/* While marks are shown, the region's name would cover them; the panel names the region. */
.bm-svg[data-marks="on"] .bm-label.is-shown {
  display: none;
}
.bm-mk {
  max-width: 440px;
  margin: 0.5rem auto 0;
  color: var(--st-text-color, #31333f);
  font-family: var(--st-font, "Source Sans Pro", sans-serif);
  font-size: 1rem;
  line-height: 1.45;
}
.bm-mk[hidden] {
  display: none;
}
.bm-mk-title {
  margin: 0 0 0.35rem;
  font-weight: 700;
}
.bm-mk-buttons {
  display: flex;
  flex-wrap: wrap;
  gap: 0.5rem;
}
.bm-mk-button {
  min-height: 44px;
  padding: 0.35rem 0.9rem;
  border: 2px solid #1b5788;
  border-radius: 0.5rem;
  background: var(--st-background-color, #ffffff);
  color: var(--st-text-color, #31333f);
  font: inherit;
  cursor: pointer;
  touch-action: manipulation;
}
.bm-mk-button:focus-visible {
  outline: 3px dashed #000000;
  outline-offset: 2px;
}
.bm-mk-button[aria-pressed="true"] {
  border-width: 3px;
  border-color: #111111;
  background: #ffd43b;
  color: #111111;
  font-weight: 700;
}
.bm-mk-button[aria-pressed="true"]::before {
  content: "\\2713  ";
}
.bm-mk-words h4 {
  margin: 0.75rem 0 0.25rem;
  font-size: 1rem;
}
.bm-mk-words p,
.bm-mk-blocked {
  margin: 0.35rem 0;
}
.bm-mk-words ol,
.bm-mk-words ul {
  margin: 0.25rem 0 0;
  padding-left: 1.5rem;
}
.bm-mk-blocked {
  padding: 0.5rem 0.75rem;
  border-left: 4px solid #111111;
  font-weight: 600;
}
"""

JS = (
    BUS_JS
    + """
const SVG_NS = "http://www.w3.org/2000/svg";

// Technique marks (issue 17): the data brings, for the chosen region, each technique that may be
// drawn (its SVG group and its words) and why others are not. Showing one is client-side only:
// no rerun. The choice lasts while the region offers that technique.
function drawMarks(parentElement, wrap, svg, marks) {
  let box = parentElement.querySelector(".bm-mk");
  if (!box) {
    box = document.createElement("div");
    box.className = "bm-mk";
    box.dataset.shown = "";
  }
  if (box.previousElementSibling !== wrap) {
    wrap.after(box);
  }
  const key = JSON.stringify(marks || {});
  // Rebuild only when the region or the answers change (or the drawing was rebuilt).
  if (box.marksKey !== key || svg.marksKey !== key) {
    box.marksKey = key;
    svg.marksKey = key;
    buildMarks(box, svg, marks || {});
  }
  applyMarks(box, svg, marks || {});
}

function buildMarks(box, svg, marks) {
  svg.querySelectorAll(".bm-marks").forEach((el) => el.remove());
  box.replaceChildren();
  const techniques = marks.techniques || [];
  const blocked = marks.blocked || [];
  box.hidden = !marks.region || (!techniques.length && !blocked.length);
  if (box.hidden) {
    return;
  }
  const view = svg.querySelector(`.bm-view[data-view="${marks.view}"]`);
  const labels = view.querySelector(".bm-labels");
  techniques.forEach((t) => {
    const holder = document.createElementNS(SVG_NS, "g");
    holder.innerHTML = t.svg;
    // Under the region's name, over everything else; taps go through to the regions.
    view.insertBefore(holder.firstElementChild, labels);
  });
  if (!techniques.some((t) => t.id === box.dataset.shown)) {
    box.dataset.shown = "";
  }
  if (techniques.length) {
    const group = document.createElement("div");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", marks.chooser);
    const title = document.createElement("p");
    title.className = "bm-mk-title";
    title.textContent = marks.chooser;
    title.setAttribute("aria-hidden", "true");
    const buttons = document.createElement("div");
    buttons.className = "bm-mk-buttons";
    techniques.forEach((t) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "bm-mk-button";
      button.dataset.technique = t.id;
      button.textContent = t.name;
      button.addEventListener("click", () => {
        box.dataset.shown = box.dataset.shown === t.id ? "" : t.id;
        applyMarks(box, svg, marks);
      });
      buttons.appendChild(button);
    });
    group.append(title, buttons);
    box.appendChild(group);
  }
  blocked.forEach((text) => {
    const p = document.createElement("p");
    p.className = "bm-mk-blocked";
    p.textContent = text;
    box.appendChild(p);
  });
  const words = document.createElement("div");
  words.className = "bm-mk-words";
  words.setAttribute("aria-live", "polite");
  box.appendChild(words);
}

function applyMarks(box, svg, marks) {
  const shown = box.dataset.shown || "";
  svg.dataset.marks = shown ? "on" : "off";
  svg.querySelectorAll(".bm-marks").forEach((el) => {
    el.classList.toggle("is-shown", el.dataset.technique === shown);
  });
  box.querySelectorAll(".bm-mk-button").forEach((el) => {
    el.setAttribute("aria-pressed", String(el.dataset.technique === shown));
  });
  const words = box.querySelector(".bm-mk-words");
  if (!words) {
    return;
  }
  const technique = (marks.techniques || []).find((t) => t.id === shown);
  if (words.dataset.shown === shown) {
    return;
  }
  words.dataset.shown = shown;
  words.replaceChildren();
  if (!technique) {
    return;
  }
  const heading = document.createElement("h4");
  heading.textContent = technique.name;
  words.appendChild(heading);
  technique.notes.forEach((text) => {
    const p = document.createElement("p");
    p.textContent = text;
    words.appendChild(p);
  });
  const list = document.createElement("ul");
  technique.words.forEach((text) => {
    const item = document.createElement("li");
    item.textContent = text;
    list.appendChild(item);
  });
  words.appendChild(list);
}

// Where the panel is below the figure (phones; a tablet with the sidebar open), a tap's answer
// would be out of sight: a bar above the figure names the region and says the panel's first
// line (its warning, action first). It stays at the top of the screen while the map is there.
// Words only: the panel below says the same, so screen readers skip the bar.
function drawBar(wrap, data) {
  let bar = wrap.querySelector(".bm-now");
  if (!data.prompt) {
    if (bar) {
      bar.remove();
    }
    return () => {};
  }
  if (!bar) {
    bar = document.createElement("div");
    bar.className = "bm-now";
    bar.setAttribute("aria-hidden", "true");
    bar.innerHTML = '<p class="bm-now-name"></p><p class="bm-now-line"></p>';
    wrap.prepend(bar);
  }
  const name = bar.querySelector(".bm-now-name");
  const line = bar.querySelector(".bm-now-line");
  const place = () => {
    const panel = document.querySelector(".st-key-bm-panel");
    const bottom = wrap.getBoundingClientRect().bottom;
    const below = Boolean(panel) && panel.getBoundingClientRect().top >= bottom - 1;
    wrap.dataset.stacked = String(below);
  };
  if (!wrap.placeObserver) {
    wrap.placeObserver = new ResizeObserver(() => requestAnimationFrame(place));
    wrap.placeObserver.observe(document.documentElement);
    wrap.placeObserver.observe(wrap);
  }
  requestAnimationFrame(place);
  return (selected) => {
    const brief = (data.brief || {})[selected];
    name.textContent = brief ? brief.name : "";
    line.textContent = brief ? brief.line : data.prompt;
    bar.classList.toggle("is-urgent", Boolean(brief && brief.urgent));
  };
}

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
  const bar = drawBar(wrap, data);
  const show = (selected) => {
    bar(selected);
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
  drawMarks(parentElement, wrap, svg, data.marks);

  const bus = guideBus();
  const choose = (region) => {
    const id = region.dataset.region;
    // Show the choice at once; Python confirms it.
    show(id);
    if (!data.relay) {
      setTriggerValue("select", id);
      return;
    }
    // The marks drawn belong to the region before: gone until the server sends this one's.
    if ((data.marks || {}).region !== id) {
      drawMarks(parentElement, wrap, svg, {});
    }
    bus.seq += 1;
    bus.emit("tap", { region: id, seq: bus.seq });
  };
  const offBus = data.relay
    ? listen(parentElement, {
        selected: ({ region, marks }) => {
          data.marks = marks;
          show(region);
          drawMarks(parentElement, wrap, svg, marks);
        },
        resend: (tap) => setTriggerValue("select", tap),
      })
    : () => {};
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
    offBus();
  };
}
"""
)

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
    #: The chosen region's technique marks and their words (marks.marks_data); {} for none.
    marks: dict[str, Any] = field(default_factory=dict)
    #: True where the relay (relay.py) tells the server about taps and the panel draws them at
    #: once; False (a workshop's shared map, the presenter) sends each tap itself: a page run.
    relay: bool = False
    #: Each region's name and first line (panel_html.first_line), for the bar above the figure
    #: where the panel is below it (phones); {} for no bar. `prompt` shows before a choice.
    brief: dict[str, Any] = field(default_factory=dict)
    prompt: str = ""

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
        }


def body_map(state: MapState, *, key: str, on_select: Callable[[], None]) -> None:
    """Mount the map. `on_select` runs when a region is chosen; read it with `chosen_region`."""
    _component(key=key, data=state.data(), on_select_change=on_select)


def chosen_region(session_state: Any, key: str) -> str | None:
    """The region id the map just sent, inside the `on_select` callback."""
    tap = read_tap(session_state, key)
    return tap.region if tap else None
