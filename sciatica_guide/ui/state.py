"""Cached access to content and settings, shared by every page of a session."""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from sciatica_guide.content import Content, default_content_dir, load_content
from sciatica_guide.content.language_models import LanguagesFile
from sciatica_guide.content.loader import load_yaml_model
from sciatica_guide.content.translation_checks import LanguageCheck, check_languages
from sciatica_guide.languages import offered_languages
from sciatica_guide.modes import MODE_KEY
from sciatica_guide.session import PREFIX
from sciatica_guide.settings import Mode, Settings, load_settings

#: The session's language code (ui/language.py owns it). Under the person's prefix: "Clear my
#: answers" and a clinic's reset return to the default with everything else.
LANGUAGE_KEY = PREFIX + "language"
#: A content folder and a language: what a cached result built from shared content is keyed by.
ContentKey = tuple[str, str]

_log = logging.getLogger(__name__)


@st.cache_resource(show_spinner=False)
def _load_cached(directory: str, language: str) -> Content:
    # Cached once per process and language: every session and rerun shares one validated Content
    # object, and st.cache_resource.clear() (or "Clear cache") makes the next run reload it.
    return load_content(directory, language)


@st.cache_resource(show_spinner=False)
def _language_checks(directory: str) -> tuple[LanguageCheck, ...]:
    # Each translation is loaded through the shared cache: the pages then use the same object.
    checks = tuple(
        check_languages(Path(directory), lambda folder, code: _load_cached(str(folder), code))
    )
    for check in checks:
        if check.problem:
            # Once per process (cached): the operator's log names what to translate.
            _log.warning(check.problem)
    return checks


@st.cache_resource(show_spinner=False)
def _language_source(directory: str) -> str:
    return load_yaml_model(Path(directory), "languages.yaml", LanguagesFile).source


def offered(settings: Settings | None = None) -> list[str]:
    """The languages this deployment offers, its default first (see languages.py)."""
    directory = str(default_content_dir())
    complete = [c.code for c in _language_checks(directory) if c.problem is None]
    return offered_languages(complete, _language_source(directory), settings or get_settings())


def session_language() -> str:
    """The session's language, when the deployment offers it; else the default."""
    choices = offered()
    value = st.session_state.get(LANGUAGE_KEY)
    return value if value in choices else choices[0]


def get_content() -> Content:
    """The validated content in the session's language; raises ContentError (never cached)
    when the content folder is broken."""
    return content_in((str(default_content_dir()), session_language()))


def content_in(key: ContentKey) -> Content:
    """The validated content of a folder in a language, shared by the whole process."""
    directory, language = key
    return _load_cached(directory, language)


def shared_content_dir(content: Content) -> ContentKey | None:
    """The key of `content` when it is the app's shared content (so results built from it may
    be cached); None for other content (a test's edited copy)."""
    key = (str(default_content_dir()), content.language)
    return key if content is content_in(key) else None


def get_settings() -> Settings:
    return load_settings()


def get_mode() -> Mode:
    """The mode the frame resolved for this session (standard until it has run)."""
    value = st.session_state.get(MODE_KEY)
    return value if isinstance(value, Mode) else Mode.STANDARD
