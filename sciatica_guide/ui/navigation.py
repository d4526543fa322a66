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
    """One st.Page per spec, in order."""
    return [
        st.Page(
            pages_dir / spec.script,
            title=spec.title,
            url_path=spec.url_path,
            icon=spec.icon,
            default=spec.default,
            visibility="hidden" if spec.hidden else "visible",
        )
        for spec in specs
    ]
