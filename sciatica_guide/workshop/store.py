"""Where workshop rooms live: one interface, kept in this process's memory or in Redis.

A room holds what the presenter shows (a small "view" mapping), a version that goes up on every
change, whether it has ended, and which phones are in it. Nothing about a person is kept: a phone
is a random token its browser makes and keeps for that room (participant_token.py), the room
version when it joined and the time it was last seen.

Rooms end by themselves `ttl` seconds after the presenter last did anything; phones drop out of
the count `phone_window` seconds after their page last checked in.

A knowledge check (workshop/quiz.py) adds one answer per phone and question while the presenter
accepts answers to that question, from phones that joined before it was asked. Those answers
never leave the store: it hands out counts per option only (`tally`), and forgets every answer
when the room ends or expires.

Both backends keep the limits of limits.RoomLimits: rooms at once and new rooms per minute (all
presenters), phones per room, new phones and answers per room per minute.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from sciatica_guide.workshop.codes import new_code
from sciatica_guide.workshop.limits import DEFAULT_LIMITS, RATE_WINDOW, RoomLimits

#: How long a phone counts as in the room after its page last checked in.
DEFAULT_PHONE_WINDOW = 30.0
#: How long an ended room is remembered as ended, so its phones can say so (not "unknown").
DEFAULT_ENDED_TTL = 3600.0
#: A room's view is a handful of small values; anything bigger is refused.
MAX_VIEW_BYTES = 2000
#: What a question or option id (content ids) and a phone id (secrets.token_urlsafe) look like.
_KEY_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def valid_key(value: object) -> bool:
    """A question, option or phone id the store accepts (never '|', which joins them in Redis)."""
    return isinstance(value, str) and _KEY_SHAPE.match(value) is not None


@dataclass(frozen=True)
class RoomStatus:
    """The cheap part of a room, read by every phone once a second."""

    version: int
    ended: bool


@dataclass(frozen=True)
class Room:
    code: str
    version: int
    ended: bool
    #: What the presenter shows, as published (see follow.presenter_view); {} before any.
    view: dict[str, Any]


class RoomStoreUnavailable(RuntimeError):
    """The store cannot be reached (Redis down, wrong address); the message says why."""


class RoomGone(LookupError):
    """The room does not exist any more, or has ended."""


class RoomMoved(RuntimeError):
    """A publication that expected the room at one version found it at another: nothing changed.

    A move is applied only from the step it was drawn for (compare-and-set), so a replayed or
    doubled publication cannot move the room twice. `version` is the room's version now."""

    def __init__(self, version: int) -> None:
        super().__init__(f"the room is at version {version}")
        self.version = version


class RoomLimitReached(RuntimeError):
    """No new room now: "full" (as many rooms as the store holds) or "busy" (too many new rooms
    this minute)."""

    def __init__(self, reason: Literal["full", "busy"]) -> None:
        super().__init__(reason)
        self.reason = reason


#: What joining a room says: in (or already in), the room is full, too many phones are joining
#: this minute (try again soon), or there is no open room.
JoinResult = Literal["ok", "full", "busy", "gone"]
#: What an answer says: counted; the room does not take answers to that question now; this phone
#: joined after the question was asked (or never joined); too many answers this minute.
AnswerResult = Literal["ok", "closed", "late", "busy"]


