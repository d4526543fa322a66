"""Open the Massage techniques page at one technique (the body map's "Read about …" links).

`st.switch_page` cannot carry a #fragment, and a link with one would start a new session (the
self-assessment's answers would be gone). So the body map notes the technique, switches pages,
and this page's run scrolls the technique's heading into view and moves keyboard focus there
(ui/focus.py).
"""

from __future__ import annotations

import streamlit as st

from sciatica_guide.content import Content
from sciatica_guide.session import StateMap
from sciatica_guide.ui.focus import focus_heading

#: The technique to show when the techniques page runs next (set by the body map).
PENDING_KEY = "techniques.show"
#: The technique opened last, while the techniques page stays on screen: a presenter's room
#: shows it on every phone (workshop/presenter_ui.py). Not about the person.
OPENED_KEY = "techniques.opened"
TECHNIQUES_PAGE = "techniques"


def ask_to_show(state: StateMap, technique_id: str) -> None:
    state[PENDING_KEY] = technique_id
    state[OPENED_KEY] = technique_id


def technique_on_screen(state: StateMap, page_id: str) -> str | None:
    """The technique opened by "Read about …" while its page is on screen; forgotten as soon as
    another page runs (the techniques page opened from the menu shows them all)."""
    if page_id != TECHNIQUES_PAGE:
        state.pop(OPENED_KEY, None)
        return None
    opened = state.get(OPENED_KEY)
    return opened if isinstance(opened, str) else None


def show_pending_technique(content: Content) -> None:
    """On the techniques page: scroll to the technique the body map asked for, once."""
    technique_id = st.session_state.pop(PENDING_KEY, None)
    technique = next((t for t in content.techniques.techniques if t.id == technique_id), None)
    if technique is None:
        return
    focus_heading(technique.article_section)
