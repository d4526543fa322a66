"""Rerun latency and concurrent sessions, measured with the protocol client (no browser)."""

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
from sciatica_guide.body_map.page import RELAY_KEY
from sciatica_guide.body_map.relay import SELECT_EVENT

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


def rerun_latency(
    urls: Mapping[str, str], scenarios: Mapping[str, Scenario], rounds: int, warmup: int = 3
) -> dict[str, dict[str, object]]:
    """Median and p95 of selection and page-switch reruns, interleaved across apps.

    Interleaving (one rerun of each series per round) spreads any background load on the machine
    evenly over the apps, so the ratios stay fair on a shared machine.
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
                item.seconds.append(_run(item.session, next(item.steps)).seconds)
    finally:
        for item in series:
            item.session.close()
    results: dict[str, dict[str, object]] = {}
    for item in series:
        app, kind = item.name.split(".")
        results.setdefault(app, {})[kind] = summary_ms(item.seconds)
    return results


async def _one_session(
    url: str, steps: list[Step], latencies: list[float], errors: list[str], timeout: float
) -> None:
    session = AsyncStreamlitSession(url, timeout=timeout)
    try:
        await session.connect()
        for step in steps:
            if step.tap:
                result = await session.component_event(RELAY_KEY, SELECT_EVENT, _tap(step.tap))
            else:
                result = await session.rerun(page=step.page, query_string=step.query_string)
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
        "p95_ms": round(percentile([s * 1000 for s in latencies], 0.95), 1),
        "median_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "completed_reruns": len(latencies),
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

    Total time runs from the first connect to the last session's end; an error is a session that
    could not connect, a rerun that timed out or failed, or a script run that did not succeed.
    """
    return asyncio.run(_load(url, scenario, sessions, reruns, timeout, pid))
