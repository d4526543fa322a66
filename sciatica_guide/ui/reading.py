"""Reading settings: the text size, kept for the session, on every page.

One owner: this module keeps `TEXT_SIZE_KEY`. The key starts with the session's person prefix,
so clinic mode's "Start over" and its idle reset put the size back with everything else.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from sciatica_guide.content import Content
from sciatica_guide.session import PREFIX

#: The session's text size: one of SIZES.
TEXT_SIZE_KEY = f"{PREFIX}reading.text_size"
#: Each size and the page's root font size. Streamlit sizes its text, spacing and controls in
#: rem, so the whole page grows together; 137.5% keeps a 320 px phone free of sideways scroll.
SIZES: dict[str, str] = {"normal": "100%", "large": "118.75%", "largest": "137.5%"}


def text_size(state: Any) -> str:
    """The session's size (normal when unset or not one of SIZES)."""
    size = state.get(TEXT_SIZE_KEY)
    return size if size in SIZES else "normal"


def text_size_css(size: str) -> str:
    """The stylesheet for `size`: nothing at normal size."""
    if size not in SIZES or size == "normal":
        return ""
    return f"<style>html {{ font-size: {SIZES[size]}; }}</style>"


def render_text_size_control(content: Content, *, colours: bool = True) -> None:
    """A small button that opens the size choice (in place: nothing else moves until chosen),
    and with `colours`, where light or dark is chosen (the app menu, hidden on a clinic's
    tablet, where the device decides)."""
    words = content.site.reading
    names = {"normal": words.normal, "large": words.large, "largest": words.largest}
    if st.session_state.get(TEXT_SIZE_KEY) not in SIZES:
        st.session_state[TEXT_SIZE_KEY] = "normal"
    with st.popover(words.button, icon=":material/format_size:", width="content", key="text-size"):
        st.segmented_control(
            words.text_size,
            options=list(SIZES),
            format_func=names.__getitem__,
            key=TEXT_SIZE_KEY,
            required=True,
        )
        if colours:
            st.caption(words.colours)
