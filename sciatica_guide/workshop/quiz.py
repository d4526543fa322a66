"""The knowledge check's pure parts: what a room shares about it, counting and the threshold.

Nothing here knows Streamlit or a store. The presenter moves through the questions (ask, close,
reveal); the room shares which question is on and at which stage, plus which questions have
been revealed so far. Phones answer through the store, which gives back counts per option only.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal, TypeGuard

from sciatica_guide.content import Content
from sciatica_guide.content.models import QuizQuestion, QuizWords

#: The presenter's page for the check (pages.yaml id).
QUIZ_PAGE = "quiz"
#: The key of the check's part in a room's shared view.
VIEW_KEY = "quiz"
#: Counts stay hidden until this many phones have answered, so that in a tiny group nobody's
#: answer can be worked out from the chart (hazard H17 in docs/clinical-safety.md).
MIN_SHOWN = 3

Stage = Literal["ready", "open", "closed", "revealed"]
STAGES: tuple[Stage, ...] = ("ready", "open", "closed", "revealed")


#: A timer's end further than this from now (seconds) is not believed (a store is not trusted).
MAX_TIMER_SECONDS = 600.0


@dataclass(frozen=True)
class QuizState:
    """Where the check stands: the question on, its stage, every question revealed so far, and
    when the open question's timer ends (wall-clock seconds, `time.time()`; None: no timer)."""

    question: str
    stage: Stage = "ready"
    revealed: tuple[str, ...] = ()
    closes_at: float | None = None
    #: The timer's length in seconds (what the countdown's bar is a share of).
    timer: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        shared: dict[str, Any] = {
            "q": self.question,
            "stage": self.stage,
            "revealed": list(self.revealed),
        }
        if self.closes_at is not None:
            shared["ends"] = round(self.closes_at, 2)
            shared["for"] = self.timer
        return shared


def first_state(content: Content) -> QuizState:
    return QuizState(content.workshop.questions[0].id)


def ask(state: QuizState, seconds: float = 0, now: float = 0.0) -> QuizState:
    """Open the question to answers; with `seconds`, until a timer ends."""
    if seconds <= 0:
        return replace(state, stage="open", closes_at=None, timer=0.0)
    return replace(state, stage="open", closes_at=now + seconds, timer=float(seconds))


def start_timer(state: QuizState, seconds: float, now: float) -> QuizState:
    """Give the question `seconds` to answer from `now` (asking it first if it is not open)."""
    if seconds <= 0 or state.stage not in ("ready", "open"):
        return state
    return ask(state, seconds, now)


def stop_timer(state: QuizState) -> QuizState:
    """No timer: answers stay open until the presenter closes them."""
    return replace(state, closes_at=None, timer=0.0)


def close(state: QuizState) -> QuizState:
    if state.stage != "open":
        return state
    return replace(state, stage="closed", closes_at=None, timer=0.0)


def reveal(state: QuizState) -> QuizState:
    """Show the right answer; answering stops at the same moment."""
    revealed = state.revealed
    if state.question not in revealed:
        revealed = (*revealed, state.question)
    return replace(state, stage="revealed", revealed=revealed, closes_at=None, timer=0.0)


def timed_out(state: QuizState, now: float) -> bool:
    """Whether the open question's timer has ended."""
    return state.stage == "open" and state.closes_at is not None and now >= state.closes_at


def stage_at(state: QuizState, now: float) -> Stage:
    """The stage as people should see it now: an open question whose timer ended is closed."""
    return "closed" if timed_out(state, now) else state.stage


def settle(state: QuizState, now: float) -> QuizState:
    """The state with an ended timer applied (the presenter's own copy, then the room's): closed,
    keeping the timer's end, so that phones say the time is up."""
    return replace(state, stage="closed") if timed_out(state, now) else state


def time_was_up(state: QuizState, now: float) -> bool:
    """Whether answers are closed because the timer ended (not by the presenter's Close, which
    drops the timer): ended now, or closed already by `settle`."""
    return timed_out(state, now) or (state.stage == "closed" and state.closes_at is not None)


def seconds_left(state: QuizState, now: float) -> float | None:
    """Time left to answer while a timer runs; None without one (or once it has ended)."""
    if state.stage != "open" or state.closes_at is None or now >= state.closes_at:
        return None
    return state.closes_at - now


def move(state: QuizState, content: Content, by: int) -> QuizState:
    """Go to the previous (-1) or next (+1) question; a question already revealed stays so."""
    ids = [q.id for q in content.workshop.questions]
    index = ids.index(state.question) if state.question in ids else 0
    target = ids[max(0, min(len(ids) - 1, index + by))]
    stage: Stage = "revealed" if target in state.revealed else "ready"
    return replace(state, question=target, stage=stage, closes_at=None, timer=0.0)


