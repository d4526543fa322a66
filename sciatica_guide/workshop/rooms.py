"""Workshop rooms: what a room is, what a store of rooms does, and what it may refuse.

The stores: memory_store.py (one server) and redis_store.py (several); store.py picks one.

A room holds what the presenter shows (a small "view" mapping), a version that goes up on every
change, whether it has ended, and which phones are in it. Nothing about a person is kept: a phone
is a random token its browser makes and keeps for that room (participant_token.py), the room
version when it joined and the time it was last seen.

Rooms end by themselves `ttl` seconds after the presenter last did anything; phones drop out of
the count `phone_window` seconds after their page last checked in.

A knowledge check (workshop/quiz.py) adds one answer per phone and question while the presenter
accepts answers to that question (and, with a timer, until it ends, by the store's own clock),
from phones that joined before it was asked: an option id, or an open question's few words. No
answer leaves the store with its phone: it hands out counts per answer only (`tally`), and
forgets every answer when the room ends or expires.

The room's questions (a phone asks the presenter; phones vote for the ones the presenter lets
the room see) are kept the same way: text, state and vote counts leave the store, never which
phone asked or voted; all of it goes with the room.

Every publication and end is announced to the store's change listeners (`on_change`) with the
room's new version: this process's own changes at once, and with Redis every replica's (pub/sub).
The guide's wait route (workshop/wake.py) wakes the phones of that room with it.

Both backends keep the limits of limits.RoomLimits: rooms at once and new rooms per minute (all
presenters), phones per room, new phones and answers per room per minute.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol, TypeGuard

#: How long a phone counts as in the room after its page last checked in.
DEFAULT_PHONE_WINDOW = 30.0
#: How long an ended room is remembered as ended, so its phones can say so (not "unknown").
DEFAULT_ENDED_TTL = 3600.0
#: A room's view is a handful of small values; anything bigger is refused.
MAX_VIEW_BYTES = 2000
#: What a question or option id (content ids) and a phone id (secrets.token_urlsafe) look like.
_KEY_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def valid_key(value: object) -> TypeGuard[str]:
    """A question, option or phone id the store accepts (never '|', which joins them in Redis)."""
    return isinstance(value, str) and _KEY_SHAPE.match(value) is not None


#: The longest answer a store keeps: an option id, or the few words of an open question's answer
#: (checked in full on the phone: open_answers.check_answer).
MAX_ANSWER_CHARS = 64


def valid_answer(value: object) -> TypeGuard[str]:
    """An answer the store keeps: a short string with no control character (never trusted)."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= MAX_ANSWER_CHARS
        and not any(ch < " " or "\x7f" <= ch <= "\x9f" for ch in value)
    )


#: Where a question from the room is. "new": only the presenter's review page has it; "room":
#: the phones see it and may vote for it; "shown": on the projector (one at a time, and the
#: phones see it too); "answered"; "hidden": nobody but the review page sees it again.
QuestionState = Literal["new", "room", "shown", "answered", "hidden"]
QUESTION_STATES: tuple[QuestionState, ...] = ("new", "room", "shown", "answered", "hidden")
#: What phones see of the room's questions (and vote on).
SEEN_BY_ROOM: frozenset[QuestionState] = frozenset({"room", "shown", "answered"})
#: The longest question for the presenter a store keeps (checked in full on the phone:
#: room_questions.check_question).
MAX_QUESTION_CHARS = 200
#: What sending a question says: sent (with its id); no open room; this phone has not joined;
#: too many questions and votes in the room this minute; this phone (or the room) has asked as
#: many as a room takes.
AskResult = Literal["ok", "gone", "not_joined", "busy", "full"]


