"""A workshop driven at protocol level: a presenter and phones as websocket sessions.

Shared by the loopback cluster test and benchmarks/workshop_bench.py.
"""

from __future__ import annotations

import re

from guide_testing.protocol import RerunResult, StreamlitSession
from sciatica_guide.workshop.codes import parse_code

_CODE = re.compile(r"class='workshop-code(?:-small)?'>([^<]{7})<")


def room_code(result: RerunResult) -> str:
    """The room code the presenter's page shows."""
    for text in (e.text for e in result.elements if e.text):
        found = _CODE.search(text)
        if found and (code := parse_code(found.group(1))):
            return code
    raise AssertionError("the presenter's page shows no room code")


def press(session: StreamlitSession, label: str, result: RerunResult) -> RerunResult:
    """Press the button labelled `label` on the page `result` shows, as a tap does."""
    widget = next(e.widget_id for e in result.elements if e.text == label and e.widget_id)
    return session.rerun(query_string=None, widget_states={widget: True})


def start_room(presenter: StreamlitSession, start_label: str) -> tuple[str, RerunResult]:
    """Open the presenter's page and start a workshop; the code and the page after."""
    first = presenter.rerun(page="present", query_string="mode=presenter")
    assert first.ok, first.status
    after = press(presenter, start_label, first)
    assert after.ok, after.status
    return room_code(after), after


def step_label_of(result: RerunResult) -> str | None:
    """The "Section n of m" label on a page (the presenter's or a following phone's)."""
    labels = result.texts("progress")
    return labels[0] if labels else None
