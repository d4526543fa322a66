"""Sciatica & Massage Guide: the frame. Page config, navigation and what every page shares."""

from pathlib import Path

import streamlit as st

from sciatica_guide.content import ContentError
from sciatica_guide.languages import check_language_setting
from sciatica_guide.local_help import check_country_setting
from sciatica_guide.settings import Mode, SettingsError
from sciatica_guide.tuning import tune_server_process
from sciatica_guide.ui.frame import (
    FAVICON,
    current_mode,
    render_footer,
    render_frame,
    run_startup_error_page,
)
from sciatica_guide.ui.language import choose_language
from sciatica_guide.ui.navigation import app_pages, start_alias
from sciatica_guide.ui.state import get_content, get_settings
from sciatica_guide.workshop.participant_ui import render_away_banner
from sciatica_guide.workshop.presenter_ui import publish_presenter_view, render_presenter_workshop

# Not "pages/": Streamlit 1.67 runs a folder of that name as a legacy multipage app on the first
# script run of each process, which would show a deep-linked page without this frame.
PAGES_DIR = Path(__file__).parent / "app_pages"

# Once per process: socket settings Streamlit leaves out (see sciatica_guide/tuning.py).
tune_server_process()

try:
    settings = get_settings()
    # Before the content: it is loaded in the session's language.
    choose_language(settings)
    content = get_content()
    check_country_setting(content, settings)
    check_language_setting([lang.code for lang in content.languages.languages], settings)
except (ContentError, SettingsError) as error:
    run_startup_error_page(str(error))
    st.stop()

mode, unknown_mode = current_mode(settings)
st.set_page_config(
    page_title=content.site.name,
    page_icon=FAVICON,
    layout="wide" if mode is Mode.PRESENTER else "centered",
    # A projector shows the slide: the pages menu waits behind Streamlit's sidebar button.
    initial_sidebar_state="collapsed" if mode is Mode.PRESENTER else "auto",
)
specs = content.pages_in(mode)
pages = app_pages(specs, PAGES_DIR)
start_page = next(page for spec, page in zip(specs, pages, strict=True) if spec.default)
alias = start_alias(specs, start_page)
# The pages sit in the top bar (on a phone Streamlit folds them into its menu): a projector keeps
# its slide on screen, and a tablet or laptop keeps its whole width for the page (the sidebar
# took 40% of a portrait tablet, and the body map fell below the first screen).
navigation = st.navigation([*pages, alias], position="top")
if navigation is alias:
    navigation.run()  # opens the start page at the root
current = next(spec for spec, page in zip(specs, pages, strict=True) if page is navigation)
render_frame(content, settings, mode, start_page=start_page, unknown_mode=unknown_mode)
# Workshops: the presenter's room panel, or a phone's way back to its presenter. Clinic mode has
# no rooms (its pages have no join page either).
if mode is Mode.PRESENTER:
    # What the presenter's click changed (callbacks ran before this run) reaches the room now,
    # not after the page has drawn; what the page changes as it runs is published after it.
    publish_presenter_view(content, settings, current)
    render_presenter_workshop(content, settings, current)
elif mode is Mode.STANDARD:
    render_away_banner(content, settings, current.id)
navigation.run()
render_footer(content)
if mode is Mode.PRESENTER:
    publish_presenter_view(content, settings, current, say_problem=False)
