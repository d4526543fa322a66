"""Give keyboard focus to one of the guide's own buttons after a run.

A button that becomes disabled when pressed (the presenter's "Ask the room", "Close answers",
"Reveal") loses keyboard focus, and the person would Tab again from the top of the page. This
tiny component hands focus to the next control instead. It finds the button by its st-key class
(a public hook: the key is the guide's own).
"""

from __future__ import annotations

import streamlit as st

_JS = """
export default function ({ data }) {
  const started = performance.now();
  const tryFocus = () => {
    const button = document.querySelector(`.st-key-${data.key} button`);
    if (button && !button.disabled) {
      button.focus();
    } else if (performance.now() - started < 3000) {
      requestAnimationFrame(tryFocus);
    }
  };
  requestAnimationFrame(tryFocus);
}
"""

_focus = st.components.v2.component("sciatica_guide.focus", js=_JS)


def focus_button(key: str) -> None:
    """Move keyboard focus to the button drawn with `key`, once, after this run."""
    _focus(key="focus-button", data={"key": key})
