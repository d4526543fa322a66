"""Move keyboard focus (and the view) to one element after a run.

Streamlit has no public way to focus an element. Two places need it: a button that disables
itself when pressed (the presenter's "Ask the room", "Close answers", "Reveal") loses focus, and
the person would Tab again from the top of the page; and the techniques page opened from the
body map's "Read about …" should start at that technique. This tiny component waits (up to a
few seconds) for the element to be drawn, then focuses it. It finds a button by its st-key class
or a heading by its text: public hooks, the key and the text are the guide's own.
"""

from __future__ import annotations

import streamlit as st

_JS = """
export default function ({ data }) {
  const started = performance.now();
  const find = () => {
    if (data.expander) {
      return document.querySelector(`.st-key-${data.expander} summary`);
    }
    if (data.button) {
      const button = document.querySelector(`.st-key-${data.button} button`);
      return button && !button.disabled ? button : null;
    }
    return [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].find(
      (el) => el.textContent.trim() === data.heading
    );
  };
  const tryFocus = () => {
    const target = find();
    if (target) {
      if (data.heading || data.expander) {
        target.scrollIntoView({ block: "start" });
      }
      if (data.heading) {
        // Keyboard and screen-reader users start reading there too (a summary is focusable
        // already: a tabindex would take it out of the Tab order).
        target.setAttribute("tabindex", "-1");
      }
      target.focus({ preventScroll: true });
    } else if (performance.now() - started < 5000) {
      requestAnimationFrame(tryFocus);
    }
  };
  requestAnimationFrame(tryFocus);
}
"""

_focus = st.components.v2.component("sciatica_guide.focus", js=_JS)


def focus_button(key: str) -> None:
    """Move keyboard focus to the button drawn with `key`, once, after this run."""
    _focus(key="focus-button", data={"button": key})


def focus_heading(text: str) -> None:
    """Scroll to the heading that reads `text` and give it keyboard focus, once."""
    _focus(key="focus-heading", data={"heading": text})


def focus_expander(key: str) -> None:
    """Scroll to the expander drawn with `key` and give its summary keyboard focus, once."""
    _focus(key="focus-expander", data={"expander": key})
