"""The app's st.Page objects, built once per session and mode instead of on every rerun.

st.Page resolves its script's path on disk (realpath: a dozen system calls) and validates its
icon each time it is built; the frame needs all of them on every rerun, and st.page_link with a
path string resolves the path again. The objects are kept per session, never shared: st.navigation
marks the page it returns as callable and page.run() clears the mark, so concurrent sessions
must not share one object.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from sciatica_guide.content.models import PageSpec

#: Not under session.PREFIX: these are the app's pages, not something about the person.
PAGES_KEY = "_sciatica_guide.pages"


def _build(specs: Sequence[PageSpec], pages_dir: Path) -> dict[str, StreamlitPage]:
    return {
        spec.id: st.Page(
            pages_dir / spec.script,
            title=spec.title,
            url_path=spec.url_path,
            icon=spec.icon,
            default=spec.default,
        )
        for spec in specs
    }


def app_pages(specs: Sequence[PageSpec], pages_dir: Path, state: Any = None) -> list[StreamlitPage]:
    """One st.Page per spec, in order; the same objects on every rerun of this session."""
    state = st.session_state if state is None else state
    # By identity: the specs come from the content loaded once per process; comparing them by
    # value would cost more than building the pages. The cache keeps them, so ids stay unique.
    key = (str(pages_dir), tuple(map(id, specs)))
    cached = state.get(PAGES_KEY)
    if cached is None or cached[0] != key:
        cached = (key, _build(specs, pages_dir), tuple(specs))
        state[PAGES_KEY] = cached
    return list(cached[1].values())


def page_link_target(page_id: str, fallback: str) -> StreamlitPage | str:
    """The session's st.Page for `page_id` (cheap for st.page_link), else the script path."""
    cached = st.session_state.get(PAGES_KEY)
    if cached is not None and page_id in cached[1]:
        return cached[1][page_id]
    return fallback