class RoomStore(Protocol):
    def create(self) -> str:
        """A new room with a fresh code; the code is returned. Raises RoomLimitReached."""
        ...

    def status(self, code: str) -> RoomStatus | None:
        """None when there is no such room (never was, or expired)."""
        ...

    def room(self, code: str) -> Room | None: ...

    def publish(
        self,
        code: str,
        view: Mapping[str, Any],
        *,
        accepting: str | None = None,
        expect: int | None = None,
    ) -> int:
        """Show `view` to the room; returns the new version. Raises RoomGone.

        `accepting` is the knowledge-check question phones may answer now (None: no question).
        `expect`: change the room only if it is at that version now (compare-and-set), else
        raise RoomMoved and change nothing."""
        ...

    def join(self, code: str, phone: str) -> JoinResult:
        """Take `phone` (a browser's token) into the room, once: joining again changes nothing."""
        ...

    def answer(self, code: str, question: str, phone: str, option: str) -> AnswerResult:
        """Record (or change) this phone's one answer to the question open now, if the phone
        joined before it was asked."""
        ...

    def can_answer(self, code: str, question: str, phone: str) -> bool:
        """Whether `phone` may answer `question` now: it is open, and the phone joined before it
        was asked (a phone that joined later is told so before it taps)."""
        ...

    def tally(self, code: str, question: str) -> dict[str, int]:
        """How many phones gave each option to `question`: counts only, never who."""
        ...

    def end(self, code: str) -> None: ...

    def heartbeat(self, code: str, phone: str) -> bool:
        """Count a joined `phone` as in the room for a while; False when the room is not open or
        the phone has not joined."""
        ...

    def leave(self, code: str, phone: str) -> None: ...

    def phones(self, code: str) -> int:
        """How many phones checked in recently."""
        ...


def encode_view(view: Mapping[str, Any]) -> str:
    text = json.dumps(dict(view), sort_keys=True, separators=(",", ":"))
    if len(text) > MAX_VIEW_BYTES:
        raise ValueError("a room's view must stay small")
    return text


def decode_view(text: str | bytes | None) -> dict[str, Any]:
    """The stored view; {} for anything that is not a JSON object (never trust the store)."""
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


@dataclass
class _Window:
    """Events counted in fixed windows of RATE_WINDOW seconds."""

    start: float = float("-inf")
    count: int = 0

    def take(self, now: float, limit: int) -> bool:
        if now - self.start >= RATE_WINDOW:
            self.start, self.count = now, 0
        if self.count >= limit:
            return False
        self.count += 1
        return True


@dataclass
class _Entry:
    version: int
    view: str
    expires_at: float
    ended: bool = False
    phones: dict[str, float] = field(default_factory=dict)
    #: phone -> the room version when it joined.
    joined: dict[str, int] = field(default_factory=dict)
    accepting: str | None = None
    #: The version that opened the question accepted now: phones that joined before it answer.
    asked_at: int = 0
    joins: _Window = field(default_factory=lambda: _Window())
    answer_rate: _Window = field(default_factory=lambda: _Window())
    #: question -> phone -> option; only counts leave the store.
    answers: dict[str, dict[str, str]] = field(default_factory=dict)


