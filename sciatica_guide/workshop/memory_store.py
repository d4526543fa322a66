"""Rooms in this process's memory: one server, nothing to install (the default)."""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sciatica_guide.workshop.codes import new_code
from sciatica_guide.workshop.limits import DEFAULT_LIMITS, RATE_WINDOW, RoomLimits
from sciatica_guide.workshop.rooms import (
    DEFAULT_ENDED_TTL,
    DEFAULT_PHONE_WINDOW,
    SEEN_BY_ROOM,
    AnswerResult,
    AskResult,
    ChangeListener,
    JoinResult,
    QuestionState,
    Room,
    RoomGone,
    RoomLimitReached,
    RoomMoved,
    RoomQuestion,
    RoomStatus,
    decode_view,
    encode_view,
    valid_answer,
    valid_key,
    valid_question_text,
)


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
    #: When answers to it stop (the store's clock), for a question with a timer.
    accept_until: float | None = None
    joins: _Window = field(default_factory=lambda: _Window())
    answer_rate: _Window = field(default_factory=lambda: _Window())
    #: question -> phone -> option; only counts leave the store.
    answers: dict[str, dict[str, str]] = field(default_factory=dict)
    #: The room's questions for the presenter, in the order they came; who voted for each
    #: (to keep one vote per phone: only counts leave the store); questions per phone.
    questions: dict[str, _Question] = field(default_factory=dict)
    asked: dict[str, int] = field(default_factory=dict)
    review_key: str | None = None


@dataclass
class _Question:
    text: str
    number: int
    state: QuestionState = "new"
    voters: set[str] = field(default_factory=set)


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
        self._listeners: list[ChangeListener] = []

    def on_change(self, listener: ChangeListener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(listener)

        def stop() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return stop

    def _changed(self, code: str, version: int, ended: bool = False) -> None:
        # Outside the lock: a listener may read the store.
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(code, version, ended)

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
        accept_for: float | None = None,
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
            entry.accept_until = (
                now + accept_for if accepting is not None and accept_for is not None else None
            )
            entry.expires_at = now + self.ttl
            version = entry.version
        self._changed(code, version)
        return version

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
            entry.questions.clear()
            entry.asked.clear()
            entry.review_key = None
            entry.accepting = None
            entry.expires_at = now + self.ended_ttl
            version = entry.version
        self._changed(code, version, ended=True)

    def heartbeat(self, code: str, phone: str) -> bool:
        return self.check_in(code, phone) is not None

    def check_in(self, code: str, phone: str) -> int | None:
        with self._lock:
            now = self._clock()
            entry = self._live(code, now)
            if entry is None or entry.ended or phone not in entry.joined:
                return None
            entry.phones[phone] = now
            for old in [p for p, seen in entry.phones.items() if seen <= now - self.phone_window]:
                del entry.phones[old]
            return entry.version

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
        if not (valid_key(question) and valid_key(phone) and valid_answer(option)):
            return "closed"
        with self._lock:
            now = self._clock()
            entry = self._live(code, now)
            if entry is None or not self._accepts(entry, question, now):
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
            now = self._clock()
            entry = self._live(code, now)
            if entry is None or not self._accepts(entry, question, now):
                return False
            joined = entry.joined.get(phone)
            return joined is not None and joined < entry.asked_at

    @staticmethod
    def _accepts(entry: _Entry, question: str, now: float) -> bool:
        """Whether the room takes answers to `question` now (open, and its timer not ended)."""
        if entry.ended or entry.accepting != question:
            return False
        return entry.accept_until is None or now < entry.accept_until

    def tally(self, code: str, question: str) -> dict[str, int]:
        with self._lock:
            entry = self._live(code, self._clock())
            if entry is None:
                return {}
            counts: dict[str, int] = {}
            for option in entry.answers.get(question, {}).values():
                counts[option] = counts.get(option, 0) + 1
            return counts

    # --- the room's questions ---------------------------------------------------------------
    def _open(self, code: str, now: float) -> _Entry | None:
        entry = self._live(code, now)
        return None if entry is None or entry.ended else entry

    def ask(self, code: str, phone: str, text: str) -> tuple[AskResult, str | None]:
        if not valid_key(phone) or not valid_question_text(text):
            return "gone", None
        limits = self.limits
        with self._lock:
            now = self._clock()
            entry = self._open(code, now)
            if entry is None:
                return "gone", None
            if phone not in entry.joined:
                return "not_joined", None
            if (
                entry.asked.get(phone, 0) >= limits.questions_per_phone
                or len(entry.questions) >= limits.questions_per_room
            ):
                return "full", None
            if not entry.answer_rate.take(now, limits.answers_per_window):
                return "busy", None
            number = len(entry.questions) + 1
            question_id = f"q{number}"
            entry.questions[question_id] = _Question(text, number)
            entry.asked[phone] = entry.asked.get(phone, 0) + 1
            return "ok", question_id

    def vote(self, code: str, question: str, phone: str, *, up: bool) -> bool:
        with self._lock:
            now = self._clock()
            entry = self._open(code, now)
            if entry is None or phone not in entry.joined:
                return False
            asked = entry.questions.get(question)
            if asked is None or asked.state not in SEEN_BY_ROOM:
                return False
            if (phone in asked.voters) == up:
                return True  # already so: a double tap or a replay changes nothing
            if not entry.answer_rate.take(now, self.limits.answers_per_window):
                return False
            if up:
                asked.voters.add(phone)
            else:
                asked.voters.discard(phone)
            return True

    def room_questions(self, code: str, phone: str | None = None) -> list[RoomQuestion]:
        with self._lock:
            entry = self._open(code, self._clock())
            if entry is None:
                return []
            return [
                RoomQuestion(
                    question_id,
                    asked.text,
                    asked.state,
                    len(asked.voters),
                    asked.number,
                    voted=phone is not None and phone in asked.voters,
                )
                for question_id, asked in entry.questions.items()
            ]

    def set_question_state(self, code: str, question: str, state: QuestionState) -> bool:
        with self._lock:
            entry = self._open(code, self._clock())
            asked = None if entry is None else entry.questions.get(question)
            if entry is None or asked is None:
                return False
            if state == "shown":
                for other in entry.questions.values():
                    if other.state == "shown":
                        other.state = "room"
            asked.state = state
            return True

    def review_key(self, code: str) -> str | None:
        with self._lock:
            entry = self._open(code, self._clock())
            if entry is None:
                return None
            if entry.review_key is None:
                entry.review_key = secrets.token_urlsafe(24)
            return entry.review_key
