"""Run a coroutine to the end in a thread of its own.

In the full test run the browser tests' session-wide Playwright keeps an event loop running in the
main thread of a test worker, where asyncio.run refuses to start another.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_in_own_thread(coroutine: Coroutine[Any, Any, T]) -> T:
    """asyncio.run(coroutine) in a new thread; its result, or its exception raised here."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
