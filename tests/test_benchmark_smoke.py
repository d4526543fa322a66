"""The benchmark's whole code path runs with tiny settings and writes the JSON it promises.

Numbers are never asserted here (they belong to benchmarks/, not to pass/fail); only that every
figure is produced, without errors, so the benchmark cannot rot.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from guide_testing.browser import chromium_path
from guide_testing.nginx import nginx_path
from guide_testing.shipped import shipped_content
from sciatica_guide import APP_ROOT

#: Minutes of servers: run on their own (`bash scripts/test.sh --bench`, a CI step of its own).
pytestmark = pytest.mark.bench


@pytest.mark.timeout(330)
def test_quick_benchmark_writes_every_figure(tmp_path: Path) -> None:
    output = tmp_path / "latest.json"
    with_browser = chromium_path() is not None
    command = [sys.executable, "-m", "benchmarks.run", "--quick", "--output", str(output)]
    if not with_browser:
        command.append("--no-browser")
    run = subprocess.run(command, cwd=APP_ROOT, capture_output=True, text=True, timeout=320)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "| Measure | Guide | Bare app |" in run.stdout

    results = json.loads(output.read_text(encoding="utf-8"))
    assert {
        "machine",
        "settings",
        "scenario",
        "rerun_latency",
        "load",
        "selection_load",
        "targets",
    } <= set(results)
    assert results["settings"]["sessions"] == 2 and results["settings"]["reruns"] == 1
    for app in ("guide", "bare", "bare_untuned"):
        for kind in ("selection", "page_switch"):
            assert results["rerun_latency"][app][kind]["samples"] == 3
    for app in ("guide", "bare", "guide_default_gc"):
        load = results["load"][app]
        assert load["errors"] == 0, load["error_examples"]
        assert load["completed_reruns"] == 2
    for app in ("guide", "bare"):
        # The selection load: pages opened untimed, then one selection each (quick settings).
        selection = results["selection_load"][app]
        assert selection["errors"] == 0, selection["error_examples"]
        assert selection["completed_selections"] == 2
        assert selection["total_s"] is not None and selection["open_s"] is not None
    targets = {t["target"] for t in results["targets"]}
    assert "load speed-up over Streamlit's default GC" in targets
    # Issue 14's load targets are judged on the selection load, not on the load of page opens.
    assert {
        "selection load total time, guide / bare (issue 14)",
        "selection load p95, guide / bare (issue 14)",
        "selection load errors, guide and bare (issue 14)",
    } <= targets
    assert not any(t.startswith("load ") and "issue 14" in t for t in targets)
    assert "untimed" in results["scenario"]["selection_load"]
    if with_browser:
        first = results["first_load"]["guide"]
        assert first["total_bytes"] > 0 and first["requests"] > 0
        # The guide's own rule: nothing is fetched from any other host.
        assert first["other_hosts"] == []
        assert results["memory"]["guide"]["sessions"] == 2
        tap = results["tap_to_panel"]
        assert tap["guide"]["taps"] == 2 and tap["bare"]["taps"] == 2
        assert tap["guide"]["server_confirmed"]["taps"] == 2
        # Issue 14's phone goal: every region's answer on screen after its tap.
        answer = results["phone_answer"]
        assert answer["taps"] == len(shipped_content().regions())
        assert answer["in_sight"] == answer["taps"], answer["missed"]
    if with_browser and nginx_path():
        phone = results["phone_first_load"]
        for app in ("guide", "bare", "guide_direct", "guide_ws_compression"):
            assert phone[app]["total_bytes"] > 0 and phone[app]["other_hosts"] == []
        assert results["memory"]["guide"]["rss_1_mib"] > 0


@pytest.mark.timeout(330)
def test_the_hold_benchmark_writes_its_figures(tmp_path: Path) -> None:
    """benchmarks/hold_bench.py (issue #29) with tiny settings: every run produces its figures."""
    output = tmp_path / "hold.json"
    command = [sys.executable, "-m", "benchmarks.hold_bench", "--quick", "--ttl", "2"]
    run = subprocess.run(
        [*command, "--output", str(output)],
        cwd=APP_ROOT,
        capture_output=True,
        text=True,
        timeout=320,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    results = json.loads(output.read_text(encoding="utf-8"))
    runs = {row["run"]: row for row in results["health"]}
    assert runs["guide (serve.py)"]["outside_requests"] == 0
    assert runs["bare app.py (no guard)"]["outside_requests"] >= 1
    if nginx_path():
        assert runs["bundled nginx + bare app.py"]["outside_requests"] == 0
    memory = {row["run"]: row for row in results["memory"]}
    assert memory["after: serve.py"]["refused"] == memory["after: serve.py"]["cycles"]
    assert all(row["rss_end_mib"] > 0 for row in results["memory"])
