"""Benchmark the guide against a bare one-page Streamlit app, in one run, on this machine.

    python -m benchmarks.run                 # full settings (about 6 minutes on 2 cores)
    python -m benchmarks.run --quick         # a short smoke run of every code path
    python -m benchmarks.run --only rerun,first_load   # just these parts (see --help)

Prints a Markdown table and writes benchmarks/results/latest.json. Loopback only; every loop is
bounded; servers and Chromium stop when it ends. Numbers are for comparing, not for asserting.

Two loads, both with --sessions sessions at once: "load" (issue 5) times each session from its
first connect, so it is mostly page opens (the first of its --reruns reruns opens the page);
"selection_load" (issue 14) opens every page first, untimed, then times only the --reruns
selections each session makes once all of them are open.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import streamlit

from benchmarks import browser_bench, protocol_bench, tap_bench
from benchmarks.scenarios import Scenario, bare_scenario, first_load_path, guide_scenario
from guide_testing.nginx import nginx_path, run_nginx
from guide_testing.server import RunningApp, run_streamlit
from sciatica_guide import APP_ROOT
from sciatica_guide.content import load_content

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_OUTPUT = BENCH_DIR / "results" / "latest.json"

#: The targets of issue 5, checked against each run.
TARGETS = {
    "rerun_ratio": 1.25,
    "load_ratio": 1.5,
    "load_speedup_vs_default": 3.0,
    "first_load_ratio": 1.3,
    "memory_per_session_mib": 1.0,
}
#: The targets of issue 14 (a tap on the body map), checked against each run; the load ones
#: against the selection load (pages already open), not the load that opens them.
TAP_TARGETS = {
    "tap_median_ms": 100.0,
    "tap_p90_ms": 150.0,
    "selection_ratio": 1.5,
    "load_total_ratio": 2.0,
    "load_p95_ratio": 2.0,
}


#: The parts of a run, in the order they run; `--only` picks some of them.
PARTS = (
    "rerun",
    "load",
    "selection_load",
    "default_gc",
    "memory",
    "tap",
    "phone_answer",
    "first_load",
    "phone_first_load",
)
#: The parts that need Chromium (skipped with --no-browser).
BROWSER_PARTS = frozenset(PARTS[PARTS.index("memory") :])


def parse_parts(value: str) -> frozenset[str]:
    """`--only`'s comma-separated list of PARTS."""
    parts = frozenset(p.strip() for p in value.split(",") if p.strip())
    unknown = sorted(parts - set(PARTS))
    if unknown or not parts:
        raise argparse.ArgumentTypeError(
            f"unknown part(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(PARTS)}"
        )
    return parts


@dataclass(frozen=True)
class AppSpec:
    """One server: a script, the folder it runs in (for .streamlit/config.toml), env, flags."""

    name: str
    script: Path
    cwd: Path
    env: dict[str, str] = field(default_factory=dict)
    extra_args: tuple[str, ...] = ()


def app_specs(bare_dir: Path) -> dict[str, AppSpec]:
    # The bare app needs the package only for the shared process tuning.
    bare_env = {"PYTHONPATH": str(APP_ROOT)}
    return {
        # The guide as deployed: the frame behind serve.py's guard (issue #29).
        "guide": AppSpec("guide", APP_ROOT / "serve.py", APP_ROOT),
        "bare": AppSpec("bare", BENCH_DIR / "bare_app.py", bare_dir, bare_env),
        # Streamlit's floor for a tap: a button and a line of text that changes.
        "bare_tap": AppSpec("bare_tap", BENCH_DIR / "bare_tap_app.py", bare_dir, bare_env),
        # Streamlit as shipped: the bare app without the TCP_NODELAY fix.
        "bare_untuned": AppSpec(
            "bare_untuned",
            BENCH_DIR / "bare_app.py",
            bare_dir,
            {**bare_env, "BARE_APP_UNTUNED": "1"},
        ),
        # Streamlit's default: a full garbage collection after every script run.
        "guide_default_gc": AppSpec(
            "guide_default_gc",
            APP_ROOT / "serve.py",
            APP_ROOT,
            extra_args=("--runner.postScriptGC", "true"),
        ),
    }


