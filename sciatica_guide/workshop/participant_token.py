"""One browser, one phone in a room: a random token the browser keeps for the room's life.

A reload or a second tab is a new Streamlit session, so a session's own id would count the same
phone again (issue 29). This tiny component (no iframe, nothing drawn) keeps one random token per
room in the browser's localStorage (sessionStorage, or the tab's memory, where storage is off) and
sends it to the server; every session of that browser then joins and answers as the same phone.

The token is made in the browser with `crypto.getRandomValues`: nothing about the person, never in
the address. It is kept per room, so rooms cannot be linked, and forgotten when the room is left,
has ended, or its time is over. One connection takes one token per room: a second, different
token from the same session is ignored, so one connection is one phone.
"""

from __future__ import annotations

import time
from typing import Any

import streamlit as st

from sciatica_guide.body_map.relay import event_value
from sciatica_guide.session import StateMap
from sciatica_guide.workshop.limits import JOINS_PER_CONNECTION, allow
from sciatica_guide.workshop.rooms import (
    valid_key,
)
from sciatica_guide.workshop.state import JOIN_LIMITED_KEY, JOIN_TIMES_KEY, PHONE_KEY

#: The component's key, and its one event: {"room": code, "token": token}.
TOKEN_COMPONENT_KEY = "workshop-token"
TOKEN_EVENT = "token"
#: The shortest token taken: 16 random bytes make 22 characters.
MIN_TOKEN_LENGTH = 16

_JS = """
const STORE = "sciatica-guide.workshop.rooms";
const memory = {};
function storage() {
  for (const name of ["localStorage", "sessionStorage"]) {
    try {
      const s = window[name];
      s.setItem(STORE + ".probe", "1");
      s.removeItem(STORE + ".probe");
      return s;
    } catch (e) {}
  }
  return null;
}
function fresh() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  const text = btoa(String.fromCharCode(...bytes));
  return text.replace(/[+]/g, "-").replace(/[/]/g, "_").replace(/=+$/, "");
}
export default function ({ data, parentElement, setTriggerValue }) {
  const place = storage();
  let rooms = {};
  try {
    rooms = place ? JSON.parse(place.getItem(STORE) || "{}") : memory;
  } catch (e) {}
  if (!rooms || typeof rooms !== "object" || Array.isArray(rooms)) rooms = {};
  const now = Date.now();
  for (const [code, entry] of Object.entries(rooms)) {
    const stale = !entry || typeof entry.t !== "string" || !(entry.until > now);
    if (stale || code === data.forget) delete rooms[code];
  }
  let token = null;
  if (data.room) {
    token = rooms[data.room] ? rooms[data.room].t : fresh();
    rooms[data.room] = { t: token, until: now + data.keep_ms };
  }
  try {
    if (place) place.setItem(STORE, JSON.stringify(rooms));
    else Object.assign(memory, rooms);
  } catch (e) {}
  const sent = data.room + "|" + token;
  if (data.room && !data.known && parentElement.guideSent !== sent) {
    parentElement.guideSent = sent;
    setTriggerValue("token", { room: data.room, token });
  }
}
"""

_component = st.components.v2.component("sciatica_guide.workshop_token", js=_JS)


def phone_token(state: StateMap, code: str) -> str | None:
    """The token this session holds for room `code`, or None (not sent yet, or another room)."""
    phone = state.get(PHONE_KEY)
    if isinstance(phone, dict) and phone.get("room") == code:
        token = phone.get("token")
        return token if isinstance(token, str) else None
    return None


def take_token(state: StateMap, code: str | None, value: Any) -> bool:
    """Keep the token a browser sent for the room this session follows; False when refused.

    Refused: not for this room, not a token, a second token for a room this session already has
    one for, or too many rooms joined by this connection lately.
    """
    if not isinstance(value, dict) or code is None or value.get("room") != code:
        return False
    token = value.get("token")
    if not valid_key(token) or len(token) < MIN_TOKEN_LENGTH:
        return False
    if phone_token(state, code) is not None:
        return False
    if not allow(state, JOIN_TIMES_KEY, JOINS_PER_CONNECTION, time.monotonic()):
        state[JOIN_LIMITED_KEY] = code
        return False
    state.pop(JOIN_LIMITED_KEY, None)
    state[PHONE_KEY] = {"room": code, "token": token}
    return True


def participant_token(
    code: str | None, *, keep_seconds: float, forget: str | None = None, room_key: str
) -> None:
    """Mount the component: for `code`, send this browser's token (made on first use) unless
    the session has it; forget the token of room `forget` (ended or left)."""

    def on_token() -> None:
        room = st.session_state.get(room_key)
        take_token(
            st.session_state,
            room if isinstance(room, str) else None,
            event_value(st.session_state, TOKEN_COMPONENT_KEY, TOKEN_EVENT),
        )

    data = {
        "room": code,
        "known": code is not None and phone_token(st.session_state, code) is not None,
        "keep_ms": round(keep_seconds * 1000),
        "forget": forget,
    }
    _component(key=TOKEN_COMPONENT_KEY, data=data, on_token_change=on_token)
