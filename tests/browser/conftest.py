"""One app server per test module and one Chromium per session, as Streamlit's own e2e tests do.

Browser contexts are opened through fixtures (`page`, `tablet_page`, `open_page`) that close them
at teardown, also when a test fails half-way. `reused_page` hands out the module's one open tab of
a size instead: a new address in an open tab costs the browser about a third of a fresh context's
first load (measured: 0.7 against 1.9 CPU seconds for a guide page), for tests that need nothing of
a fresh browser.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from guide_testing.accessibility import Violation, serious_violations
from guide_testing.browser import (
    CHROMIUM_ARGS,
    VIEWPORTS,
    OpenPage,
    headless_chromium_path,
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
    executable = headless_chromium_path()
    if executable is None:
        pytest.fail(
            "Debian's Chromium is needed for browser tests: apt-get install chromium-headless-shell"
        )
    browser = playwright_instance.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def reduced_motion_browser(playwright_instance: Playwright) -> Iterator[Browser]:
    """Chromium as on a device set to reduce motion. Playwright's reduced_motion="reduce" does
    not reach an SVG drawn as an <img> (Chromium gives the image's document the browser's own
    settings, not the page's emulated media); a device's setting does, and this flag sets it."""
    executable = headless_chromium_path()
    assert executable is not None
    browser = playwright_instance.chromium.launch(
        executable_path=executable, args=[*CHROMIUM_ARGS, "--force-prefers-reduced-motion"]
    )
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


@pytest.fixture(scope="module")
def _tabs(browser: Browser) -> Iterator[dict[tuple[str, bool], Page]]:
    tabs: dict[tuple[str, bool], Page] = {}
    yield tabs
    for tab in tabs.values():
        tab.context.close()


@pytest.fixture
def reused_page(browser: Browser, _tabs: dict[tuple[str, bool], Page]) -> Iterator[OpenPage]:
    """As open_page (a viewport name, touch or not), but the module keeps one tab per viewport
    and touch: each test still opens its address in it, so it gets a new Streamlit session.
    The same viewport and touch asked twice is the same tab.

    Only for tests that keep nothing in the browser (storage, cookies, routes, init scripts) and
    remove any listener they add; after each test the tab is left on about:blank, and a tab the
    test could not leave is closed with its context."""
    handed: list[tuple[str, bool]] = []

    def open_tab(viewport: str | dict[str, int] = "desktop", *, touch: bool = False) -> Page:
        assert isinstance(viewport, str), "reused tabs are kept by viewport name"
        key = (viewport, touch)
        tab = _tabs.get(key)
        if tab is None or tab.is_closed():
            tab = new_context(browser, viewport, touch=touch).new_page()
            _tabs[key] = tab
        # A test may have turned it (tablet landscape): back to its own size.
        tab.set_viewport_size(VIEWPORTS[viewport])
        handed.append(key)
        return tab

    yield open_tab
    for key in dict.fromkeys(handed):
        tab = _tabs[key]
        try:
            tab.goto("about:blank")
        except PlaywrightError:
            tab.context.close()
            del _tabs[key]


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