@contextmanager
def bare_app_dir() -> Iterator[Path]:
    """A folder with a copy of the repo's .streamlit/config.toml: same config, other script."""
    with tempfile.TemporaryDirectory(prefix="bare-app-") as folder:
        target = Path(folder) / ".streamlit"
        target.mkdir()
        shutil.copy(APP_ROOT / ".streamlit" / "config.toml", target / "config.toml")
        yield Path(folder)


def start(stack: ExitStack, spec: AppSpec) -> RunningApp:
    return stack.enter_context(
        run_streamlit(spec.script, env=spec.env, extra_args=list(spec.extra_args), cwd=spec.cwd)
    )


def machine_info() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    memory_gib = None
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(
                (ln.split(":", 1)[1].strip() for ln in info if ln.startswith("model name")), cpu
            )
        with open("/proc/meminfo", encoding="utf-8") as info:
            kib = int(next(ln for ln in info if ln.startswith("MemTotal")).split()[1])
            memory_gib = round(kib / 1024 / 1024, 1)
    except (OSError, StopIteration, ValueError):
        pass
    chromium = None
    from guide_testing.browser import chromium_path

    executable = chromium_path()
    if executable:
        try:
            chromium = subprocess.run(
                [executable, "--version"], capture_output=True, text=True, timeout=30
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            chromium = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": memory_gib,
        "os": platform.platform(),
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "chromium": chromium,
        "load_average_at_start": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def _ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0:
        return None
    return round(a / b, 2)


def evaluate(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target, the measured value and whether it holds."""
    checks: list[dict[str, Any]] = []

    def check(name: str, value: float | None, limit: float, higher_is_better: bool = False) -> None:
        met = None
        if value is not None:
            met = value >= limit if higher_is_better else value <= limit
        sign = ">=" if higher_is_better else "<="
        checks.append({"target": name, "value": value, "limit": f"{sign} {limit}", "met": met})

    latency = results.get("rerun_latency")
    if latency:
        for kind in ("selection", "page_switch"):
            check(
                f"rerun {kind} median, guide / bare",
                _ratio(latency["guide"][kind]["median_ms"], latency["bare"][kind]["median_ms"]),
                TARGETS["rerun_ratio"],
            )
    settled = results.get("rerun_latency_settled")
    if settled:
        # Issue 14 is judged on the settled series: back to back, the series' order biases them.
        check(
            "body map tap (selection) median, settled, guide / bare (issue 14)",
            _ratio(
                settled["guide"]["selection"]["median_ms"],
                settled["bare"]["selection"]["median_ms"],
            ),
            TAP_TARGETS["selection_ratio"],
        )
        check(
            "rerun page_switch median, settled, guide / bare",
            _ratio(
                settled["guide"]["page_switch"]["median_ms"],
                settled["bare"]["page_switch"]["median_ms"],
            ),
            TARGETS["rerun_ratio"],
        )
    load = results.get("load")
    if load and "guide" in load:
        errors = sum(v["errors"] for v in load.values())
        check("errors under load (all apps)", errors, 0)
        check(
            "load total time, guide / bare",
            _ratio(load["guide"]["total_s"], load["bare"]["total_s"]),
            TARGETS["load_ratio"],
        )
        if "guide_default_gc" in load:
            check(
                "load speed-up over Streamlit's default GC",
                _ratio(load["guide_default_gc"]["total_s"], load["guide"]["total_s"]),
                TARGETS["load_speedup_vs_default"],
                higher_is_better=True,
            )
    selection_load = results.get("selection_load")
    if selection_load:
        g, b = selection_load["guide"], selection_load["bare"]
        check("selection load errors, guide and bare (issue 14)", g["errors"] + b["errors"], 0)
        check(
            "selection load total time, guide / bare (issue 14)",
            _ratio(g["total_s"], b["total_s"]),
            TAP_TARGETS["load_total_ratio"],
        )
        check(
            "selection load p95, guide / bare (issue 14)",
            _ratio(g["p95_ms"], b["p95_ms"]),
            TAP_TARGETS["load_p95_ratio"],
        )
    first = results.get("first_load")
    if first:
        check(
            "first load to interactive, guide / bare",
            _ratio(first["guide"]["median_ms"], first["bare"]["median_ms"]),
            TARGETS["first_load_ratio"],
        )
        check(
            "Plotly bundle loaded on the measured page (0 = no)",
            int(first["guide"]["plotly_loaded"]),
            0,
        )
        check("requests to other hosts", len(first["guide"]["other_hosts"]), 0)
    tap = results.get("tap_to_panel")
    if tap:
        check(
            "tap to panel, median ms (slow tablet)",
            tap["guide"]["median_ms"],
            TAP_TARGETS["tap_median_ms"],
        )
        check(
            "tap to panel, p90 ms (slow tablet)", tap["guide"]["p90_ms"], TAP_TARGETS["tap_p90_ms"]
        )
    phone = results.get("phone_answer")
    if phone:
        check(
            "phone taps whose name and first line are off screen (issue 14)",
            phone["taps"] - phone["in_sight"],
            0,
        )
    memory = results.get("memory")
    if memory:
        check(
            "memory per extra open session, guide (MiB)",
            memory["guide"]["per_extra_session_mib"],
            TARGETS["memory_per_session_mib"],
        )
    return checks


def _fmt(value: Any, unit: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        value = f"{value:,.1f}" if abs(value) >= 10 else f"{value:,.2f}"
    return f"{value}{unit}"


def selection_load_rows(g: dict[str, Any], b: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """The selection load's rows: every session's page already open, then all select at once."""
    label = (
        f"{g['sessions']} sessions x {g['selections_per_session']} selections (page already open)"
    )
    return [
        (
            f"{label}: total",
            f"{_fmt(g['total_s'])} s",
            f"{_fmt(b['total_s'])} s",
            _fmt(_ratio(g["total_s"], b["total_s"]), "x"),
        ),
        (
            f"{label}: selection median / p95",
            f"{_fmt(g['median_ms'])} / {_fmt(g['p95_ms'])} ms",
            f"{_fmt(b['median_ms'])} / {_fmt(b['p95_ms'])} ms",
            _fmt(_ratio(g["p95_ms"], b["p95_ms"]), "x") + " (p95)",
        ),
        (
            f"{label}: server CPU time",
            f"{_fmt(g['server_cpu_s'])} s",
            f"{_fmt(b['server_cpu_s'])} s",
            _fmt(_ratio(g["server_cpu_s"], b["server_cpu_s"]), "x"),
        ),
        (f"{label}: errors", str(g["errors"]), str(b["errors"]), ""),
    ]


def markdown_table(results: dict[str, Any]) -> str:
    rows: list[tuple[str, str, str, str]] = []
    latency = results.get("rerun_latency")
    if latency:
        body_map = results.get("scenario", {}).get("body_map_page")
        selection = "Body map selection" if body_map else "Selection (default page, new ?region=)"
        for kind, label in (("selection", selection), ("page_switch", "Page switch")):
            g, b = latency["guide"][kind], latency["bare"][kind]
            rows.append(
                (
                    f"{label} rerun, median / p95",
                    f"{_fmt(g['median_ms'])} / {_fmt(g['p95_ms'])} ms",
                    f"{_fmt(b['median_ms'])} / {_fmt(b['p95_ms'])} ms",
                    _fmt(_ratio(g["median_ms"], b["median_ms"]), "x"),
                )
            )
        settled = results.get("rerun_latency_settled") or {}
        for kind, label in (("selection", selection), ("page_switch", "Page switch")):
            if settled:
                g, b = settled["guide"][kind], settled["bare"][kind]
                rows.append(
                    (
                        f"{label} rerun, each after a 30 ms pause (settled), median / p95",
                        f"{_fmt(g['median_ms'])} / {_fmt(g['p95_ms'])} ms",
                        f"{_fmt(b['median_ms'])} / {_fmt(b['p95_ms'])} ms",
                        _fmt(_ratio(g["median_ms"], b["median_ms"]), "x"),
                    )
                )
        if "bare_untuned" in latency:
            u = latency["bare_untuned"]["selection"]
            rows.append(
                (
                    "Rerun, Streamlit as shipped (no TCP_NODELAY), median / p95",
                    "-",
                    f"{_fmt(u['median_ms'])} / {_fmt(u['p95_ms'])} ms",
                    "",
                )
            )
    load = results.get("load")
    if load and "guide" in load:
        g, b = load["guide"], load["bare"]
        n, r = g["sessions"], g["reruns_per_session"]
        label = f"{n} sessions x {r} reruns (the first opens the page)"
        rows.append(
            (
                f"{label}: total",
                f"{_fmt(g['total_s'])} s",
                f"{_fmt(b['total_s'])} s",
                _fmt(_ratio(g["total_s"], b["total_s"]), "x"),
            )
        )
        rows.append(
            (
                f"{label}: rerun p95",
                f"{_fmt(g['p95_ms'])} ms",
                f"{_fmt(b['p95_ms'])} ms",
                _fmt(_ratio(g["p95_ms"], b["p95_ms"]), "x"),
            )
        )
        rows.append(
            (
                f"{label}: server CPU time",
                f"{_fmt(g['server_cpu_s'])} s",
                f"{_fmt(b['server_cpu_s'])} s",
                _fmt(_ratio(g["server_cpu_s"], b["server_cpu_s"]), "x"),
            )
        )
        rows.append((f"{label}: errors", str(g["errors"]), str(b["errors"]), ""))
        if "guide_default_gc" in load:
            d = load["guide_default_gc"]
            rows.append(
                (
                    "Same load, guide under Streamlit's default GC: total / p95 / errors",
                    f"{_fmt(d['total_s'])} s / {_fmt(d['p95_ms'])} ms / {d['errors']}",
                    "",
                    f"{_fmt(_ratio(d['total_s'], g['total_s']), 'x')} slower",
                )
            )
    selection_load = results.get("selection_load")
    if selection_load:
        rows += selection_load_rows(selection_load["guide"], selection_load["bare"])
    first = results.get("first_load")
    if first:
        g, b = first["guide"], first["bare"]
        rows.append(
            (
                f"First load to interactive in Chromium ({g['path']})",
                f"{_fmt(g['median_ms'])} ms",
                f"{_fmt(b['median_ms'])} ms",
                _fmt(_ratio(g["median_ms"], b["median_ms"]), "x"),
            )
        )
        rows.append(
            (
                "First load: bytes transferred (HTTP + websocket)",
                f"{g['total_bytes'] / 1024:,.0f} KiB",
                f"{b['total_bytes'] / 1024:,.0f} KiB",
                _fmt(_ratio(g["total_bytes"], b["total_bytes"]), "x"),
            )
        )
        rows.append(
            (
                "First load: Plotly bundle loaded / other hosts contacted",
                f"{'yes' if g['plotly_loaded'] else 'no'} / {len(g['other_hosts'])}",
                f"{'yes' if b['plotly_loaded'] else 'no'} / {len(b['other_hosts'])}",
                "",
            )
        )
    phone = results.get("phone_first_load")
    if phone:
        g, b = phone["guide"], phone["bare"]
        rows.append(
            (
                "Phone first load, 1.6 Mbit/s + 150 ms, via nginx (gzip): to interactive",
                f"{_fmt(g['median_ms'])} ms",
                f"{_fmt(b['median_ms'])} ms",
                _fmt(_ratio(g["median_ms"], b["median_ms"]), "x"),
            )
        )
        rows.append(
            (
                "Phone first load via nginx: bytes over the wire (HTTP + websocket)",
                f"{g['total_bytes'] / 1024:,.0f} KiB",
                f"{b['total_bytes'] / 1024:,.0f} KiB",
                _fmt(_ratio(g["total_bytes"], b["total_bytes"]), "x"),
            )
        )
        for name, label in (
            ("guide_direct", "no nginx, so no gzip"),
            ("guide_ws_compression", "nginx + websocket compression"),
        ):
            other = phone.get(name)
            if other:
                rows.append(
                    (
                        f"Phone first load, guide, {label}: to interactive / bytes",
                        f"{_fmt(other['median_ms'])} ms / {other['total_bytes'] / 1024:,.0f} KiB",
                        "",
                        _fmt(_ratio(other["median_ms"], g["median_ms"]), "x")
                        + " the guide via nginx",
                    )
                )
    tap = results.get("tap_to_panel")
    if tap:
        g, b = tap["guide"], tap["bare"]
        rows.append(
            (
                f"Tap to panel, tablet, CPU {tap['cpu_slowdown']}x slower, {g['taps']} taps:"
                " median / p90 (bare: tap to text)",
                f"{_fmt(g['median_ms'])} / {_fmt(g['p90_ms'])} ms",
                f"{_fmt(b['median_ms'])} / {_fmt(b['p90_ms'])} ms",
                _fmt(tap["ratio_median"], "x"),
            )
        )
        c = g["server_confirmed"]
        rows.append(
            (
                "Tap until the server has the selection (address updated): median / p90",
                f"{_fmt(c['median_ms'])} / {_fmt(c['p90_ms'])} ms",
                "",
                "",
            )
        )
    phone = results.get("phone_answer")
    if phone:
        rows.append(
            (
                "Phone (390x844, touch), every region: name and first line on screen after a"
                " tap, no scrolling / figure's share of the screen's height",
                f"{phone['in_sight']} of {phone['taps']} / {_fmt(phone['figure_share_of_screen'])}",
                "",
                "",
            )
        )
    memory = results.get("memory")
    if memory:
        g, b = memory["guide"], memory["bare"]
        n = g["sessions"]
        rows.append(
            (
                f"Server memory (RSS), 1 / {n} open browser sessions",
                f"{_fmt(g['rss_1_mib'])} / {_fmt(g[f'rss_{n}_mib'])} MiB",
                f"{_fmt(b['rss_1_mib'])} / {_fmt(b[f'rss_{n}_mib'])} MiB",
                "",
            )
        )
        rows.append(
            (
                "Server memory per extra open session",
                f"{_fmt(g['per_extra_session_mib'])} MiB",
                f"{_fmt(b['per_extra_session_mib'])} MiB",
                "",
            )
        )
    lines = ["| Measure | Guide | Bare app | Guide / bare |", "|---|---:|---:|---:|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    checks = results.get("targets") or []
    if checks:
        lines += ["", "| Target | Measured | Limit | Met |", "|---|---:|---:|:---:|"]
        for c in checks:
            met = {True: "yes", False: "**no**", None: "-"}[c["met"]]
            lines.append(f"| {c['target']} | {_fmt(c['value'])} | {c['limit']} | {met} |")
    return "\n".join(lines)


def best_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The fastest repeat, with every repeat's total and error count kept beside it."""
    # A selection load whose sessions never got past the barrier has no total: it never wins.
    best = dict(min(runs, key=lambda r: r["total_s"] if r["total_s"] is not None else math.inf))
    best["all_totals_s"] = [r["total_s"] for r in runs]
    best["errors"] = sum(r["errors"] for r in runs)
    return best


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny settings: a smoke run")
    parser.add_argument("--sessions", type=int, help="concurrent sessions, both loads (100)")
    parser.add_argument(
        "--reruns", type=int, help="reruns, or selections once open, per session (6)"
    )
    parser.add_argument("--load-repeats", type=int, help="repeats of each load test (default 2)")
    parser.add_argument("--rounds", type=int, help="latency samples per series (default 60)")
    parser.add_argument("--loads", type=int, help="first loads per app (default 5)")
    parser.add_argument("--open-sessions", type=int, help="browser sessions for memory (30)")
    parser.add_argument("--taps", type=int, help="timed body map taps on a slow tablet (24)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium figures")
    parser.add_argument("--no-default-gc", action="store_true", help="skip the default-GC run")
    parser.add_argument(
        "--only",
        type=parse_parts,
        default=frozenset(PARTS),
        help=f"run only these parts, comma-separated: {', '.join(PARTS)} (default: all)",
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="JSON file to write")
    args = parser.parse_args(argv)
    if args.no_browser:
        args.only = args.only - BROWSER_PARTS
    if args.no_default_gc:
        args.only = args.only - {"default_gc"}
    quick = args.quick
    args.sessions = args.sessions or (2 if quick else 100)
    args.reruns = args.reruns or (1 if quick else 6)
    args.load_repeats = args.load_repeats or (1 if quick else 2)
    args.rounds = args.rounds or (3 if quick else 60)
    args.loads = args.loads or (1 if quick else 5)
    args.open_sessions = args.open_sessions or (2 if quick else 30)
    args.taps = args.taps or (2 if quick else 24)
    return args


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> dict[str, Any]:
    content = load_content()
    scenarios = {
        "guide": guide_scenario(content),
        "bare": bare_scenario(content),
        "bare_untuned": bare_scenario(content),
        "guide_default_gc": guide_scenario(content),
    }
    started = time.perf_counter()
    results: dict[str, Any] = {
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "settings": {
            "sessions": args.sessions,
            "reruns": args.reruns,
            "load_repeats": args.load_repeats,
            "latency_rounds": args.rounds,
            "first_loads": args.loads,
            "open_sessions": args.open_sessions,
            "taps": args.taps,
            "quick": args.quick,
            "only": sorted(args.only, key=PARTS.index),
        },
        "scenario": {
            "body_map_page": scenarios["guide"].body_map,
            "selection": scenarios["guide"].selection_description,
            "page_switch": scenarios["guide"].switch_description,
            "bare_selection": scenarios["bare"].selection_description,
            "bare_page_switch": scenarios["bare"].switch_description,
            "load": "issue 5: each session opens the page (timed), then "
            + (
                "selects regions"
                if scenarios["guide"].body_map
                else "switches between the guide's first two pages"
            )
            + "; total runs from the first connect to the last session's end, median and p95 "
            "count the page opens too, so this load mostly measures concurrent page opens",
            "selection_load": "issue 14: each session opens the page (untimed) and waits until "
            "every session has its page open; then all make their selections at once (the "
            "guide: "
            + scenarios["guide"].selection_description
            + "; the bare app: "
            + scenarios["bare"].selection_description
            + "); total and server CPU run from that moment to the last selection's end, "
            "median and p95 count the selections only",
        },
    }
    only = args.only
    with bare_app_dir() as bare_dir:
        specs = app_specs(bare_dir)
        if only & {"rerun", "load", "selection_load"}:
            with ExitStack() as stack:
                protocol_figures(args, stack, specs, scenarios, results)
        if "default_gc" in only:
            with ExitStack() as stack:
                log(f"{args.sessions} sessions x {args.reruns} reruns: guide, default GC")
                app = start(stack, specs["guide_default_gc"])
                # Warm the fresh server (imports, content) as the guide's server already was.
                protocol_bench.concurrent_sessions(app.url, scenarios["guide"], 1, 1)
                results.setdefault("load", {})["guide_default_gc"] = (
                    protocol_bench.concurrent_sessions(
                        app.url,
                        scenarios["guide_default_gc"],
                        args.sessions,
                        args.reruns,
                        pid=app.process.pid,
                    )
                )
        if only & BROWSER_PARTS:
            results.update(browser_figures(args, specs, first_load_path(content)))
    results["duration_s"] = round(time.perf_counter() - started, 1)
    results["targets"] = evaluate(results)
    return results


def protocol_figures(
    args: argparse.Namespace,
    stack: ExitStack,
    specs: dict[str, AppSpec],
    scenarios: dict[str, Scenario],
    results: dict[str, Any],
) -> None:
    """Rerun latency (back to back and settled) and the two loads, each if asked for."""
    only = args.only
    names = ("guide", "bare", "bare_untuned") if "rerun" in only else ("guide", "bare")
    log(f"starting {', '.join(names)}")
    apps = {name: start(stack, specs[name]) for name in names}
    if "rerun" in only:
        log("rerun latency (interleaved)")
        results["rerun_latency"] = protocol_bench.rerun_latency(
            {name: app.url for name, app in apps.items()}, scenarios, args.rounds
        )
        log("rerun latency, each rerun after a pause (settled)")
        results["rerun_latency_settled"] = protocol_bench.rerun_latency(
            {name: apps[name].url for name in ("guide", "bare")},
            scenarios,
            args.rounds,
            settle_s=protocol_bench.SETTLE_S,
        )
    if "load" in only:
        # Alternate the apps and keep each one's fastest repeat: background load on a shared
        # machine only ever slows a run down.
        runs: dict[str, list[dict[str, Any]]] = {"bare": [], "guide": []}
        for repeat in range(args.load_repeats):
            for name in runs:
                log(f"{args.sessions} sessions x {args.reruns} reruns: {name} #{repeat + 1}")
                runs[name].append(
                    protocol_bench.concurrent_sessions(
                        apps[name].url,
                        scenarios[name],
                        args.sessions,
                        args.reruns,
                        pid=apps[name].process.pid,
                    )
                )
        results["load"] = {name: best_of(found) for name, found in runs.items()}
    if "selection_load" in only:
        results["selection_load"] = selection_loads(args, apps, scenarios)


def selection_loads(
    args: argparse.Namespace, apps: dict[str, RunningApp], scenarios: dict[str, Scenario]
) -> dict[str, dict[str, Any]]:
    """The selection load on the guide and the bare app, repeated as the load is: best of."""
    runs: dict[str, list[dict[str, Any]]] = {"bare": [], "guide": []}
    for repeat in range(args.load_repeats):
        for name in runs:
            log(
                f"{args.sessions} sessions open, then {args.reruns} selections each: "
                f"{name} #{repeat + 1}"
            )
            runs[name].append(
                protocol_bench.selection_load(
                    apps[name].url,
                    scenarios[name],
                    args.sessions,
                    args.reruns,
                    pid=apps[name].process.pid,
                )
            )
    return {name: best_of(found) for name, found in runs.items()}


def browser_figures(args: argparse.Namespace, specs: dict[str, AppSpec], path: str) -> dict:
    from playwright.sync_api import sync_playwright

    from guide_testing.browser import CHROMIUM_ARGS, chromium_path

    executable = chromium_path()
    if executable is None:
        log("no Chromium: skipping first load and memory")
        return {}
    only = args.only
    figures: dict[str, Any] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            # Fresh servers: nothing left over from the load test in their memory. Memory first,
            # while these browser sessions are the servers' only ones; then the first loads.
            with ExitStack() as stack:
                apps = {name: start(stack, specs[name]) for name in ("guide", "bare")}
                paths = {"guide": path, "bare": ""}
                if "memory" in only:
                    figures["memory"] = {}
                    for name, app in apps.items():
                        log(f"memory with 1 and {args.open_sessions} browser sessions: {name}")
                        figures["memory"][name] = browser_bench.memory_with_sessions(
                            browser,
                            f"{app.url}/{paths[name]}",
                            app.process.pid,
                            args.open_sessions,
                            settle_s=0.5 if args.quick else 2.0,
                        )
                if "tap" in only:
                    log(
                        f"tap to panel on a {tap_bench.CPU_SLOWDOWN}x slower tablet, "
                        f"{args.taps} taps"
                    )
                    bare_tap = start(stack, specs["bare_tap"])
                    figures["tap_to_panel"] = tap_bench.tap_to_panel(
                        browser, apps["guide"].url, bare_tap.url, load_content(), args.taps
                    )
                if "phone_answer" in only:
                    log("answer in sight after a tap on a phone, every region")
                    figures["phone_answer"] = tap_bench.answer_in_sight(
                        browser, apps["guide"].url, load_content()
                    )
                if "first_load" in only:
                    log(f"first load in Chromium, {args.loads} per app")
                    figures["first_load"] = browser_bench.first_load(
                        browser, {name: app.url for name, app in apps.items()}, paths, args.loads
                    )
                if "phone_first_load" not in only:
                    pass
                elif nginx_path() is None:
                    log("no nginx: skipping the first load on a phone network")
                else:
                    figures["phone_first_load"] = phone_first_load(
                        browser, args, stack, specs, apps, paths
                    )
        finally:
            browser.close()
    return figures


def phone_first_load(
    browser: Any,
    args: argparse.Namespace,
    stack: ExitStack,
    specs: dict[str, AppSpec],
    apps: dict[str, RunningApp],
    paths: dict[str, str],
) -> dict[str, Any]:
    """First loads at phone size on a throttled network, each app behind the bundled nginx.

    Also the guide straight from Streamlit (no nginx, so no gzip) and behind nginx with
    Streamlit's websocket compression on, to show what each costs or saves.
    """
    compressed_ws = start(
        stack,
        AppSpec(
            "guide_ws_compression",
            specs["guide"].script,
            specs["guide"].cwd,
            extra_args=("--server.enableWebsocketCompression", "true"),
        ),
    )
    urls = {
        name: stack.enter_context(run_nginx([f"127.0.0.1:{app.port}"])).url
        for name, app in (*apps.items(), ("guide_ws_compression", compressed_ws))
    }
    urls["guide_direct"] = apps["guide"].url
    all_paths = {**paths, "guide_ws_compression": paths["guide"], "guide_direct": paths["guide"]}
    samples = max(1, min(args.loads, 3))
    log(f"first load at phone size on a 1.6 Mbit/s, 150 ms network, {samples} per app")
    return browser_bench.first_load(
        browser=browser,
        urls=urls,
        path=all_paths,
        samples=samples,
        viewport="phone",
        network=browser_bench.PHONE_NETWORK,
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    results = run(args)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print(markdown_table(results))
    m = results["machine"]
    print(
        f"\nMachine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; {m['os']}; "
        f"Python {m['python']}, Streamlit {m['streamlit']}, {m['chromium']}. "
        f"Run took {results['duration_s']} s. JSON: {args.output}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
