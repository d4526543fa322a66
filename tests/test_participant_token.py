"""The browser's participant token on the server side (participant_token.take_token): one token
per room per connection, only for the room the session follows, only a token's shape, and a
connection joins only so many rooms."""

from __future__ import annotations

from typing import Any

import pytest

from sciatica_guide.workshop.limits import JOINS_PER_CONNECTION
from sciatica_guide.workshop.participant_token import (
    phone_token,
    take_token,
)
from sciatica_guide.workshop.state import (
    JOIN_LIMITED_KEY,
)

TOKEN = "k3J9dQ0vX2-_aZ8mP4rT1w"


def test_one_connection_takes_one_token_per_room() -> None:
    state: dict[str, Any] = {}
    assert take_token(state, "ACEFGH", {"room": "ACEFGH", "token": TOKEN})
    assert phone_token(state, "ACEFGH") == TOKEN
    # A script sending token after token on one connection stays one phone.
    other = "Zz" + TOKEN[2:]
    assert not take_token(state, "ACEFGH", {"room": "ACEFGH", "token": other})
    assert phone_token(state, "ACEFGH") == TOKEN
    assert phone_token(state, "HGFECA") is None


@pytest.mark.parametrize(
    "value",
    [
        None,
        "just-a-string",
        {"room": "HGFECA", "token": TOKEN},  # another room than the one followed
        {"room": "ACEFGH", "token": "short"},
        {"room": "ACEFGH", "token": "x" * 65},
        {"room": "ACEFGH", "token": "<script>alert(1)</script>-----"},
        {"room": "ACEFGH", "token": 12345678901234567890},
        {"room": "ACEFGH"},
    ],
)
def test_odd_tokens_are_refused(value: object) -> None:
    state: dict[str, Any] = {}
    assert not take_token(state, "ACEFGH", value)
    assert phone_token(state, "ACEFGH") is None
    assert not take_token(state, None, {"room": "ACEFGH", "token": TOKEN})


def test_a_connection_joins_only_so_many_rooms() -> None:
    state: dict[str, Any] = {}
    rooms = [f"ACEFG{c}" for c in "HJKMNPRT"]
    taken = [take_token(state, room, {"room": room, "token": TOKEN}) for room in rooms]
    allowed = JOINS_PER_CONNECTION.count
    assert taken == [True] * allowed + [False] * (len(rooms) - allowed)
    assert state[JOIN_LIMITED_KEY] == rooms[-1]