def accepting(state: QuizState | None, page: str, now: float) -> str | None:
    """The question phones may answer now: only while it is open on the check's page, and
    before its timer (if any) ends."""
    if state is None or page != QUIZ_PAGE or stage_at(state, now) != "open":
        return None
    return state.question


def read_quiz(raw: Any, question_ids: Sequence[str]) -> QuizState | None:
    """The check's part of a stored view, checked against the content; None when unusable.

    The store is shared by every replica, so nothing read from it is trusted.
    """
    if not isinstance(raw, Mapping):
        return None
    question = raw.get("q")
    stage = raw.get("stage")
    if not isinstance(question, str) or question not in question_ids or stage not in STAGES:
        return None
    shown = raw.get("revealed")
    revealed = tuple(
        dict.fromkeys(q for q in shown if q in question_ids) if isinstance(shown, list) else ()
    )
    ends, length = raw.get("ends"), raw.get("for")
    if stage in ("open", "closed") and _is_time(ends) and _is_time(length):
        return QuizState(question, stage, revealed, float(ends), float(length))
    return QuizState(question, stage, revealed)


def _is_time(value: Any) -> TypeGuard[int | float]:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value > 0
    )


def believable(state: QuizState, now: float) -> QuizState:
    """A room's timer that ends further ahead than any timer can (a wrong clock, or a store that
    is not to be trusted) is dropped: the phone then waits for the presenter to close."""
    if state.closes_at is not None and (
        state.closes_at - now > MAX_TIMER_SECONDS or state.timer > MAX_TIMER_SECONDS
    ):
        return stop_timer(state)
    return state


def option_letter(question: QuizQuestion, option_id: str, words: QuizWords) -> str:
    ids = [o.id for o in question.options]
    return words.option_letters[ids.index(option_id)] if option_id in ids else ""


def option_label(question: QuizQuestion, option_id: str, words: QuizWords) -> str:
    """ "B. Deep tissue massage": the letter is what people in the room say aloud."""
    for index, option in enumerate(question.options):
        if option.id == option_id:
            return words.option_label.format(letter=words.option_letters[index], text=option.text)
    return ""


# --- counting ------------------------------------------------------------------------------------
def count_answers(answers: Mapping[str, str], options: Sequence[str]) -> dict[str, int]:
    """Counts per option from one answer per phone (phone -> option); unknown options drop out."""
    counts = dict.fromkeys(options, 0)
    for option in answers.values():
        if option in counts:
            counts[option] += 1
    return counts


def clean_tally(raw: Mapping[Any, Any], options: Sequence[str]) -> dict[str, int]:
    """A store's counts for the options of the question, in their order: anything else (an
    unknown option, a count that is not a whole number of 0 or more) is dropped as 0."""
    counts = dict.fromkeys(options, 0)
    for option, count in raw.items():
        if option in counts and isinstance(count, int) and not isinstance(count, bool):
            counts[option] = max(0, count)
    return counts


def answered(counts: Mapping[str, int]) -> int:
    return sum(counts.values())


def shown_counts(counts: Mapping[str, int], minimum: int = MIN_SHOWN) -> dict[str, int] | None:
    """The counts the projector may show: None until at least `minimum` phones have answered."""
    if answered(counts) < minimum:
        return None
    return dict(counts)


def right_share(question: QuizQuestion, counts: Mapping[str, int]) -> float | None:
    """The share of right answers (0 to 1); None below the threshold (it could name someone)."""
    total = answered(counts)
    if total < MIN_SHOWN:
        return None
    return sum(n for option, n in counts.items() if question.is_right(option)) / total


# --- the phone's own side ------------------------------------------------------------------------
def owed_explanations(
    content: Content,
    mine: Mapping[str, str],
    revealed: Iterable[str],
    read: Collection[str],
    *,
    showing: str | None = None,
) -> list[QuizQuestion]:
    """Urgent-help questions this phone answered wrongly, revealed, and not yet marked as read.

    A wrong answer to an urgent-help question is never left without its explanation: the phone
    keeps showing it (beyond the question, and after the room ends) until the person taps
    "I have read this". `showing` is a question whose explanation is on screen already.
    """
    done = set(read)
    shown = set(revealed)
    owed = []
    for question in content.workshop.questions:
        if question.id not in shown or question.id in done or question.id == showing:
            continue
        wrong = question.id in mine and not question.is_right(mine[question.id])
        if wrong and content.quiz_level(question) is not None:
            owed.append(question)
    return owed
