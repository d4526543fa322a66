"""Cached access to content and settings, shared by every page of a session."""

from __future__ import annotations

import streamlit as st

from sciatica_guide.content import Content, default_content_dir, load_content
from sciatica_guide.modes import MODE_KEY
from sciatica_guide.settings import Mode, Settings, load_settings


@st.cache_resource(show_spinner=False)
def _load_cached(directory: str) -> Content:
    # Cached once per process: every session and rerun shares one validated Content object, and
    # st.cache_resource.clear() (or the app menu's "Clear cache") makes the next run reload it.
    return load_content(directory)


def get_content() -> Content:
    """The validated content folder; raises ContentError (never cached) when it is broken."""
    return content_in(str(default_content_dir()))


def content_in(directory: str) -> Content:
    """The validated content of `directory`, shared by the whole process."""
    return _load_cached(directory)


def shared_content_dir(content: Content) -> str | None:
    """The content folder when `content` is the app's shared content (so results built from it
    may be cached); None for other content (a test's edited copy)."""
    content_dir = str(default_content_dir())
    return content_dir if content is content_in(content_dir) else None


def get_settings() -> Settings:
    return load_settings()


def get_mode() -> Mode:
    """The mode the frame resolved for this session (standard until it has run)."""
    value = st.session_state.get(MODE_KEY)
    return value if isinstance(value, Mode) else Mode.STANDARD
