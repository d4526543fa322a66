"""benchmarks/room_questions_bench.py runs end to end with a few phones: every vote and every
answer reaches the projector, with no errors (the figures belong to the benchmark)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from benchmarks.room_questions_bench import run


@pytest.mark.bench
@pytest.mark.timeout(180)
def test_a_small_room_votes_and_answers_on_the_projector() -> None:
    # In a thread of its own: the benchmark runs its own asyncio loop (see test_quiz_bench_smoke).
    with ThreadPoolExecutor(max_workers=1) as pool:
        result = pool.submit(run, "memory", 6).result()
    assert result["errors"] == 0, result
    assert result["votes_shown"] == 6, result
    assert result["answers_shown"] == 6, result
    assert result["votes_seen_on_projector"] == 6
    assert result["vote_shown_p95_s"] is not None
