"""A tap on the "where" screen's body map, then Continue tapped before the browser has drawn
the server's answer (found while fixing the same race for the body map's list, issue 27).

The browser sends every widget's value with each run, as it last drew it: the pills still
empty. Streamlit takes that as the person's change, and the tap was lost. The pills the server
sets get new keys, so a value for the pills drawn before cannot undo the tap.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from streamlit.proto.Common_pb2 import StringArray
from streamlit.proto.WidgetStates_pb2 import WidgetState

from guide_testing.assessment_flow import safety_screens
from guide_testing.protocol import StreamlitSession
from guide_testing.server import RunningApp, run_streamlit
from sciatica_guide.assessment.state import flag_none_key, where_key
from sciatica_guide.body_map.component import SELECT_EVENT
from sciatica_guide.body_map.where_view import MAP_KEY
from sciatica_guide.content import Content


@pytest.fixture(scope="module")
def guide() -> Iterator[RunningApp]:
    with run_streamlit() as app:
        yield app


def _press(session: StreamlitSession, key: str) -> None:
    button = session.widget(key)
    assert button.widget_id
    result = session.rerun(widget_states=[WidgetState(id=button.widget_id, trigger_value=True)])
    assert result.ok and not result.texts("exception"), result.texts("exception")


def _to_where(session: StreamlitSession, content: Content) -> None:
    assert session.rerun(page="self-assessment").ok
    for screen_id, questions in safety_screens(content):
        for question in questions:
            box = session.widget(flag_none_key(question))
            assert box.widget_id and session.rerun(widget_states={box.widget_id: True}).ok
        _press(session, f"continue-{screen_id}")


def test_continue_with_the_pills_as_first_drawn_keeps_the_maps_tap(
    guide: RunningApp, content: Content
) -> None:
    with StreamlitSession(guide.url) as session:
        _to_where(session, content)
        assert content.assessment.steps.where.title in session.rerun().text
        calf = session.widget(where_key({}, "calf"))
        assert calf.widget_id
        tap = {"chosen": ["calf-left"], "seq": 1}
        assert session.component_event(MAP_KEY, SELECT_EVENT, tap).ok
        # Continue leaves with the pills as the browser first drew them: empty.
        button = session.widget("continue-where")
        assert button.widget_id
        stale = WidgetState(id=calf.widget_id, string_array_value=StringArray(data=[]))
        result = session.rerun(
            widget_states=[stale, WidgetState(id=button.widget_id, trigger_value=True)]
        )
        assert result.ok and not result.texts("exception")
        # On to the next question, with the place kept: "where" was answered.
        text = result.text
        assert content.assessment.steps.where.error not in text
        assert content.assessment.steps.where.title not in text
