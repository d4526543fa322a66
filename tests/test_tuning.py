"""The server-process tuning (sciatica_guide/tuning.py): what it sets, in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys

from sciatica_guide import APP_ROOT

_PROBE = """
import gc, json
from sciatica_guide.tuning import GC_THRESHOLDS, tune_server_process
before = gc.get_threshold()
tune_server_process()
tune_server_process()  # every rerun of the frame calls it: the second call changes nothing
print(json.dumps({
    "before": before,
    "after": gc.get_threshold(),
    "wanted": GC_THRESHOLDS,
    "enabled": gc.isenabled(),
    "frozen": gc.get_freeze_count(),
}))
"""


def test_the_collector_stays_on_and_runs_less_often() -> None:
    found = json.loads(
        subprocess.run(
            [sys.executable, "-c", _PROBE],
            cwd=APP_ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    )
    # Cycles are still collected: only spaced out, and what start-up made is left alone.
    assert found["enabled"] is True
    # Not CPython's defaults pinned (they change between versions): only that the tuning applied.
    assert found["after"] != found["before"]
    assert found["after"] == found["wanted"]
    assert found["after"][0] > 10 * found["before"][0]
    assert found["frozen"] > 1000
