"""Debian's Chromium driven by Playwright, as this machine and CI can run it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable

from playwright.sync_api import Browser, BrowserContext, Page

#: The browser tests' open_page fixture: open_page(viewport="desktop", touch=False) -> a page in a
#: context of its own, closed by the fixture.
OpenPage = Callable[..., Page]

#: Flags that keep a headless Chromium off the network and quiet on a closed machine.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

#: Viewports the guide is checked at: phone, tablet portrait and landscape, desktop.
VIEWPORTS: dict[str, dict[str, int]] = {
    "phone": {"width": 390, "height": 844},
    "tablet": {"width": 820, "height": 1180},
    "tablet-landscape": {"width": 1180, "height": 820},
    "desktop": {"width": 1440, "height": 900},
}


def chromium_path() -> str | None:
    """Debian's Chromium, or one named by CHROMIUM_PATH."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def wait_for_app_idle(page: Page, timeout: float = 30_000) -> None:
    """Wait until Streamlit is connected and no script run is in progress."""
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
        '[data-test-script-state="notRunning"]',
        timeout=timeout,
    )
    # The attribute can say notRunning for a moment before a rerun starts; settle briefly.
    page.wait_for_timeout(150)
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout
    )


def wait_for_address(page: Page, ending: str, timeout: float = 30_000) -> None:
    """Wait until the page's own address ends with `ending` (e.g. "?region=calf-left", which the
    server writes after a tap). Read in the page: Playwright's page.url can lag behind
    history.pushState, and a tap's panel shows before the server has run at all."""
    page.wait_for_function(
        "(e) => (location.pathname + location.search).endsWith(e)", arg=ending, timeout=timeout
    )


def new_context(
    browser: Browser, viewport: str | dict[str, int] = "desktop", *, touch: bool = False
) -> BrowserContext:
    """A fresh, isolated browser context at one of VIEWPORTS (or a width and height),
    optionally touch-enabled."""
    size = VIEWPORTS[viewport] if isinstance(viewport, str) else viewport
    return browser.new_context(
        viewport=size,
        has_touch=touch,
        is_mobile=touch and size["width"] < 1000,
        device_scale_factor=1,
        service_workers="block",
    )
