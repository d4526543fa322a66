"""The room's questions for the presenter: checking what a phone sends, and their order.

Nothing here knows Streamlit or a store. A question is hostile input like an open answer
(open_answers.check_text: the same messages, a longer limit). Phones see only what the presenter
let the room see; the presenter's review page sees every question, in tabs by state.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from sciatica_guide.workshop.open_answers import Checked, check_text
from sciatica_guide.workshop.rooms import MAX_QUESTION_CHARS, SEEN_BY_ROOM, RoomQuestion

#: The longest question a phone may send, in characters (the store keeps no more).
MAX_ASK_CHARS = MAX_QUESTION_CHARS


def check_question(raw: object) -> Checked:
    """The question a phone may send: trimmed, spaces made single, composed Unicode."""
    return check_text(raw, MAX_ASK_CHARS)


def ranked(questions: Iterable[RoomQuestion]) -> list[RoomQuestion]:
    """Most votes first; among equal votes, the one sent first."""
    return sorted(questions, key=lambda q: (-q.votes, q.number))


class ReviewTabs(NamedTuple):
    """The review page's tabs: new ones oldest first (read in the order they came); what the
    room sees, the one on the projector first, then by votes; answered and hidden by votes."""

    new: list[RoomQuestion]
    room: list[RoomQuestion]
    answered: list[RoomQuestion]
    hidden: list[RoomQuestion]


def review_tabs(questions: Sequence[RoomQuestion]) -> ReviewTabs:
    return ReviewTabs(
        new=sorted((q for q in questions if q.state == "new"), key=lambda q: q.number),
        room=sorted(
            (q for q in questions if q.state in ("room", "shown")),
            key=lambda q: (q.state != "shown", -q.votes, q.number),
        ),
        answered=ranked(q for q in questions if q.state == "answered"),
        hidden=ranked(q for q in questions if q.state == "hidden"),
    )


def seen_by_room(questions: Iterable[RoomQuestion]) -> list[RoomQuestion]:
    """What a phone lists: the one on the projector, then the open ones by votes, then the
    answered ones."""
    return sorted(
        (q for q in questions if q.state in SEEN_BY_ROOM),
        key=lambda q: ({"shown": 0, "room": 1}.get(q.state, 2), -q.votes, q.number),
    )


def shown(questions: Iterable[RoomQuestion]) -> RoomQuestion | None:
    """The question on the projector now, if any."""
    return next((q for q in questions if q.state == "shown"), None)


def new_count(questions: Iterable[RoomQuestion]) -> int:
    return sum(1 for q in questions if q.state == "new")


class ExportRow(NamedTuple):
    text: str
    votes: int
    answered: bool


def export_rows(questions: Iterable[RoomQuestion]) -> list[ExportRow]:
    """The summary's questions: only those the room saw (never a new or hidden one), by votes."""
    return [
        ExportRow(q.text, q.votes, q.state == "answered")
        for q in ranked(q for q in questions if q.state in SEEN_BY_ROOM)
    ]
