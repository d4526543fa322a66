"""The projector's keys: F for full screen (the browser's Fullscreen API) and R to reveal the
knowledge check's answer, with a Full screen button for the mouse. The arrow keys (sections)
and J (the join code large) are Streamlit's own button shortcuts (article/presenter.py,
presenter_ui.py).

R is Streamlit's own "rerun" key; on the knowledge check page this listener takes it first (in
the capture phase, on the window) and clicks Reveal, so a rerun can never swallow that click.
Keys typed into a field, or with Ctrl, Alt or Cmd, are left alone.
"""

from __future__ import annotations

import streamlit as st

from sciatica_guide.content import Content

#: The component's key (guide's presenter.css gives its button 44 px and the theme's look).
KEYS_KEY = "projector-keys"

_JS = """
function typing(target) {
  return (
    target &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName || ""))
  );
}
export default function ({ data, parentElement }) {
  let button = parentElement.querySelector("button");
  if (!button) {
    button = document.createElement("button");
    button.type = "button";
    button.setAttribute("aria-keyshortcuts", "F");
    parentElement.appendChild(button);
  }
  const label = () => {
    button.textContent = document.fullscreenElement ? data.leave : data.enter;
  };
  const toggle = () => {
    const done = document.fullscreenElement
      ? document.exitFullscreen()
      : document.documentElement.requestFullscreen();
    done.catch(() => {}).finally(label);
  };
  button.onclick = toggle;
  const onKey = (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    if (typing(event.composedPath()[0])) return;
    const key = (event.key || "").toLowerCase();
    if (key === "f") {
      event.preventDefault();
      event.stopImmediatePropagation();
      toggle();
    } else if (key === "r") {
      const reveal = document.querySelector(
        '[class*="st-key-quiz-reveal"] button:not([disabled])'
      );
      if (reveal) {
        event.preventDefault();
        event.stopImmediatePropagation();
        reveal.click();
      }
    }
  };
  // One listener per page, whichever run drew this last.
  if (window.guideProjectorKeys) {
    window.removeEventListener("keydown", window.guideProjectorKeys, true);
  }
  window.guideProjectorKeys = onKey;
  window.addEventListener("keydown", onKey, true);
  document.addEventListener("fullscreenchange", label);
  label();
  return () => {
    window.removeEventListener("keydown", onKey, true);
    document.removeEventListener("fullscreenchange", label);
    if (window.guideProjectorKeys === onKey) window.guideProjectorKeys = null;
  };
}
"""

_CSS = """
button {
  /* As the presenter's other buttons (ui/streamlit_internals.py). */
  min-height: 56px;
  padding: 0 1rem;
  font-family: inherit;
  /* Streamlit's button label size in presenter mode. */
  font-size: 0.875rem;
  color: inherit;
  background: transparent;
  border: 1px solid rgba(49, 51, 63, 0.35);
  border-radius: 0.5rem;
  cursor: pointer;
  white-space: nowrap;
}
button:focus-visible {
  outline: 3px solid var(--g-accent);
  outline-offset: 2px;
}
"""

_keys = st.components.v2.component("sciatica_guide.projector_keys", js=_JS, css=_CSS)


def projector_keys(content: Content) -> None:
    words = content.modes.presenter
    _keys(
        key=KEYS_KEY,
        data={"enter": words.full_screen, "leave": words.leave_full_screen},
        width="content",
    )
