"""Debian's Chromium driven by Playwright, as this machine and CI can run it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from typing import Literal

from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from sciatica_guide.content import Content
from sciatica_guide.content.models import PageSpec
from sciatica_guide.workshop.codes import parse_code

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


def headless_chromium_path() -> str | None:
    """The Chromium the browser tests drive: one named by CHROMIUM_PATH, else Debian's
    `chromium-headless-shell`, else Debian's full `chromium`.

    The headless shell is Chromium's own headless build (Playwright's default for headless runs):
    the same Blink and V8 without the desktop browser around them. Each fresh browser context of
    a test costs it about half the CPU of the full browser (1.2 against 2.4 CPU seconds for a
    first page; docs/performance.md, "The test run"); drawing and scripts cost the same. The
    benchmarks and screenshots keep the full browser (chromium_path), as people have it.
    """
    return (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium-headless-shell")
        or chromium_path()
    )


#: What the page showed when a wait for the app ran out: its address and the app's two states.
_APP_STATE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return [location.href, app ? app.getAttribute("data-test-connection-state") : "no app",
          app ? app.getAttribute("data-test-script-state") : "no app"];
}"""


def wait_for_app_idle(page: Page, timeout: float = 30_000) -> None:
    """Wait until Streamlit is connected and no script run is in progress."""
    try:
        page.wait_for_selector(
            '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
            '[data-test-script-state="notRunning"]',
            timeout=timeout,
        )
    except PlaywrightTimeoutError as error:
        # Say where it stopped (never connected, or a run that did not end): the two call for
        # different fixes, and Playwright's message names only the selector.
        try:
            where, connection, script = page.evaluate(_APP_STATE_JS)
        except PlaywrightError:
            raise error from None
        raise PlaywrightTimeoutError(
            f"{error.message}\nThe app at {where} was {connection} with its script {script}"
        ) from None
    # The attribute can say notRunning for a moment before a rerun starts; settle briefly.
    page.wait_for_timeout(150)
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout
    )


def wait_until_shown(page: Page, text: str, timeout: float = 30_000, *, exact: bool = True) -> None:
    """Wait until the page shows `text` (or text containing it, unless `exact`), then for an
    idle app. After a tap or key press that changes the screen, waiting for an idle app alone
    can return before the rerun has started (Streamlit sets the run state only once the server
    answers), and the next press then reaches the screen before, where a stale button does
    nothing."""
    expect(page.get_by_text(text, exact=exact).first).to_be_visible(timeout=timeout)
    wait_for_app_idle(page, timeout)


#: `deep(root, selector)`: the first match inside `root` or any open shadow root below it (the
#: guide's components draw in shadow roots). Put at the start of a page function's body.
DEEP_FIND_JS = """
  const deep = (root, selector) => {
    const hit = root.querySelector(selector);
    if (hit) return hit;
    for (const el of root.querySelectorAll("*")) {
      if (el.shadowRoot) {
        const inner = deep(el.shadowRoot, selector);
        if (inner) return inner;
      }
    }
    return null;
  };
"""


def wait_for_address(page: Page, ending: str, timeout: float = 30_000) -> None:
    """Wait until the page's own address ends with `ending` (e.g. "?region=calf-left", which the
    server writes after a tap). Read in the page: Playwright's page.url can lag behind
    history.pushState, and a tap's panel shows before the server has run at all."""
    page.wait_for_function(
        "(e) => (location.pathname + location.search).endsWith(e)", arg=ending, timeout=timeout
    )


def expect_phone_in_room(page: Page, waiting: str, joining: str, timeout: float) -> None:
    """The phone shows the room's waiting screen and is counted in the room.

    The waiting screen comes first; the phone joins on a later run, once its token has reached
    the server (until then it says `joining`). Only phones in the room before a question opens
    may answer it, so a test opens a question only after this.
    """
    # .first: while a run redraws the page, the old line and the new one can both be there.
    expect(page.get_by_text(waiting).first).to_be_visible(timeout=timeout)
    expect(page.get_by_text(joining)).to_have_count(0, timeout=timeout)


def join_room(
    phone: Page, base_url: str, code: str, waiting: str, joining: str, timeout: float
) -> None:
    """Open the room's join link on `phone` and wait until it is counted in the room."""
    phone.goto(f"{base_url}/join?room={code}")
    wait_for_app_idle(phone)
    expect_phone_in_room(phone, waiting, joining, timeout)


def shown_room_code(presenter: Page) -> str:
    """The room code the presenter's strip shows, without its space ("3GKG6W")."""
    return parse_code(presenter.locator(".workshop-code-small").inner_text())


def no_dialogs(page: Page) -> list[str]:
    """Record (and dismiss) every alert or confirm the page opens: tests assert the list stays
    empty, so a dialog fails the test instead of being clicked away."""
    seen: list[str] = []
    page.on("dialog", lambda dialog: (seen.append(dialog.message), dialog.dismiss()))
    return seen


