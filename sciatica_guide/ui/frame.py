"""What every page shares: the urgent-help signs at the top, the disclaimer in the sidebar."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit as st

from sciatica_guide.content import Content, ContentError
from sciatica_guide.content.models import RedFlagsFile
from sciatica_guide.settings import Settings

# Shown only when the content folder itself cannot be read, so these words cannot come from it.
CONTENT_ERROR_TITLE = "The guide cannot start"
CONTENT_ERROR_HELP = "A content file is not valid. Ask the person who runs this guide to fix it."


def emergency_number_text(red_flags: RedFlagsFile, settings: Settings) -> str:
    return settings.emergency_number or red_flags.emergency_number_fallback


def red_flag_markdown(content: Content, settings: Settings) -> str:
    """The urgent-help signs as Markdown: each group's action first, then its signs."""
    number = emergency_number_text(content.red_flags, settings)
    lines: list[str] = [content.red_flags.intro, ""]
    for group in content.red_flags.groups:
        lines.append(f"**{group.heading.format(emergency_number=number)}**")
        lines.append("")
        lines.extend(f"- {flag.text}" for flag in group.flags)
        lines.append("")
    return "\n".join(lines)


STYLESHEET = Path(__file__).with_name("guide.css")
#: A local image: a ":material/...:" page icon would be fetched from a font CDN.
FAVICON = str(Path(__file__).with_name("favicon.png"))


@cache
def _stylesheet() -> str:
    return f"<style>{STYLESHEET.read_text(encoding='utf-8')}</style>"


def render_urgent_help(content: Content, settings: Settings, *, expanded: bool = False) -> None:
    with (
        st.container(key="urgent-help"),
        st.expander(content.red_flags.title, icon=":material/warning:", expanded=expanded),
    ):
        st.markdown(red_flag_markdown(content, settings))


def render_frame(content: Content, settings: Settings) -> None:
    """Shared parts of every page, drawn before the page's own script runs."""
    st.html(_stylesheet())
    with st.sidebar:
        st.caption(content.site.disclaimer.short)
    render_urgent_help(content, settings)


def render_content_error(error: ContentError) -> None:
    st.error(f"**{CONTENT_ERROR_TITLE}.** {CONTENT_ERROR_HELP}\n\n{error}", icon=":material/error:")


def run_content_error_page(error: ContentError) -> None:
    """Show a broken content folder as one clear message on the only page there is."""
    # st.navigation must still run, or Streamlit falls back to listing the raw page files.
    st.set_page_config(page_title=CONTENT_ERROR_TITLE, page_icon=FAVICON)
    st.navigation(
        [st.Page(lambda: render_content_error(error), title=CONTENT_ERROR_TITLE, url_path="error")],
        position="hidden",
    ).run()
