"""Memory stays bounded (issue #29, point 2).

Streamlit's limits are the guide's size (.streamlit/config.toml: 1 MB per message either way,
instead of 200 MB out and 25 MB in); every text the guide reads from a browser has a length
bound (sciatica_guide/limits.py); and a closed session's memory is collected
(sciatica_guide/server_guard.py, SessionEndCollector). The full measurement, 30 cycles of 24 MB
and of 0.9 MB messages, is benchmarks/hold_bench.py.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from guide_testing.event_loop import run_in_own_thread
from guide_testing.memory import big_message_cycles, next_visitor, rss_mib, settle_rss
from guide_testing.protocol import StreamlitSession
from guide_testing.server import run_streamlit
from sciatica_guide.body_map.relay import SELECT_EVENT, read_tap
from sciatica_guide.limits import (
    MAX_QUERY_PARAMS,
    MAX_TEXT,
    bounded_query,
    query_is_bounded,
    short_text,
)
from sciatica_guide.server_guard import SessionEndCollector

APP = str(Path(__file__).parent.parent / "app.py")
TTL = 2


@pytest.mark.slow
def test_a_24_mb_message_is_refused_and_the_guide_still_serves() -> None:
    with run_streamlit() as app:
        result = big_message_cycles(app.url, cycles=3, size=24_000_000)
        assert (result.accepted, result.refused) == (0, 3)
        with StreamlitSession(app.url) as session:
            assert session.rerun(page="body-map").ok


@pytest.mark.bench
def test_closed_sessions_give_their_memory_back() -> None:
    """20 sessions with 0.9 MB each (under the limit): without the collection when sessions end,
    the guide's spaced-out collector (tuning.py) keeps about 20 MiB of them. A measurement of a
    server's memory: it runs with the benchmark smoke runs (`bash scripts/test.sh --bench`), on a
    machine that is not also running the browser tests."""
    args = ["--server.disconnectedSessionTTL", str(TTL)]
    with run_streamlit(extra_args=args) as app:
        pid = app.process.pid
        with StreamlitSession(app.url) as session:
            session.rerun(page="body-map")
        start = settle_rss(pid, TTL + 3)
        result = big_message_cycles(app.url, cycles=20, size=900_000)
        assert result.accepted == 20
        assert rss_mib(pid) > start  # the sessions did hold their messages
        time.sleep(TTL + 1)
        next_visitor(app.url)  # Streamlit forgets expired sessions when its store is next used
        end = settle_rss(pid, TTL + 5)
        # Beside the other benchmarks (the bench step's workers) the collection can come later:
        # look again for up to 20 s more, with a visitor each time, before calling it kept.
        deadline = time.monotonic() + 20
        while end - start > 6 and time.monotonic() < deadline:
            next_visitor(app.url)
            end = min(end, settle_rss(pid, 3))
    assert end - start <= 6, f"{start:.0f} -> {end:.0f} MiB"


def test_short_text_and_bounded_queries() -> None:
    assert short_text("calf-left") == "calf-left"
    assert short_text("x" * (MAX_TEXT + 1)) is None
    assert short_text(["calf-left"]) is None
    assert query_is_bounded({"region": "calf-left", "mode": "clinic"})
    assert not query_is_bounded({"region": "x" * 1000})
    assert not query_is_bounded({"x" * 1000: "1"})
    assert not query_is_bounded({f"p{i}": "1" for i in range(MAX_QUERY_PARAMS + 1)})


def test_a_tap_with_a_huge_region_is_ignored() -> None:
    huge = "calf-left" * 1000
    assert read_tap({"map": {SELECT_EVENT: {"region": huge, "seq": 1}}}, "map") is None
    assert read_tap({"map": {SELECT_EVENT: huge}}, "map") is None
    assert read_tap({"map": {SELECT_EVENT: {"region": "calf-left", "seq": 1}}}, "map") is not None


def test_an_oversized_query_is_cut_before_any_page_reads_it() -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["region"] = "calf-left" + "x" * 5000
    at.query_params["mode"] = "clinic"
    at.run()
    assert not at.exception
    region, mode = at.query_params["region"], at.query_params["mode"]
    assert len(region if isinstance(region, str) else region[-1]) == MAX_TEXT + 1
    assert mode in ("clinic", ["clinic"])
    # Cut, not gone: the body map still says calmly that the link names no part it knows.
    at.switch_page("app_pages/body_map.py").run()
    assert not at.exception
    assert at.info or at.warning


def test_bounded_query_keeps_few_short_names_and_cuts_values() -> None:
    many = {f"p{i}": "1" for i in range(20)}
    assert len(bounded_query(many)) == MAX_QUERY_PARAMS
    assert bounded_query({"x" * 100: "1", "mode": ["a", "b" * 500]}) == {"mode": "b" * 65}


def test_the_collector_runs_once_after_the_last_session_ends() -> None:
    calls: list[float] = []

    async def scenario() -> None:
        collector = SessionEndCollector(
            0.2, collect=lambda: calls.append(0.0), slack=0.05, followup=None
        )
        collector.session_closed()
        await asyncio.sleep(0.1)
        collector.session_closed()  # ends later than the first pass: a second one follows
        await asyncio.sleep(0.5)
        assert collector.collections == 2
        for _ in range(5):
            collector.session_closed()
        await asyncio.sleep(0.35)
        collector.cancel()

    run_in_own_thread(scenario())
    assert len(calls) == 3


def test_a_session_closed_while_a_later_pass_waits_gets_its_own() -> None:
    times: list[float] = []

    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        start = loop.time()
        collector = SessionEndCollector(
            0.2, collect=lambda: times.append(loop.time() - start), slack=0.05, followup=None
        )
        collector.session_closed()  # t=0: a pass at 0.2
        await asyncio.sleep(0.1)
        collector.session_closed()  # t=0.1: ends at 0.3, so one more pass there
        await asyncio.sleep(0.15)
        collector.session_closed()  # t=0.25, while the pass for 0.3 waits: ends at 0.45
        await asyncio.sleep(0.5)
        collector.cancel()

    run_in_own_thread(scenario())
    assert len(times) == 3
    assert times[-1] >= 0.44


def test_a_burst_ends_with_one_follow_up_pass() -> None:
    times: list[float] = []

    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        start = loop.time()
        collector = SessionEndCollector(
            0.2, collect=lambda: times.append(loop.time() - start), slack=0.05, followup=0.3
        )
        collector.session_closed()  # a pass at 0.2, its follow-up at 0.5, then nothing
        await asyncio.sleep(1.0)
        collector.session_closed()  # a new burst: a pass at 1.2 (not the follow-up's time)
        await asyncio.sleep(0.3)
        collector.cancel()

    run_in_own_thread(scenario())
    assert len(times) == 3
    assert 0.45 <= times[1] < 0.7 and 1.15 <= times[2] < 1.4
