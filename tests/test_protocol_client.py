"""The protocol-level client drives real Streamlit sessions: pages, query strings, widgets."""

from __future__ import annotations

import asyncio
import json
import textwrap
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from guide_testing.protocol import (
    SIDEBAR,
    AsyncStreamlitSession,
    RerunResult,
    StreamlitSession,
    stream_url,
    widget_state,
)
from guide_testing.server import RunningApp, run_streamlit
from sciatica_guide.content import Content

ECHO_APP = textwrap.dedent(
    """
    import streamlit as st

    st.title("Echo")
    st.markdown("region=" + st.query_params.get("region", "none"))
    ticked = st.checkbox("Tick", key="tick")
    st.markdown(f"ticked={ticked}")
    """
)


@pytest.fixture(scope="module")
def guide() -> Iterator[RunningApp]:
    with run_streamlit() as app:
        yield app


@pytest.fixture(scope="module")
def echo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    folder: Path = tmp_path_factory.mktemp("echo")
    (folder / "echo.py").write_text(ECHO_APP, encoding="utf-8")
    with run_streamlit(folder / "echo.py", cwd=folder) as app:
        yield app


def test_stream_url_keeps_host_and_base_path() -> None:
    assert stream_url("http://127.0.0.1:8501") == "ws://127.0.0.1:8501/_stcore/stream"
    assert stream_url("https://example.org/guide/") == "wss://example.org/guide/_stcore/stream"


def test_widget_state_picks_the_field_for_each_python_type() -> None:
    assert widget_state("a", True).WhichOneof("value") == "bool_value"
    assert widget_state("a", 3).int_value == 3
    assert widget_state("a", 0.5).double_value == 0.5
    assert widget_state("a", "calf-left").string_value == "calf-left"
    assert widget_state("a", {"region": "calf-left"}).json_value == '{"region": "calf-left"}'
    with pytest.raises(TypeError):
        widget_state("a", object())


def test_first_run_shows_the_default_page_and_its_title(
    guide: RunningApp, content: Content
) -> None:
    overview = content.page("overview")
    with StreamlitSession(guide.url) as session:
        result = session.rerun()
        assert result.ok
        assert result.page is not None and result.page.is_default
        assert result.page.title == overview.title
        assert result.texts("heading")[0] == overview.title
        assert session.current_page == result.page
        assert {p.title for p in session.pages} == {p.title for p in content.pages_in("standard")}


def test_switching_by_url_path_or_page_hash_runs_that_page(
    guide: RunningApp, content: Content
) -> None:
    sources = content.page("sources")
    techniques = content.page("techniques")
    with StreamlitSession(guide.url) as session:
        by_path = session.rerun(page=sources.url_path)
        assert by_path.page is not None and by_path.page.title == sources.title
        assert by_path.texts("heading")[0] == sources.title
        target = session.page(techniques.url_path)
        by_hash = session.rerun(page=target.page_script_hash)
        assert by_hash.page_script_hash == target.page_script_hash
        assert by_hash.texts("heading")[0] == techniques.title
        # No page given: the session stays where it is, as a browser rerun does.
        again = session.rerun()
        assert again.page_script_hash == target.page_script_hash


def test_opening_a_page_by_url_path_first(guide: RunningApp, content: Content) -> None:
    visit = content.page("visit")
    with StreamlitSession(guide.url) as session:
        result = session.rerun(page=visit.url_path)
        assert not result.page_not_found
        assert result.texts("heading")[0] == visit.title


def test_an_unknown_page_falls_back_to_the_default(guide: RunningApp, content: Content) -> None:
    with StreamlitSession(guide.url) as session:
        result = session.rerun(page="no-such-page")
        assert result.page_not_found
        assert result.page is not None and result.page.is_default
        assert result.texts("heading")[0] == content.page("overview").title


def test_main_text_has_the_page_and_its_footer(guide: RunningApp, content: Content) -> None:
    """The guide draws nothing in the sidebar (its pages are in the top bar): the disclaimer
    that closes every page is main text."""
    with StreamlitSession(guide.url) as session:
        result = session.rerun()
    disclaimer = content.site.disclaimer.short.strip()
    assert not [e for e in result.elements if e.container == SIDEBAR]
    assert disclaimer in result.main_text
    assert result.seconds > 0 and result.messages >= len(result.elements)


def test_handshake_headers_are_exposed(guide: RunningApp) -> None:
    with StreamlitSession(guide.url, headers={"X-Test": "1"}) as session:
        headers = session.handshake_headers
        assert headers["sec-websocket-protocol"] == "streamlit"
        assert "upgrade" in headers
        assert session.handshake_cookies == []


def test_query_string_reaches_the_script(echo: RunningApp) -> None:
    with StreamlitSession(echo.url) as session:
        assert "region=none" in session.rerun().text
        assert "region=calf-left" in session.rerun(query_string="region=calf-left").text
        # None keeps the last query string; "" clears it.
        assert "region=calf-left" in session.rerun(query_string=None).text
        assert "region=none" in session.rerun(query_string="").text


