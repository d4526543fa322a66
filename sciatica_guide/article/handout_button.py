"""The take-home downloads, on the Sources & safety page, the Overview and the presenter's
sidebar: the two-page leaflet, and where asked the full booklet. Each PDF is built only when
someone taps its button, once per process and setting."""

from __future__ import annotations

import streamlit as st

from sciatica_guide.content import Content, default_content_dir
from sciatica_guide.settings import Settings
from sciatica_guide.ui.country import session_help
from sciatica_guide.ui.downloads import lazy_download
from sciatica_guide.ui.state import ContentKey, content_in

BUTTON_KEY_PREFIX = "handout-download"
LEAFLET_KEY_PREFIX = "leaflet-download"


@st.cache_data(show_spinner=False, max_entries=4)
def handout_pdf(
    content_dir: ContentKey, country: str, emergency_number: str | None, public_url: str | None
) -> bytes:
    """The booklet, the same for everyone in a country: keyed on what it is made from, nothing
    about a person."""
    # Imported on the first tap: fpdf2 and its font tools add tens of MB to a server process that
    # may never make a handout.
    from sciatica_guide.article.handout import build_handout_pdf

    settings = Settings(emergency_number=emergency_number, country=country, public_url=public_url)
    return build_handout_pdf(content_in(content_dir), settings)


@st.cache_data(show_spinner=False, max_entries=4)
def leaflet_pdf(
    content_dir: ContentKey, country: str, emergency_number: str | None, public_url: str | None
) -> bytes:
    """The two-page leaflet, the same for everyone in a country (as handout_pdf)."""
    from sciatica_guide.article.leaflet import build_leaflet_pdf

    settings = Settings(emergency_number=emergency_number, country=country, public_url=public_url)
    return build_leaflet_pdf(content_in(content_dir), settings)


def render_handout_button(
    content: Content, settings: Settings, *, key: str = "", booklet: bool = True
) -> None:
    """The leaflet's download button, then (`booklet`) the full booklet's."""
    content_dir = (str(default_content_dir()), content.language)
    # The session's country (the urgent-help box may have changed it): the same numbers as the
    # screens.
    country = session_help().country
    made_from = (content_dir, country, settings.emergency_number, settings.public_url)
    leaflet = content.modes.leaflet
    lazy_download(
        st,
        leaflet.button,
        lambda: leaflet_pdf(*made_from),
        file_name=leaflet.file_name,
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key=f"{LEAFLET_KEY_PREFIX}{key}",
        help=leaflet.button_help,
        width="content",
    )
    if not booklet:
        return
    words = content.modes.handout
    lazy_download(
        st,
        words.button,
        lambda: handout_pdf(*made_from),
        file_name=words.file_name,
        mime="application/pdf",
        icon=":material/menu_book:",
        key=f"{BUTTON_KEY_PREFIX}{key}",
        help=words.button_help,
        width="content",
    )
