"""benchmarks/workshop_bench.py runs end to end with a few phones following by push: every phone
sees every move, no errors (the figures themselves belong to the benchmark)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from benchmarks.workshop_bench import run


@pytest.mark.bench
@pytest.mark.timeout(180)
def test_a_small_room_follows_every_move() -> None:
    # In a thread of its own: the benchmark runs its own asyncio loop (see test_quiz_bench_smoke).
    with ThreadPoolExecutor(max_workers=1) as pool:
        result = pool.submit(run, "memory", 5, 2, 1.0).result()
    assert result["errors"] == 0
    assert result["missed"] == 0
    assert [len(times) for times in result["per_phone_s"]] == [2] * 5
