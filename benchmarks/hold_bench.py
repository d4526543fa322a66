"""Hold under attack (issue #29): health under foreign-origin handshakes, memory after big messages.

    python -m benchmarks.hold_bench            # 4 clients x 10 s; 30 cycles of 24 MB and 0.9 MB
    python -m benchmarks.hold_bench --quick    # 2 s and 5 cycles

Health: 4 foreign-origin clients open websockets to /_stcore/stream for --seconds while
/_stcore/health is timed every 50 ms; every outside request the server makes goes to a loopback
listener that counts it and holds it 1.5 s, as a slow outside host would (guide_testing/outside.py).
Runs: the guide (serve.py), the bundled nginx in front of a bare `streamlit run app.py`, and that
bare run alone (what both prevent).

Memory: --cycles times connect, ask for a page with a huge ?region=, close; resident memory of
the server before, at the peak and once the sessions have ended (disconnectedSessionTTL set to
--ttl seconds, so the run does not wait Streamlit's default 2 minutes) and one more visitor has
come and gone (Streamlit forgets expired sessions only when its session store is next used).
"before": app.py with Streamlit's default limits (200 MB / 25 MB); "after": the guide as shipped
(serve.py).
Loopback only. Writes benchmarks/results/hold.json.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from guide_testing.memory import big_message_cycles, next_visitor, rss_mib, settle_rss
from guide_testing.nginx import nginx_path, run_nginx
from guide_testing.outside import foreign_origin_load, outside_env, outside_listener
from guide_testing.protocol import StreamlitSession
from guide_testing.server import run_streamlit
from sciatica_guide import APP_ROOT

RESULTS = APP_ROOT / "benchmarks" / "results" / "hold.json"
STREAMLIT_DEFAULT_LIMITS = ["--server.maxMessageSize", "200", "--server.maxWidgetStateSize", "25"]


def health_runs(seconds: float) -> list[dict[str, Any]]:
    runs: list[dict[str, Any]] = []
    with outside_listener() as listener:
        env = outside_env(listener)
        targets: list[tuple[str, str]] = [("guide (serve.py)", "serve.py")]
        if nginx_path():
            targets.append(("bundled nginx + bare app.py", "nginx"))
        targets.append(("bare app.py (no guard)", "app.py"))
        for name, target in targets:
            before = listener.count
            script = "app.py" if target == "nginx" else target
            with run_streamlit(APP_ROOT / script, env=env) as app:
                if target == "nginx":
                    with run_nginx([f"127.0.0.1:{app.port}"]) as nginx:
                        load = foreign_origin_load(nginx.url, seconds=seconds)
                else:
                    load = foreign_origin_load(app.url, seconds=seconds)
            runs.append(
                {
                    "run": name,
                    "handshakes": load.handshakes,
                    "statuses": {str(k): v for k, v in sorted(load.statuses.items())},
                    "health_p99_ms": round(load.health_p99_ms, 1),
                    "health_max_ms": round(load.health_max_ms, 1),
                    "outside_requests": listener.count - before,
                }
            )
    return runs


def memory_run(name: str, script: str, extra: list[str], cycles: int, size: int, ttl: int) -> dict:
    args = ["--server.disconnectedSessionTTL", str(ttl), *extra]
    with run_streamlit(APP_ROOT / script, extra_args=args) as app:
        pid = app.process.pid
        with StreamlitSession(app.url) as session:
            session.rerun(page="body-map")
        start = settle_rss(pid, ttl + 4)
        began = time.perf_counter()
        result = big_message_cycles(app.url, cycles, size)
        took = time.perf_counter() - began
        peak = rss_mib(pid)
        # The sessions' time runs out; the next visitor makes Streamlit forget them.
        time.sleep(ttl + 1)
        next_visitor(app.url)
        end = settle_rss(pid, ttl + 5)
    return {
        "run": name,
        "cycles": cycles,
        "message_mb": round(size / 1e6, 1),
        "accepted": result.accepted,
        "refused": result.refused,
        "rss_start_mib": round(start),
        "rss_peak_mib": round(peak),
        "rss_end_mib": round(end),
        "rss_growth_mib": round(end - start),
        "seconds": round(took, 1),
    }


def memory_runs(cycles: int, ttl: int) -> list[dict[str, Any]]:
    big, under = 24_000_000, 900_000
    return [
        memory_run(
            "before: app.py, Streamlit limits", "app.py", STREAMLIT_DEFAULT_LIMITS, cycles, big, ttl
        ),
        memory_run("after: serve.py", "serve.py", [], cycles, big, ttl),
        memory_run("before: app.py, under 1 MB", "app.py", [], cycles, under, ttl),
        memory_run("after: serve.py, under 1 MB", "serve.py", [], cycles, under, ttl),
    ]


def _table(rows: list[dict[str, Any]]) -> str:
    keys = list(rows[0])
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    lines += ["| " + " | ".join(str(row[k]) for k in keys) + " |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--cycles", type=int, default=30)
    parser.add_argument("--ttl", type=int, default=5)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    seconds, cycles = (2.0, 5) if args.quick else (args.seconds, args.cycles)
    results = {"health": health_runs(seconds), "memory": memory_runs(cycles, args.ttl)}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    print(_table(results["health"]))
    print()
    print(_table(results["memory"]))


if __name__ == "__main__":
    main()
