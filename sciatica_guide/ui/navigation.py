"""The app's st.Page objects, one per page of the session's mode.

Built on every run, as Streamlit expects: all of them take about 0.05 ms together
(benchmarks/build_costs.py). A new set each run also means no session shares one object:
st.navigation marks the page it returns as callable and page.run() clears the mark.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from sciatica_guide.content.models import PageSpec


def app_pages(specs: Sequence[PageSpec], pages_dir: Path) -> list[StreamlitPage]:
    """One st.Page per spec, in order. The default page lives at the app's root: its own
    address (`/overview`) is given to start_alias, as Streamlit reserves a default page's
    path and answers it with "Page not found"."""
    return [
        st.Page(
            pages_dir / spec.script,
            title=spec.title,
            url_path="" if spec.default else spec.url_path,
            icon=spec.icon,
            default=spec.default,
            visibility="hidden" if spec.hidden else "visible",
        )
        for spec in specs
    ]


def start_alias(specs: Sequence[PageSpec], start: StreamlitPage) -> StreamlitPage:
    """A hidden page at the start page's own address (`/overview`) that opens the start page,
    keeping the link's query (a shared `?country=` or `?lang=`)."""
    spec = next(s for s in specs if s.default)

    def open_start() -> None:
        st.switch_page(start, query_params=st.query_params.to_dict())

    return st.Page(open_start, title=spec.title, url_path=spec.url_path, visibility="hidden")