class MemoryRoomStore:
    """Rooms in this process's memory: one server, nothing to install."""

    def __init__(
        self,
        ttl: float,
        *,
        phone_window: float = DEFAULT_PHONE_WINDOW,
        ended_ttl: float = DEFAULT_ENDED_TTL,
        limits: RoomLimits = DEFAULT_LIMITS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self.phone_window = phone_window
        self.ended_ttl = min(ended_ttl, ttl)
        self.limits = limits
        self._clock = clock
        # Sessions run in threads of one process: every change holds the lock.
        self._lock = threading.Lock()
        self._rooms: dict[str, _Entry] = {}
        self._creates = _Window()

    def _live(self, code: str, now: float) -> _Entry | None:
        entry = self._rooms.get(code)
        if entry is not None and entry.expires_at <= now:
            del self._rooms[code]
            return None
        return entry

    def _purge(self, now: float) -> None:
        for code in [c for c, e in self._rooms.items() if e.expires_at <= now]:
            del self._rooms[code]

    def create(self) -> str:
        with self._lock:
            now = self._clock()
            self._purge(now)
            if len(self._rooms) >= self.limits.max_rooms:
                raise RoomLimitReached("full")
            if not self._creates.take(now, self.limits.rooms_per_window):
                raise RoomLimitReached("busy")
            code = new_code()
            while code in self._rooms:
                code = new_code()
            self._rooms[code] = _Entry(version=0, view=encode_view({}), expires_at=now + self.ttl)
            return code

    def status(self, code: str) -> RoomStatus | None:
        with self._lock:
            entry = self._live(code, self._clock())
            return None if entry is None else RoomStatus(entry.version, entry.ended)

    def room(self, code: str) -> Room | None:
        with self._lock:
            entry = self._live(code, self._clock())
            if entry is None:
                return None
            return Room(code, entry.version, entry.ended, decode_view(entry.view))

    def publish(
        self,
        code: str,
        view: Mapping[str, Any],
        *,
        accepting: str | None = None,
        expect: int | None = None,
    ) -> int:
        text = encode_view(view)
        if accepting is not None and not valid_key(accepting):
            raise ValueError("not a question id")
        with self._lock:
            now = self._clock()
            entry = self._live(code, now)
            if entry is None or entry.ended:
                raise RoomGone(code)
            if expect is not None and entry.version != expect:
                raise RoomMoved(entry.version)
            entry.view = text
            entry.version += 1
            if accepting is not None and accepting != entry.accepting:
                entry.asked_at = entry.version
            entry.accepting = accepting
            entry.expires_at = now + self.ttl
            return entry.version

    def end(self, code: str) -> None:
        with self._lock:
            now = self._clock()
            entry = self._live(code, now)
            if entry is None or entry.ended:
                return
            entry.ended = True
            entry.version += 1
            entry.phones.clear()
            entry.joined.clear()
            entry.answers.clear()
            entry.accepting = None
            entry.expires_at = now + self.ended_ttl

    def heartbeat(self, code: str, phone: str) -> bool:
        with self._lock:
            now = self._clock()
            entry = self._live(code, now)
            if entry is None or entry.ended or phone not in entry.joined:
                return False
            entry.phones[phone] = now
            for old in [p for p, seen in entry.phones.items() if seen <= now - self.phone_window]:
                del entry.phones[old]
            return True

    def leave(self, code: str, phone: str) -> None:
        with self._lock:
            entry = self._live(code, self._clock())
            if entry is not None:
                entry.phones.pop(phone, None)

    def phones(self, code: str) -> int:
        with self._lock:
            now = self._clock()
            entry = self._live(code, now)
            if entry is None:
                return 0
            return sum(1 for seen in entry.phones.values() if seen > now - self.phone_window)

    def join(self, code: str, phone: str) -> JoinResult:
        if not valid_key(phone):
            return "gone"
        with self._lock:
            now = self._clock()
            entry = self._live(code, now)
            if entry is None or entry.ended:
                return "gone"
            if phone not in entry.joined:
                if len(entry.joined) >= self.limits.max_phones:
                    return "full"
                if not entry.joins.take(now, self.limits.joins_per_window):
                    return "busy"
                entry.joined[phone] = entry.version
            entry.phones[phone] = now
            return "ok"

    def answer(self, code: str, question: str, phone: str, option: str) -> AnswerResult:
        if not (valid_key(question) and valid_key(phone) and valid_key(option)):
            return "closed"
        with self._lock:
            now = self._clock()
            entry = self._live(code, now)
            if entry is None or entry.ended or entry.accepting != question:
                return "closed"
            joined = entry.joined.get(phone)
            if joined is None or joined >= entry.asked_at:
                return "late"
            if not entry.answer_rate.take(now, self.limits.answers_per_window):
                return "busy"
            entry.answers.setdefault(question, {})[phone] = option
            return "ok"

    def can_answer(self, code: str, question: str, phone: str) -> bool:
        with self._lock:
            entry = self._live(code, self._clock())
            if entry is None or entry.ended or entry.accepting != question:
                return False
            joined = entry.joined.get(phone)
            return joined is not None and joined < entry.asked_at

    def tally(self, code: str, question: str) -> dict[str, int]:
        with self._lock:
            entry = self._live(code, self._clock())
            if entry is None:
                return {}
            counts: dict[str, int] = {}
            for option in entry.answers.get(question, {}).values():
                counts[option] = counts.get(option, 0) + 1
            return counts


def open_store(address: str, ttl: float) -> RoomStore:
    """The store a setting names: "memory", or a redis:// address (checked in settings)."""
    if address == "memory":
        return MemoryRoomStore(ttl)
    # Imported here: the in-memory default needs no Redis client at all.
    from sciatica_guide.workshop.redis_store import RedisRoomStore

    return RedisRoomStore(address, ttl)
