"""How much a room store, a room and one connection may do: the workshop's limits (issue 29).

Pure, no Streamlit. The store enforces the limits of all rooms together and of each room (both
backends, inside one lock or one Lua script); the pages enforce those of one connection (one
browser tab's session) with the helpers below, kept in that session's state.

A room holds nothing about a person, and so do the limits: a count and a time, never an address.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from sciatica_guide.session import StateMap

#: The window the store's rates are counted in.
RATE_WINDOW = 60.0


@dataclass(frozen=True)
class RoomLimits:
    """What a room store takes. The defaults fit a school or clinic: tens of rooms at once, a
    lecture hall of phones in one room, every phone answering and changing its mind."""

    #: Rooms held at once (open, or ended and remembered for an hour), all presenters together.
    max_rooms: int = 200
    #: New rooms per RATE_WINDOW, all presenters together.
    rooms_per_window: int = 60
    #: Phones one room takes.
    max_phones: int = 300
    #: New phones per room per RATE_WINDOW: a full hall scanning the code at once.
    joins_per_window: int = 300
    #: Answers (and changes) per room per RATE_WINDOW.
    answers_per_window: int = 1500
    #: Questions for the presenter one phone may send to a room, and a room may hold.
    questions_per_phone: int = 5
    questions_per_room: int = 200


DEFAULT_LIMITS = RoomLimits()


# --- one connection ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Rate:
    """At most `count` events per `seconds`, counted per connection."""

    count: int
    seconds: float


#: A presenter starts one room, maybe again after a mistake; a flood starts hundreds.
STARTS_PER_CONNECTION = Rate(3, 600.0)
#: Rooms one phone joins: a workshop, maybe a second one the same day.
JOINS_PER_CONNECTION = Rate(5, 600.0)
#: Answer taps: a person changes their mind a few times, a script taps without end.
ANSWERS_PER_CONNECTION = Rate(20, 60.0)
#: Room codes a connection may get wrong before it has to wait, and the longest wait.
FREE_MISSES = 3
MAX_WAIT_SECONDS = 60.0


def allow(state: StateMap, key: str, rate: Rate, now: float) -> bool:
    """Count one event under `key` in a session's state; False (not counted) over the rate."""
    times = state.get(key)
    recent = [t for t in times if now - t < rate.seconds] if isinstance(times, list) else []
    if len(recent) >= rate.count:
        state[key] = recent
        return False
    state[key] = [*recent, now]
    return True


def miss_wait(misses: int) -> float:
    """The wait before the next code try after `misses` wrong codes: none for the first few,
    then 2, 4, 8, ... seconds up to MAX_WAIT_SECONDS."""
    if misses < FREE_MISSES:
        return 0.0
    return min(MAX_WAIT_SECONDS, 2.0 ** (misses - FREE_MISSES + 1))


def guess_wait_left(state: StateMap, key: str, now: float) -> float:
    """Seconds this connection must still wait before trying another code (0: may try now)."""
    record = state.get(key)
    if not isinstance(record, tuple) or len(record) != 2:
        return 0.0
    misses, last = record
    return max(0.0, last + miss_wait(misses) - now)


def note_miss(state: StateMap, key: str, now: float) -> None:
    """A code that named no room: the next try waits longer once the free ones are used."""
    record = state.get(key)
    misses = record[0] if isinstance(record, tuple) and len(record) == 2 else 0
    state[key] = (misses + 1, now)


# --- floods, logged as counts --------------------------------------------------------------------
LOGGER = logging.getLogger("sciatica_guide.workshop")


class FloodLog:
    """Counts refusals by kind and logs each kind at most once per `interval`, as a number.

    Nothing else is logged: no code, no phone id, no address, no time of one person's action.
    A kind is logged only when it reached its `minimum` in the interval (one wrong code is a
    typo, thirty a minute is someone trying codes).
    """

    def __init__(
        self,
        *,
        interval: float = 60.0,
        minimum: dict[str, int] | None = None,
        logger: logging.Logger = LOGGER,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.interval = interval
        self.minimum = dict(minimum or {})
        self._logger = logger
        self._clock = clock
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}
        self._since = clock()

    def note(self, kind: str) -> None:
        with self._lock:
            self._counts[kind] = self._counts.get(kind, 0) + 1
            now = self._clock()
            if now - self._since < self.interval:
                return
            counts, self._counts = self._counts, {}
            seconds, self._since = now - self._since, now
        for name, count in sorted(counts.items()):
            if count >= self.minimum.get(name, 1):
                self._logger.warning(
                    "workshop limits: %d %s in the last %d s", count, name, round(seconds)
                )


#: What the flood log calls each refusal (the words of its log line).
UNKNOWN_CODE = "room codes that named no room"
GUESS_WAIT = "room code tries refused (connection must wait)"
START_REFUSED = "room starts refused (connection limit)"
STORE_FULL = "room starts refused (all rooms in use)"
STORE_BUSY = "room starts refused (too many at once)"
JOIN_REFUSED = "joins refused (room full or busy)"
ANSWER_REFUSED = "answers refused (too many)"

#: One per process: every session's refusals are counted together.
FLOODS = FloodLog(minimum={UNKNOWN_CODE: 20})
