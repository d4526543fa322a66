"""One app server per test module and one Chromium per session, as Streamlit's own e2e tests do."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from guide_testing.browser import CHROMIUM_ARGS, chromium_path, new_context
from guide_testing.server import RunningApp, run_streamlit


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


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A desktop-size page with mouse and keyboard."""
    context = new_context(browser, "desktop")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def tablet_page(browser: Browser) -> Iterator[Page]:
    """A touch-enabled tablet (820x1180) page."""
    context = new_context(browser, "tablet", touch=True)
    page = context.new_page()
    yield page
    context.close()
