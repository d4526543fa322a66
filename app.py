"""Sciatica & Massage Guide: the frame. Page config, navigation and what every page shares."""

from pathlib import Path

import streamlit as st

from sciatica_guide.content import ContentError
from sciatica_guide.ui.frame import FAVICON, render_frame, run_content_error_page
from sciatica_guide.ui.state import get_content, get_settings

# Not "pages/": Streamlit 1.67 runs a folder of that name as a legacy multipage app on the first
# script run of each process, which would show a deep-linked page without this frame.
PAGES_DIR = Path(__file__).parent / "app_pages"

try:
    content = get_content()
except ContentError as error:
    run_content_error_page(error)
    st.stop()

settings = get_settings()
st.set_page_config(page_title=content.site.name, page_icon=FAVICON, layout="centered")
navigation = st.navigation(
    [
        st.Page(
            PAGES_DIR / spec.script,
            title=spec.title,
            url_path=spec.url_path,
            icon=spec.icon,
            default=spec.default,
        )
        for spec in content.pages.pages
    ]
)
render_frame(content, settings)
navigation.run()
