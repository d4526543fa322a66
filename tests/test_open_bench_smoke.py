"""benchmarks/open_bench.py runs end to end with a few phones: every phone's words reach the
projector, grouped as the phones last sent them, with no errors (the figures belong to the
benchmark)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from benchmarks.open_bench import run


@pytest.mark.bench
@pytest.mark.timeout(180)
def test_a_small_open_question_reaches_the_projector() -> None:
    # In a thread of its own: the benchmark runs its own asyncio loop (see test_quiz_bench_smoke).
    with ThreadPoolExecutor(max_workers=1) as pool:
        result = pool.submit(run, "memory", 8).result()
    assert result["errors"] == 0
    assert result["all_shown"], result
    assert result["answers_seen_on_projector"] == 8
    assert result["answer_shown_p95_s"] is not None
