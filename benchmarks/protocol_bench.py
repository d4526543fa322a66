"""Rerun latency and concurrent sessions, measured with the protocol client (no browser).

Two loads: `concurrent_sessions` times whole sessions from the first connect, so its figures are
mostly page opens (the heaviest run an app has); `selection_load` opens every page first, untimed,
and times only the selections that follow, all sessions at once.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import statistics
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from benchmarks.scenarios import Scenario, Step
from guide_testing.protocol import AsyncStreamlitSession, RerunResult, StreamlitSession
from sciatica_guide.body_map.relay import SELECT_EVENT
from sciatica_guide.body_map.state import (
    RELAY_KEY,
)

#: Tap numbers, as a browser gives them out (rising; one counter for every session is enough).
_tap_numbers = itertools.count(1)


def _tap(region_id: str) -> dict[str, object]:
    """A body map tap as the browser's relay sends it (sciatica_guide/body_map/relay.py)."""
    return {"region": region_id, "seq": next(_tap_numbers)}


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far (/proc/<pid>/stat), in seconds."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        # Fields after the command name, which is in parentheses and may hold spaces.
        fields = stat.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p95 of 20 values is the 19th smallest)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary_ms(seconds: list[float]) -> dict[str, float | int]:
    ms = [s * 1000 for s in seconds]
    return {
        "median_ms": round(statistics.median(ms), 2) if ms else float("nan"),
        "p95_ms": round(percentile(ms, 0.95), 2),
        "samples": len(ms),
    }


def _run(session: StreamlitSession, step: Step) -> RerunResult:
    if step.tap:
        result = session.component_event(RELAY_KEY, SELECT_EVENT, _tap(step.tap))
    else:
        result = session.rerun(page=step.page, query_string=step.query_string)
    if result.status not in ("success", "fragment_success"):
        raise RuntimeError(f"script run ended with {result.status}")
    return result


@dataclass
class _Series:
    """One measured series: a session and the steps it cycles through."""

    name: str
    session: StreamlitSession
    steps: Iterator[Step]
    seconds: list[float]


#: The pause before each timed rerun in the "settled" series. A server finishes some work after
#: it has sent a run's last message; a rerun sent at once to the same server waits for it. Back
#: to back, the series that followed another server's run came out about 3 ms faster than the
#: series that followed its own (the bare app's two series: 2.2 vs 5.6 ms for the same rerun).
SETTLE_S = 0.03


def rerun_latency(
    urls: Mapping[str, str],
    scenarios: Mapping[str, Scenario],
    rounds: int,
    warmup: int = 3,
    settle_s: float = 0.0,
) -> dict[str, dict[str, object]]:
    """Median and p95 of selection and page-switch reruns, interleaved across apps.

    Interleaving (one rerun of each series per round) spreads any background load on the machine
    evenly over the apps, so the ratios stay fair on a shared machine. With `settle_s` (e.g.
    SETTLE_S) each timed rerun starts after that pause, so none waits for a previous run's
    leftovers: back to back, the order of the series biases them (see SETTLE_S).
    """
    series: list[_Series] = []
    try:
        for app, url in urls.items():
            scenario = scenarios[app]
            for kind, steps in (
                ("selection", scenario.selections()),
                ("page_switch", scenario.switches()),
            ):
                session = StreamlitSession(url)
                _run(session, scenario.first)
                series.append(_Series(f"{app}.{kind}", session, steps, []))
        for _ in range(warmup):
            for item in series:
                _run(item.session, next(item.steps))
        for _ in range(rounds):
            for item in series:
                time.sleep(settle_s)
                item.seconds.append(_run(item.session, next(item.steps)).seconds)
    finally:
        for item in series:
            item.session.close()
    results: dict[str, dict[str, object]] = {}
    for item in series:
        app, kind = item.name.split(".")
        results.setdefault(app, {})[kind] = summary_ms(item.seconds)
    return results


async def _run_async(session: AsyncStreamlitSession, step: Step) -> RerunResult:
    if step.tap:
        return await session.component_event(RELAY_KEY, SELECT_EVENT, _tap(step.tap))
    return await session.rerun(page=step.page, query_string=step.query_string)


async def _one_session(
    url: str, steps: list[Step], latencies: list[float], errors: list[str], timeout: float
) -> None:
    session = AsyncStreamlitSession(url, timeout=timeout)
    try:
        await session.connect()
        for step in steps:
            result = await _run_async(session, step)
            if result.status in ("success", "fragment_success"):
                latencies.append(result.seconds)
            else:
                errors.append(f"script run ended with {result.status}")
    except Exception as error:  # every failure is one counted error
        errors.append(f"{type(error).__name__}: {error}")
    finally:
        try:
            await session.close()
        except Exception as error:
            errors.append(f"close: {type(error).__name__}: {error}")


async def _load(
    url: str, scenario: Scenario, sessions: int, reruns: int, timeout: float, pid: int | None
) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    steps = scenario.load_steps(reruns)
    cpu_before = cpu_seconds(pid) if pid else None
    started = time.perf_counter()
    await asyncio.gather(
        *(_one_session(url, steps, latencies, errors, timeout) for _ in range(sessions))
    )
    total = time.perf_counter() - started
    server_cpu = cpu_seconds(pid) - cpu_before if pid and cpu_before is not None else None
    return {
        # CPU time is steadier than wall time on a shared machine: it leaves out waiting.
        "server_cpu_s": round(server_cpu, 2) if server_cpu is not None else None,
        "sessions": sessions,
        "reruns_per_session": reruns,
        "total_s": round(total, 2),
        "completed_reruns": len(latencies),
        **_timings_and_errors(latencies, errors),
    }


