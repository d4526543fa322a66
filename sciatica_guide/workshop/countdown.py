"""The knowledge check's countdown, the same on the projector and the phones.

The server says how many seconds are left (from the room's timer, quiz.seconds_left); the
browser counts them down and, at zero, sends "ended", which runs the page (or a phone's
followed part) again: the presenter's page then closes the question for the room, and a phone
shows that answers are closed. The store stops taking answers at the same time by its own clock.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from sciatica_guide.content import Content
from sciatica_guide.workshop.quiz import QuizState

#: The component's key on a page (one countdown at a time).
COUNTDOWN_KEY = "quiz-countdown"

_CSS = """
.countdown { font-family: inherit; color: inherit; min-width: 12rem; }
.left { margin: 0; font-size: 1.25rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.large .left { font-size: 2rem; }
.track {
  height: 0.5rem;
  margin-top: 0.25rem;
  border: 1px solid currentColor;
  border-radius: 0.25rem;
  overflow: hidden;
}
.bar { height: 100%; background: currentColor; transition: width 0.25s linear; }
.spoken {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
@media (prefers-reduced-motion: reduce) {
  .bar { transition: none; }
}
"""

_countdown = st.components.v2.component(
    "sciatica_guide.quiz_countdown",
    js=Path(__file__).with_name("web").joinpath("countdown.js").read_text(encoding="utf-8"),
    css=_CSS,
)


def countdown(
    content: Content, state: QuizState, seconds_left: float, *, large: bool = False
) -> None:
    """Draw the countdown of the check's running timer, `seconds_left` (quiz.seconds_left)."""
    words = content.workshop.words
    _countdown(
        key=COUNTDOWN_KEY,
        data={
            # Question and end: a new timer, a new id (the browser sends "ended" once per id).
            "id": f"{state.question}-{state.closes_at}",
            "seconds_left": round(seconds_left, 3),
            "total": state.timer,
            "large": large,
            "words": {
                "left": words.time_left,
                "spoken": words.time_left_spoken,
                "up": words.time_up,
            },
        },
        # The event is all that counts: it runs the page again, which reads the timer.
        on_ended_change=lambda: None,
    )
