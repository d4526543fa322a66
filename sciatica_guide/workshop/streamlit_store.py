"""The process's room store, and the session keys a workshop uses (Streamlit side)."""

from __future__ import annotations

import re

import streamlit as st

from sciatica_guide.settings import ENV_PREFIX, Settings
from sciatica_guide.workshop.recent_rooms import RecentRooms
from sciatica_guide.workshop.rooms import (
    RoomStore,
    RoomStoreUnavailable,
)
from sciatica_guide.workshop.store import (
    open_store,
)

STORE_SETTING = ENV_PREFIX + "ROOM_STORE"


@st.cache_resource(show_spinner=False)
def _store(address: str, ttl_seconds: float) -> RoomStore:
    # One per process and address: every session shares it (the Redis client pools connections).
    return open_store(address, ttl_seconds)


def get_store(settings: Settings) -> RoomStore:
    """Raises RoomStoreUnavailable when the configured store cannot even be set up."""
    return _store(settings.room_store, settings.room_ttl_hours * 3600)


@st.cache_resource(show_spinner=False)
def recent_rooms() -> RecentRooms:
    """The rooms this process read lately (recent_rooms.py): one per process."""
    return RecentRooms()


#: What the presenter's page says of where rooms live: the projector is no place for the store's
#: host and port (issue #29); the server's operator knows the setting's value.
STORE_SHOWN = "rooms: shared store"
#: A host:port, an IP address or a socket path in a Redis error.
_STORE_ADDRESS = re.compile(r"\[?[\w.:-]*\]?:\d+|\b\d{1,3}(?:\.\d{1,3}){3}\b|(?:/[\w.-]+)+")


def unavailable_line(template: str, settings: Settings, error: RoomStoreUnavailable) -> str:
    """The presenter's one line: which setting and why, without the store's address."""
    cause = _STORE_ADDRESS.sub("the store", str(error)[:200])
    return template.format(setting=STORE_SETTING, address=STORE_SHOWN, cause=cause)