def valid_question_text(value: object) -> TypeGuard[str]:
    """A question the store keeps: up to MAX_QUESTION_CHARS, no control character."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= MAX_QUESTION_CHARS
        and not any(ch < " " or "\x7f" <= ch <= "\x9f" for ch in value)
    )


@dataclass(frozen=True)
class RoomQuestion:
    """A question a phone sent to the presenter: no phone, no name, no time of day."""

    id: str
    text: str
    state: QuestionState
    votes: int
    #: 1 for the room's first question, and so on: the order they came in.
    number: int
    #: Whether the phone that asked for the list voted for it (False for the presenter).
    voted: bool = False


#: Told (room code, its version now, whether it has ended) after a room's view changed or it
#: ended. Called on the thread that made the change, or the store's listener thread: it must be
#: quick and must not raise.
ChangeListener = Callable[[str, int, bool], None]
#: The code a listener is told (with version -1) when notices may have been lost (Redis went
#: away, or came back): every room may have changed.
EVERY_ROOM = "*"


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
        accept_for: float | None = None,
        expect: int | None = None,
    ) -> int:
        """Show `view` to the room; returns the new version. Raises RoomGone.

        `accepting` is the knowledge-check question phones may answer now (None: no question);
        `accept_for`, the seconds from now they may (its timer; None: until the next publication).
        `expect`: change the room only if it is at that version now (compare-and-set), else
        raise RoomMoved and change nothing."""
        ...

    def join(self, code: str, phone: str) -> JoinResult:
        """Take `phone` (a browser's token) into the room, once: joining again changes nothing."""
        ...

    def answer(self, code: str, question: str, phone: str, option: str) -> AnswerResult:
        """Record (or change) this phone's one answer to the question open now, if the phone
        joined before it was asked. `option` is an option id or an open question's words
        (valid_answer: anything else is "closed")."""
        ...

    def can_answer(self, code: str, question: str, phone: str) -> bool:
        """Whether `phone` may answer `question` now: it is open, and the phone joined before it
        was asked (a phone that joined later is told so before it taps)."""
        ...

    def tally(self, code: str, question: str) -> dict[str, int]:
        """How many phones gave each answer (option, or open answer's words) to `question`:
        counts only, never who."""
        ...

    def end(self, code: str) -> None: ...

    def heartbeat(self, code: str, phone: str) -> bool:
        """Count a joined `phone` as in the room for a while; False when the room is not open or
        the phone has not joined."""
        ...

    def check_in(self, code: str, phone: str) -> int | None:
        """`heartbeat` that also says the room's version now (one call for the wait route);
        None when the room is not open or the phone has not joined."""
        ...

    def leave(self, code: str, phone: str) -> None: ...

    def phones(self, code: str) -> int:
        """How many phones checked in recently."""
        ...

    def ask(self, code: str, phone: str, text: str) -> tuple[AskResult, str | None]:
        """Keep a joined phone's question for the presenter ("new": nobody else sees it yet);
        returns what happened and, when kept, the question's id."""
        ...

    def vote(self, code: str, question: str, phone: str, *, up: bool) -> bool:
        """Add (or take back) this phone's one vote for a question the room sees; False when
        the phone may not (not joined, question not seen by the room, room over, too busy)."""
        ...

    def room_questions(self, code: str, phone: str | None = None) -> list[RoomQuestion]:
        """Every question of the room in the order they came (the pages filter and rank them);
        `voted` says whether `phone` voted for each."""
        ...

    def set_question_state(self, code: str, question: str, state: QuestionState) -> bool:
        """Move a question (the presenter's review); "shown" puts the one shown before back to
        "room". False when there is no such question or open room."""
        ...

    def review_key(self, code: str) -> str | None:
        """The room's review secret: whoever has it (the presenter's review page, in a window
        of its own) sees every question and moves them. Made on first use; None when the room is
        not open."""
        ...

    def on_change(self, listener: ChangeListener) -> Callable[[], None]:
        """Call `listener(code, version, ended)` after every publication and end of any room (with
        Redis, on any replica); returns the function that stops it. Best effort: a notice can be
        lost while the store is unreachable, so whoever waits on one also keeps a timeout."""
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