def tab_to(page: Page, target: Locator, *, backwards: bool = False, limit: int = 80) -> int:
    """Press Tab (Shift+Tab with `backwards`) until `target` has keyboard focus, as a person
    without a mouse does; how many presses it took. Fails when `limit` presses never reach it.
    Focus may have dropped to the page after a press (a button that becomes disabled loses it),
    so this walks from wherever focus is now."""
    key = "Shift+Tab" if backwards else "Tab"
    for presses in range(limit + 1):
        # Inside a component's shadow root the document's active element is the host.
        if target.evaluate("el => el === el.getRootNode().activeElement"):
            return presses
        page.keyboard.press(key)
    raise AssertionError(f"{limit} presses of {key} never reached {target}")


def new_context(
    browser: Browser,
    viewport: str | dict[str, int] = "desktop",
    *,
    touch: bool = False,
    color_scheme: Literal["light", "dark"] = "light",
) -> BrowserContext:
    """A fresh, isolated browser context at one of VIEWPORTS (or a width and height),
    optionally touch-enabled, on a device set to light or dark."""
    size = VIEWPORTS[viewport] if isinstance(viewport, str) else viewport
    return browser.new_context(
        viewport=size,
        has_touch=touch,
        is_mobile=touch and size["width"] < 1000,
        device_scale_factor=1,
        service_workers="block",
        color_scheme=color_scheme,
    )


def open_each_page(page: Page, base_url: str, content: Content) -> Iterator[PageSpec]:
    """Open every page of the standard menu in turn (its heading drawn, the app idle), and
    yield its spec while it is on screen."""
    for spec in content.pages_in("standard"):
        if spec.hidden:
            continue
        page.goto(f"{base_url}/{spec.link_path}")
        wait_for_app_idle(page)
        page.get_by_role("heading", name=spec.title, level=1).wait_for()
        yield spec


#: WCAG 2.2 contrast of an element's text against the first opaque background behind it.
_CONTRAST_JS = """(el) => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const style = getComputedStyle(el);
  const text = rgb(style.color);
  let back = [255, 255, 255];
  for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length >= 3 && (c.length === 3 || c[3] > 0.9)) {
      back = c.slice(0, 3);
      break;
    }
  }
  // A colour with alpha (Streamlit's disabled text) and opacity both blend into the background.
  let opacity = text.length > 3 ? text[3] : 1;
  for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
    opacity *= Number(getComputedStyle(node).opacity);
  }
  const seen = text.slice(0, 3).map((v, i) => v * opacity + back[i] * (1 - opacity));
  const [a, b] = [lum(seen), lum(back)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


def text_contrast(locator: Locator) -> float:
    """The contrast ratio of the element's text (WCAG: at least 4.5 for body text)."""
    return float(locator.evaluate(_CONTRAST_JS))


def open_page_from_menu(page: Page, title: str, *, touch: bool = False) -> None:
    """Choose a page from the app's own menu, as a person does: the top bar's link, or its
    "N more" list when the bar has no room for it; on a phone, where Streamlit folds the top
    bar into its sidebar, the sidebar's link. (Streamlit's own test ids: guide_testing only,
    never the guide.)"""

    def press(target: Locator) -> None:
        target.tap() if touch else target.click()

    if page.locator('[data-testid="stTopNav"]').is_visible():
        link = page.locator('[data-testid="stTopNavLink"]').filter(has_text=title).first
        try:
            # A link the bar has no room for is still in the page, transparent and untappable.
            link.click(trial=True, timeout=1_000)
        except PlaywrightTimeoutError:
            press(page.locator('[data-testid="stTopNavSection"]'))
            link = page.locator('[data-testid="stTopNavDropdownLink"]').filter(has_text=title)
        press(link)
        return
    toggle = page.locator('[data-testid="stExpandSidebarButton"]')
    if toggle.is_visible():
        press(toggle)
        page.locator('[data-testid="stSidebar"][data-collapsed="false"]').wait_for()
    press(page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title))
    close = page.locator('[data-testid="stSidebarCollapseButton"] button')
    if close.is_visible():
        press(close)


def expect_inside_height(locator: Locator, height: int, timeout: float = 10_000) -> None:
    """Wait until the element sits wholly between the page's top and `height` (a projector's
    first screen, the page not scrolled). Polled: a live fragment's run can shift the layout for
    a moment while its new elements replace the old ones."""
    box: dict[str, float] | None = None

    def fits() -> bool:
        nonlocal box
        box = locator.bounding_box()  # type: ignore[assignment]
        return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height

    page = locator.page
    deadline = timeout
    while not fits() and deadline > 0:
        page.wait_for_timeout(200)
        deadline -= 200
    assert fits(), box
