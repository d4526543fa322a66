"""Sciatica & Massage Guide: the frame. Page config, navigation and what every page shares."""

from pathlib import Path

import streamlit as st

from sciatica_guide.content import ContentError
from sciatica_guide.settings import Mode, SettingsError
from sciatica_guide.tuning import tune_server_process
from sciatica_guide.ui.frame import FAVICON, current_mode, render_frame, run_startup_error_page
from sciatica_guide.ui.navigation import app_pages
from sciatica_guide.ui.state import get_content, get_settings

# Not "pages/": Streamlit 1.67 runs a folder of that name as a legacy multipage app on the first
# script run of each process, which would show a deep-linked page without this frame.
PAGES_DIR = Path(__file__).parent / "app_pages"

# Once per process: socket settings Streamlit leaves out (see sciatica_guide/tuning.py).
tune_server_process()

try:
    content = get_content()
    settings = get_settings()
except (ContentError, SettingsError) as error:
    run_startup_error_page(str(error))
    st.stop()

mode, unknown_mode = current_mode(settings)
st.set_page_config(
    page_title=content.site.name,
    page_icon=FAVICON,
    layout="wide" if mode is Mode.PRESENTER else "centered",
)
specs = content.pages_in(mode)
pages = app_pages(specs, PAGES_DIR)
start_page = next(page for spec, page in zip(specs, pages, strict=True) if spec.default)
navigation = st.navigation(pages)
render_frame(content, settings, mode, start_page=start_page, unknown_mode=unknown_mode)
navigation.run()