def _timings_and_errors(latencies: list[float], errors: list[str]) -> dict[str, object]:
    """A load's p95 and median (ms) and its errors, counted and a few examples."""
    return {
        "p95_ms": round(percentile([s * 1000 for s in latencies], 0.95), 1),
        "median_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "errors": len(errors),
        "error_examples": sorted(set(errors))[:5],
    }


def concurrent_sessions(
    url: str,
    scenario: Scenario,
    sessions: int,
    reruns: int,
    timeout: float = 120.0,
    pid: int | None = None,
) -> dict:
    """`sessions` sessions at once, each running `reruns` reruns one after another.

    The first rerun opens the page (`scenario.load_steps`), the rest select (or switch pages).
    Total time runs from the first connect to the last session's end (closes included), and
    median and p95 count the opens too; an error is a session that could not connect, a rerun
    that timed out or failed, or a script run that did not succeed.
    """
    return asyncio.run(_load(url, scenario, sessions, reruns, timeout, pid))


@dataclass
class _Window:
    """The timed part of a selection load: from the barrier's release to the last selection."""

    pid: int | None
    started: float | None = None
    cpu_before: float | None = None
    client_cpu_before: float | None = None

    def open(self) -> None:
        # The first session past the barrier starts the clock. asyncio runs one task at a time
        # and this one has awaited nothing since the release, so no selection has been sent yet.
        if self.started is None:
            self.started = time.perf_counter()
            self.cpu_before = cpu_seconds(self.pid) if self.pid else None
            self.client_cpu_before = time.process_time()


async def _open_then_select(
    session: AsyncStreamlitSession,
    first: Step,
    selections: list[Step],
    barrier: asyncio.Barrier,
    window: _Window,
    latencies: list[float],
    errors: list[str],
) -> None:
    opened = False
    try:
        await session.connect()
        result = await _run_async(session, first)
        opened = result.status == "success"
        if not opened:
            errors.append(f"page open ended with {result.status}")
    except Exception as error:  # a session that cannot connect or open is one counted error
        errors.append(f"open: {type(error).__name__}: {error}")
    try:
        # Every session comes here, opened or not, so the barrier fills as soon as the slowest
        # open ends; connect and open are each bounded by the session's timeout.
        await asyncio.wait_for(barrier.wait(), timeout=3 * session.timeout)
    except (TimeoutError, asyncio.BrokenBarrierError) as error:
        errors.append(f"barrier: {type(error).__name__}")
        await barrier.abort()  # free the other sessions rather than leave them to time out
        return
    window.open()
    if not opened:
        return
    try:
        for step in selections:
            result = await _run_async(session, step)
            if result.status in ("success", "fragment_success"):
                latencies.append(result.seconds)
            else:
                errors.append(f"selection ended with {result.status}")
    except Exception as error:  # every failure is one counted error
        errors.append(f"{type(error).__name__}: {error}")


async def _selection_load(
    url: str, scenario: Scenario, sessions: int, selections: int, timeout: float, pid: int | None
) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    steps = list(itertools.islice(scenario.selections(), selections))
    barrier = asyncio.Barrier(sessions)
    window = _Window(pid)
    clients = [AsyncStreamlitSession(url, timeout=timeout) for _ in range(sessions)]
    connecting = time.perf_counter()
    ended: float | None = None
    cpu_after: float | None = None
    client_cpu_after: float | None = None
    try:
        await asyncio.gather(
            *(
                _open_then_select(c, scenario.first, steps, barrier, window, latencies, errors)
                for c in clients
            )
        )
        ended = time.perf_counter()
        cpu_after = cpu_seconds(pid) if pid else None
        client_cpu_after = time.process_time()
    finally:
        # Closed outside the timed window, as the pages were opened outside it.
        closed = await asyncio.gather(*(c.close() for c in clients), return_exceptions=True)
    errors += [f"close: {type(e).__name__}: {e}" for e in closed if isinstance(e, BaseException)]
    started = window.started
    total = ended - started if started is not None and ended is not None else None
    server_cpu = (
        cpu_after - window.cpu_before
        if cpu_after is not None and window.cpu_before is not None
        else None
    )
    client_cpu = (
        client_cpu_after - window.client_cpu_before
        if client_cpu_after is not None and window.client_cpu_before is not None
        else None
    )
    return {
        "sessions": sessions,
        "selections_per_session": selections,
        # Untimed: from the first connect until every session had its page open.
        "open_s": round(started - connecting, 2) if started is not None else None,
        "total_s": round(total, 2) if total is not None else None,
        "server_cpu_s": round(server_cpu, 2) if server_cpu is not None else None,
        # This process drives every session: near total_s, the client, not the server, set the
        # pace (both share this machine's cores).
        "client_cpu_s": round(client_cpu, 2) if client_cpu is not None else None,
        "completed_selections": len(latencies),
        **_timings_and_errors(latencies, errors),
    }


def selection_load(
    url: str,
    scenario: Scenario,
    sessions: int,
    selections: int,
    timeout: float = 120.0,
    pid: int | None = None,
) -> dict:
    """`sessions` sessions open their page, wait for each other, then all select at once.

    Each session connects and opens `scenario.first` (untimed), waits on a barrier until every
    session has its page open, then makes `selections` selections one after another (the guide:
    body map taps, as the relay sends them; the bare app: reruns with a new query string).
    Total time and server CPU run from the barrier's release to the last session's last
    selection; median and p95 are over the selections only. An error is a session that could not
    connect or open its page, a selection that timed out or failed, or a failed close.
    """
    return asyncio.run(_selection_load(url, scenario, sessions, selections, timeout, pid))
