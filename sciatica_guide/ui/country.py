"""The session's country: one owner of the choice, and the session's `LocalHelp` for every screen.

Other code gets the session's numbers and services with `session_help()` (or the frame's return
value), never from settings or content directly.
"""

from __future__ import annotations

import streamlit as st

from sciatica_guide.content import Content
from sciatica_guide.local_help import (
    CountryChoice,
    LocalHelp,
    resolve_country,
    resolve_help,
)
from sciatica_guide.session import PREFIX
from sciatica_guide.settings import Mode, Settings
from sciatica_guide.ui.state import get_content, get_mode, get_settings

#: The session's country code; also the key of the control in the urgent-help box. Under the
#: person's prefix: "Clear my answers" and a clinic's reset forget it with the rest.
COUNTRY_KEY = PREFIX + "country"
#: The ?country= value already taken from the address (taken once: the box's choice then wins).
TAKEN_KEY = PREFIX + "country_taken"


def choose_country(content: Content, settings: Settings, mode: Mode) -> CountryChoice:
    """Resolve this run's country and remember it (the frame calls this before the box)."""
    choice = resolve_country(
        content,
        settings,
        mode,
        st.query_params.to_dict(),
        st.session_state.get(COUNTRY_KEY),
        st.session_state.get(TAKEN_KEY),
    )
    st.session_state[COUNTRY_KEY] = choice.country
    st.session_state[TAKEN_KEY] = choice.taken_request
    return choice


def help_for(content: Content, settings: Settings, country: str | None) -> LocalHelp:
    """A country's help. The deployment's own emergency number is for the deployment's country:
    a visitor who switches to another country gets that country's numbers, not the clinic's."""
    code = country if country in content.countries else settings.country
    override = settings.emergency_number if code == settings.country else None
    return resolve_help(content, code, override)


def session_help() -> LocalHelp:
    """The numbers and services for this session: its country's pack, the deployment's
    emergency number over the pack's. In clinic mode always the deployment's country."""
    content, settings = get_content(), get_settings()
    if get_mode() is Mode.CLINIC:
        return help_for(content, settings, settings.country)
    return help_for(content, settings, st.session_state.get(COUNTRY_KEY))


def country_options(content: Content, settings: Settings) -> list[str]:
    """The packs to choose from: the deployment's first, "other" last."""
    codes = sorted(content.countries, key=lambda c: (c != settings.country, c == "other", c))
    return codes
