"""Sciatica & Massage Guide: the frame. Page config, navigation and what every page shares."""

from pathlib import Path

import streamlit as st

from sciatica_guide.content import ContentError
from sciatica_guide.ui.frame import CONTENT_ERROR_TITLE, render_content_error, render_frame
from sciatica_guide.ui.state import get_content, get_settings

PAGES_DIR = Path(__file__).parent / "pages"

try:
    content = get_content()
except ContentError as error:
    # st.navigation must still run, or Streamlit lists the raw files in pages/ instead.
    st.set_page_config(page_title=CONTENT_ERROR_TITLE)
    st.navigation(
        [st.Page(lambda: render_content_error(error), title=CONTENT_ERROR_TITLE, url_path="error")],
        position="hidden",
    ).run()
    st.stop()

settings = get_settings()
st.set_page_config(page_title=content.site.name, page_icon=content.site.icon, layout="centered")
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
