"""Quick taps and the list beside the body map, as a browser sends them (found under load in
Chromium: test_body_map_instant's quick taps ended on an older region, or on an error).

The browser sends every widget's value with each run, as it last drew it. After quick taps the
list's value is the one from before the server's last answer; Streamlit compares it with the
value the server set and calls the list's on_change. The tap sent in the same run must win, and
a stale empty list must not fail on an address without a region.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from guide_testing.protocol import RerunResult, StreamlitSession, component_event, widget_state
from guide_testing.server import RunningApp, run_streamlit
from sciatica_guide.body_map.page import region_labels
from sciatica_guide.body_map.relay import SELECT_EVENT
from sciatica_guide.body_map.state import LIST_KEY, RELAY_KEY
from sciatica_guide.content import Content


@pytest.fixture(scope="module")
def guide() -> Iterator[RunningApp]:
    with run_streamlit() as app:
        yield app


def _finished(result: RerunResult) -> bool:
    """The run ended well: the fragment's own run, or the page's if the fragment asked for it."""
    return result.status in ("success", "fragment_success") and not result.texts("exception")


def _relay_answer(result: RerunResult) -> dict[str, Any]:
    return next(json.loads(e.spec) for e in result.elements if RELAY_KEY in (e.widget_id or ""))


def _tap_with_list(
    session: StreamlitSession, region_id: str, seq: int, list_value: WidgetState
) -> RerunResult:
    """A relay tap sent with the list's value as the browser last drew it."""
    relay = session.widget(RELAY_KEY)
    listed = session.widget(LIST_KEY)
    assert relay.widget_id and listed.widget_id
    tap = component_event(relay.widget_id, SELECT_EVENT, {"region": region_id, "seq": seq})
    return session.rerun(
        # The tap first: Streamlit calls the callbacks in the order the values came, and the
        # list's stale change after the tap's is the one that put an older region back.
        widget_states=[tap, widget_state(listed.widget_id, list_value)],
        fragment_id=relay.fragment_id,
        auto_rerun=False,
    )


def test_a_tap_wins_over_the_lists_older_value(guide: RunningApp, content: Content) -> None:
    labels = region_labels(content)
    with StreamlitSession(guide.url) as session:
        assert session.rerun(page="body-map").ok
        for seq, region_id in enumerate(("calf-left", "buttock-right"), start=1):
            tap = {"region": region_id, "seq": seq}
            assert _finished(session.component_event(RELAY_KEY, SELECT_EVENT, tap))
        # The third tap leaves before the browser drew the answer to the second: its list
        # still says "calf-left".
        drawn = WidgetState(string_value=labels["calf-left"])
        result = _tap_with_list(session, "lower-back-right", 3, drawn)
        assert _finished(result)
        assert (_relay_answer(result)["selected"], _relay_answer(result)["seq"]) == (
            "lower-back-right",
            3,
        )


def test_a_tap_with_the_list_still_empty_neither_clears_nor_fails(
    guide: RunningApp, content: Content
) -> None:
    with StreamlitSession(guide.url) as session:
        assert session.rerun(page="body-map").ok
        tap = {"region": "calf-left", "seq": 1}
        assert _finished(session.component_event(RELAY_KEY, SELECT_EVENT, tap))
        # The second tap leaves with the list as first drawn: empty (no value at all), and the
        # address of a page opened without a region.
        result = _tap_with_list(session, "calf-right", 2, WidgetState())
        assert _finished(result)
        assert _relay_answer(result)["selected"] == "calf-right"
