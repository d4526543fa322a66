"""Shared fixtures: the real content, and the browser suite's server and Chromium."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import settings
from playwright.sync_api import expect

from guide_testing.shipped import shipped_content
from sciatica_guide.content import Content

# Property tests check what is true, not how fast: speed is measured in benchmarks/, never asserted
# in a test, and a 200 ms per-example deadline fails on a busy 2-core machine.
settings.register_profile("guide", deadline=None)
settings.load_profile("guide")

# Playwright's expect() waits up to 5 s by default: a page that is right but slow (a rerun on a
# loaded 2-core machine running tests in parallel) would fail. Waiting longer costs a passing test
# nothing; a wrong page still fails, later.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def content() -> Content:
    return shipped_content()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Browser tests need Debian's Chromium. Locally they skip without it; in CI (CI=true) a missing
    # browser is a failure, so the suite can never pass by silently skipping them.
    from guide_testing.browser import headless_chromium_path

    browser_items = [item for item in items if "tests/browser/" in item.path.as_posix()]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if headless_chromium_path() or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(
        reason="Debian's Chromium is not installed (apt-get install chromium-headless-shell)"
    )
    for item in browser_items:
        item.add_marker(skip)


@pytest.fixture(autouse=True)
def _no_leaked_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Tests that point at other content folders or settings do so explicitly.
    monkeypatch.delenv("SCIATICA_GUIDE_CONTENT_DIR", raising=False)
    monkeypatch.delenv("SCIATICA_GUIDE_EMERGENCY_NUMBER", raising=False)
    yield


# --- workshop room stores: the same contract tests run on memory and a real Redis ---------------
@pytest.fixture(scope="module")
def redis_server() -> Iterator[Any]:
    """Debian's redis-server on a free loopback port, for one test module."""
    from guide_testing.redis_server import redis_server_path, run_redis

    if redis_server_path() is None and not os.environ.get("CI"):
        pytest.skip("Debian's redis-server is not installed (apt-get install redis-server)")
    with run_redis() as server:
        yield server


@pytest.fixture(params=["memory", "redis"])
def make_store(request: pytest.FixtureRequest) -> Callable[..., Any]:
    """A factory of empty room stores: in memory, or in the module's Redis (flushed)."""
    import redis

    from sciatica_guide.workshop.memory_store import (
        MemoryRoomStore,
    )
    from sciatica_guide.workshop.redis_store import RedisRoomStore

    if request.param == "memory":
        return lambda ttl=60.0, **kw: MemoryRoomStore(ttl, **kw)
    server = request.getfixturevalue("redis_server")
    redis.Redis.from_url(server.url).flushdb()
    return lambda ttl=60.0, **kw: RedisRoomStore(server.url, ttl, **kw)


@pytest.fixture(autouse=True)
def _fresh_room_store() -> Iterator[None]:
    """Each test starts with an empty in-process room store: the store's limits (new rooms per
    minute, rooms at once) count every room AppTest runs make in this process."""
    import sys

    module = sys.modules.get("sciatica_guide.workshop.streamlit_store")
    if module is not None:
        module._store.clear()
    yield
