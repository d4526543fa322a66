"""benchmarks/quiz_bench.py runs end to end with a few phones: every answer counted, the final
counts reach the presenter's chart, no errors (the figures themselves belong to the benchmark)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from benchmarks.quiz_bench import run


@pytest.mark.bench
@pytest.mark.timeout(180)
def test_a_small_knowledge_check_is_counted_in_full() -> None:
    # In a thread of its own: the benchmark runs its own asyncio loop, and Playwright's sync API
    # (the browser tests, earlier in the same process) keeps a loop running on the main thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        result = pool.submit(run, "memory", 6).result()
    assert result["errors"] == 0
    assert result["all_counted"], result
    assert sum(result["expected_counts"]) == 6
    assert result["final_shown_after_last_answer_s"] is not None
