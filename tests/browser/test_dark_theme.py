"""The dark theme (issue 25, point 5): it follows the device, can be switched in the app menu,
and every page stays axe-clean with text at 4.5:1 or more, in Chromium."""

from __future__ import annotations

from typing import Literal

import pytest
from playwright.sync_api import Browser, Page, expect

from guide_testing.accessibility import Violation, new_violations, serious_violations
from guide_testing.browser import new_context, open_each_page, text_contrast, wait_for_app_idle
from guide_testing.server import RunningApp
from sciatica_guide.content import Content

THEME_JS = "() => document.documentElement.dataset.guideTheme"
PAGE_BACKGROUND_JS = (
    "() => getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor"
)
DARK_BACKGROUND = "rgb(17, 26, 25)"


def open_in(
    browser: Browser, scheme: Literal["light", "dark"], viewport: str, *, touch: bool
) -> Page:
    return new_context(browser, viewport, touch=touch, color_scheme=scheme).new_page()


def marked_theme(page: Page) -> str:
    """The page's theme mark, once the probe has set it (it runs a moment after the page)."""
    page.wait_for_function(f"() => Boolean(({THEME_JS})())")
    return str(page.evaluate(THEME_JS))


def choose_theme(page: Page, name: str) -> None:
    """Streamlit's app menu (⋮): its theme choice (the menu may still be open from before)."""
    item = page.get_by_role("menuitemradio", name=name)
    if not item.is_visible():
        page.locator('[data-testid="stMainMenu"]').click()
    item.click()


@pytest.mark.parametrize("viewport", ["phone", "tablet"])
def test_a_dark_device_gets_the_dark_theme_and_every_page_stays_clean(
    app_server: RunningApp,
    browser: Browser,
    content: Content,
    streamlit_baseline: set[Violation],
    viewport: str,
) -> None:
    page = open_in(browser, "dark", viewport, touch=True)
    try:
        problems: dict[str, list[Violation]] = {}
        for spec in open_each_page(page, app_server.url, content):
            if spec.id == "body-map":
                # A place with a warning: the panel's urgent and "check first" boxes.
                page.locator('.bm-region[data-region="calf-left"]').first.tap()
                expect(page.get_by_role("heading", name="Calf, your left")).to_be_visible()
                wait_for_app_idle(page)
            assert marked_theme(page) == "dark", spec.id
            assert page.evaluate(PAGE_BACKGROUND_JS) == DARK_BACKGROUND
            found = new_violations(serious_violations(page), streamlit_baseline)
            if found:
                problems[spec.id] = found
        assert problems == {}
    finally:
        page.context.close()


def test_switched_in_the_app_menu_the_guides_own_colours_follow(
    app_server: RunningApp, browser: Browser, content: Content
) -> None:
    page = open_in(browser, "light", "desktop", touch=False)
    try:
        page.goto(f"{app_server.url}/overview")
        wait_for_app_idle(page)
        urgent = page.locator(".st-key-urgent-help summary")
        assert marked_theme(page) == "light"
        light = urgent.evaluate("el => getComputedStyle(el).color")
        # The popover says where the choice is.
        page.get_by_role("button", name=content.site.reading.button).click()
        expect(page.get_by_text(content.site.reading.colours.split(":")[0])).to_be_visible()
        page.keyboard.press("Escape")

        choose_theme(page, "Dark")
        page.wait_for_function(f"() => ({THEME_JS})() === 'dark'")
        assert page.evaluate(PAGE_BACKGROUND_JS) == DARK_BACKGROUND
        # The urgent box's words changed with it, and read at 4.5:1 or more on the dark page.
        assert urgent.evaluate("el => getComputedStyle(el).color") != light
        assert text_contrast(urgent) >= 4.5
        assert text_contrast(page.locator(".guide-sources").first) >= 4.5

        choose_theme(page, "Light")
        page.wait_for_function(f"() => ({THEME_JS})() === 'light'")
        assert urgent.evaluate("el => getComputedStyle(el).color") == light
    finally:
        page.context.close()


def test_a_clinic_tablet_does_not_point_to_the_hidden_menu(
    app_server: RunningApp, browser: Browser, content: Content
) -> None:
    page = open_in(browser, "dark", "tablet", touch=True)
    try:
        page.goto(f"{app_server.url}/overview?mode=clinic")
        wait_for_app_idle(page)
        assert marked_theme(page) == "dark"
        page.get_by_role("button", name=content.site.reading.button).tap()
        expect(page.get_by_role("radiogroup", name=content.site.reading.text_size)).to_be_visible()
        expect(page.get_by_text(content.site.reading.colours.split(":")[0])).to_have_count(0)
    finally:
        page.context.close()