def test_widget_states_are_sent_and_kept_across_reruns(echo: RunningApp) -> None:
    with StreamlitSession(echo.url) as session:
        first = session.rerun()
        assert "ticked=False" in first.text
        checkbox = next(e for e in first.elements if e.kind == "checkbox")
        assert checkbox.text == "Tick" and checkbox.widget_id
        assert "ticked=True" in session.rerun(widget_states={checkbox.widget_id: True}).text
        # Like a browser, the session sends every widget's value on each rerun.
        assert "ticked=True" in session.rerun().text


def test_async_sessions_run_side_by_side(echo: RunningApp) -> None:
    async def run(region: str) -> str:
        session = await AsyncStreamlitSession(echo.url).connect()
        try:
            return (await session.rerun(query_string=f"region={region}")).text
        finally:
            await session.close()

    async def main() -> list[str]:
        return await asyncio.gather(run("calf-left"), run("sole-right"))

    # In its own thread: the browser suite's sync Playwright keeps an event loop running here.
    with ThreadPoolExecutor(max_workers=1) as pool:
        left, right = pool.submit(asyncio.run, main()).result(timeout=120)
    assert "region=calf-left" in left and "region=sole-right" in right


def _component_data(result: RerunResult, name: str) -> dict[str, Any]:
    return next(json.loads(e.spec) for e in result.elements if name in (e.widget_id or ""))


def test_a_map_tap_sent_as_the_browser_sends_it_selects_the_region(
    guide: RunningApp, content: Content
) -> None:
    """The benchmark's selection is this tap: the relay's event, a run of its fragment. It fails
    if Streamlit changes how a components-v2 event reaches the server (the trigger id in
    guide_testing/protocol.py)."""
    from sciatica_guide.body_map.relay import SELECT_EVENT
    from sciatica_guide.body_map.state import (
        MAP_KEY,
        PANEL_KEY,
        RELAY_KEY,
    )

    with StreamlitSession(guide.url) as session:
        assert session.rerun(page="body-map", query_string="region=calf-left").ok
        for seq, region_id in enumerate(("calf-right", "buttock-left"), start=1):
            tap = {"region": region_id, "seq": seq}
            result = session.component_event(RELAY_KEY, SELECT_EVENT, tap)
            # Only the list and the relay ran, and the relay answers with the tap's number.
            assert result.status == "fragment_success"
            answer = _component_data(result, RELAY_KEY)
            assert (answer["selected"], answer["seq"]) == (region_id, seq)
            # The address follows, as the browser's would (page_info_changed).
            page_run = session.rerun(query_string=None)
            assert page_run.ok and _component_data(page_run, PANEL_KEY)["selected"] == region_id
        # The map's own tap (when the relay's answer does not come) runs the page and selects.
        result = session.component_event(MAP_KEY, SELECT_EVENT, {"region": "calf-left", "seq": 3})
        assert result.ok and _component_data(result, PANEL_KEY)["selected"] == "calf-left"
        assert _component_data(result, RELAY_KEY)["seq"] == 3


@pytest.mark.slow
def test_taps_on_a_clinic_tablet_count_as_use(content: Content) -> None:
    """A tap runs only its fragment, not the frame that notes the tablet is in use: the relay
    notes it itself, or the idle reset would wipe a patient's page while they tap."""
    from sciatica_guide.body_map.relay import SELECT_EVENT
    from sciatica_guide.body_map.state import (
        PANEL_KEY,
        RELAY_KEY,
    )

    env = {"SCIATICA_GUIDE_MODE": "clinic", "SCIATICA_GUIDE_IDLE_RESET_SECONDS": "5"}
    taps = ["calf-left", "calf-right", "buttock-left", "buttock-right"]
    with run_streamlit(env=env) as app, StreamlitSession(app.url) as session:
        assert session.rerun(page="body-map", query_string="").ok
        for seq, region_id in enumerate(taps, start=1):
            time.sleep(1.5)
            tap = {"region": region_id, "seq": seq}
            assert session.component_event(RELAY_KEY, SELECT_EVENT, tap).status == (
                "fragment_success"
            )
        # 6 s after the last page run, 1.5 s after the last tap: still in use.
        result = session.rerun(query_string=None)
        assert result.ok and result.page is not None and result.page.url_path == "body-map"
        assert _component_data(result, PANEL_KEY)["selected"] == taps[-1]
        assert content.modes.clinic.idle_notice not in result.text


@pytest.mark.parametrize("value", ["no-such-technique", "<script>alert(1)</script>", "", "x" * 500])
def test_an_odd_read_about_value_is_ignored(guide: RunningApp, value: str) -> None:
    """The panel's "Read about" event names a technique; anything else leaves the page as it is."""
    from sciatica_guide.body_map.panel_view import OPEN_EVENT
    from sciatica_guide.body_map.state import (
        PANEL_KEY,
    )

    with StreamlitSession(guide.url) as session:
        assert session.rerun(page="body-map", query_string="region=calf-left").ok
        result = session.component_event(PANEL_KEY, OPEN_EVENT, value)
        assert result.ok and not result.texts("exception")
        assert result.page is not None and result.page.url_path == "body-map"
