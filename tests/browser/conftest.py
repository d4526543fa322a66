"""One app server per test module and one Chromium per session, as Streamlit's own e2e tests do.

Browser contexts are opened through fixtures (`page`, `tablet_page`, `open_page`) that close them
at teardown, also when a test fails half-way.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from guide_testing.accessibility import Violation, serious_violations
from guide_testing.browser import (
    CHROMIUM_ARGS,
    OpenPage,
    chromium_path,
    new_context,
    wait_for_app_idle,
)
from guide_testing.server import RunningApp, run_streamlit
from sciatica_guide import APP_ROOT


@pytest.fixture(scope="module")
def app_server() -> Iterator[RunningApp]:
    """The guide, started once for the test module that uses it."""
    with run_streamlit() as app:
        yield app


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    executable = chromium_path()
    if executable is None:
        pytest.fail("Debian's chromium is needed for browser tests: apt-get install chromium")
    browser = playwright_instance.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def _page_opener(browser: Browser) -> tuple[OpenPage, list[BrowserContext]]:
    contexts: list[BrowserContext] = []

    def open_page(viewport: str | dict[str, int] = "desktop", *, touch: bool = False) -> Page:
        context = new_context(browser, viewport, touch=touch)
        contexts.append(context)
        return context.new_page()

    return open_page, contexts


@pytest.fixture
def open_page(browser: Browser) -> Iterator[OpenPage]:
    """Open pages in fresh contexts (a viewport name or size, touch or not); all close after."""
    opener, contexts = _page_opener(browser)
    yield opener
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def module_open_page(browser: Browser) -> Iterator[OpenPage]:
    """As open_page, for module-scoped fixtures: the contexts close when the module ends."""
    opener, contexts = _page_opener(browser)
    yield opener
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page: OpenPage) -> Page:
    """A desktop-size page with mouse and keyboard."""
    return open_page("desktop")


@pytest.fixture
def tablet_page(open_page: OpenPage) -> Page:
    """A touch-enabled tablet (820x1180) page."""
    return open_page("tablet", touch=True)


@pytest.fixture(scope="session")
def streamlit_baseline(browser: Browser) -> set[Violation]:
    """The serious axe violations of a bare Streamlit page, by rule and element, at phone and
    desktop size: Streamlit's own. The guide's pages may have these and nothing more."""
    found: set[Violation] = set()
    # Run from the repository so the bare app gets the same .streamlit/config.toml as the guide.
    with run_streamlit(APP_ROOT / "benchmarks" / "bare_app.py") as bare:
        opener, contexts = _page_opener(browser)
        try:
            for viewport, touch in (("desktop", False), ("phone", True)):
                page = opener(viewport, touch=touch)
                page.goto(bare.url)
                wait_for_app_idle(page)
                found |= serious_violations(page)
        finally:
            for context in contexts:
                context.close()
    print(f"\nA bare Streamlit page has serious/critical axe violations: {sorted(found) or 'none'}")
    return found
