"""Open the Massage techniques page at one technique (the body map's "Read about …" links).

`st.switch_page` cannot carry a #fragment, and a link with one would start a new session (the
self-assessment's answers would be gone). So the body map notes the technique, switches pages,
and this page's run mounts a tiny component that scrolls the technique's heading into view and
moves keyboard focus there. Public hooks only: the heading is found by its text.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

import streamlit as st

from sciatica_guide.content import Content

#: The technique to show when the techniques page runs next (set by the body map).
PENDING_KEY = "techniques.show"

_JS = """
export default function ({ data }) {
  const wanted = data.heading;
  const started = performance.now();
  const find = () => [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].find(
    (el) => el.textContent.trim() === wanted
  );
  const tryShow = () => {
    const heading = find();
    if (heading) {
      heading.scrollIntoView({ block: "start" });
      // Keyboard and screen-reader users start reading there too.
      heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: true });
    } else if (performance.now() - started < 5000) {
      requestAnimationFrame(tryShow);
    }
  };
  requestAnimationFrame(tryShow);
}
"""

_scroller = st.components.v2.component("sciatica_guide.show_technique", js=_JS)


def ask_to_show(state: MutableMapping[str, Any], technique_id: str) -> None:
    state[PENDING_KEY] = technique_id


def show_pending_technique(content: Content) -> None:
    """On the techniques page: scroll to the technique the body map asked for, once."""
    technique_id = st.session_state.pop(PENDING_KEY, None)
    technique = next((t for t in content.techniques.techniques if t.id == technique_id), None)
    if technique is None:
        return
    heading = technique.article_section
    _scroller(key="show-technique", data={"heading": heading})
