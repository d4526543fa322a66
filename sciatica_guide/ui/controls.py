"""Buttons that carry the step they were drawn for, so that one click moves once.

A Streamlit button sends only "pressed" and its id. If its key stayed the same from step to step,
a second click (a double-click, a touch and its mouse click, a click replayed after a reconnect)
that reaches the server after the first one has moved on would run the callback drawn for the
new step, and move again: question 1 to question 3. So each control's key names the step it was
drawn for, and its callback gets that step too and changes nothing unless the page is still
there. A click drawn for a step no longer shown finds no button (or a callback that declines).
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def drawn_key(name: str, *drawn_for: object) -> str:
    """`name` plus the step the control is drawn for: "quiz-next--q1-revealed"."""
    stamp = "-".join(_UNSAFE.sub("_", str(part)) for part in drawn_for)
    return f"{name}--{stamp}"


def control_name(key: str) -> str:
    """The control a drawn key belongs to: "quiz-next" for "quiz-next--q1-revealed"."""
    return key.split("--", 1)[0]
