"""The text size in Chromium: chosen by touch on a 320 px phone and by keyboard on a desktop,
kept while the person moves between pages; at the largest size nothing is cut off sideways and
Streamlit's own menu button stays on screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from guide_testing.browser import new_context, open_page_from_menu, tab_to, wait_for_app_idle
from guide_testing.server import RunningApp, run_streamlit
from sciatica_guide.content import Content

NARROW = {"width": 320, "height": 700}


@pytest.fixture(scope="module")
def reading_server() -> Iterator[RunningApp]:
    with run_streamlit() as app:
        yield app


def root_font_px(page: Page) -> float:
    return float(page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)"))


def nothing_cut_sideways(page: Page) -> None:
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for test_id in ("stMainMenuButton", "stExpandSidebarButton"):
        box = page.locator(f'[data-testid="{test_id}"]').bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, test_id
    summary = page.locator(".st-key-urgent-help summary").bounding_box()
    assert summary is not None and summary["x"] + summary["width"] <= width


def test_the_largest_text_by_touch_on_a_320px_phone(
    reading_server: RunningApp, browser: Browser, content: Content
) -> None:
    words = content.site.reading
    context = new_context(browser, NARROW, touch=True)
    try:
        page = context.new_page()
        page.goto(f"{reading_server.url}/body-map")
        wait_for_app_idle(page)
        assert root_font_px(page) == 16
        page.get_by_role("button", name=words.button).tap()
        page.get_by_role("radio", name=words.largest, exact=True).tap()
        wait_for_app_idle(page)
        expect(page.locator("html")).to_have_css("font-size", "22px")
        page.keyboard.press("Escape")
        nothing_cut_sideways(page)
        # Kept on the next page of the same visit.
        open_page_from_menu(page, content.page("techniques").title, touch=True)
        wait_for_app_idle(page)
        expect(page.get_by_role("heading", name=content.page("techniques").title)).to_be_visible()
        assert root_font_px(page) == 22
        nothing_cut_sideways(page)
    finally:
        context.close()


def test_a_larger_text_by_keyboard(
    reading_server: RunningApp, browser: Browser, content: Content
) -> None:
    words = content.site.reading
    context = new_context(browser, "desktop")
    try:
        page = context.new_page()
        page.goto(reading_server.url)
        wait_for_app_idle(page)
        tab_to(page, page.get_by_role("button", name=words.button))
        page.keyboard.press("Enter")
        # One Tab stop for the group (the chosen size), then the arrow keys, as in any radio group.
        tab_to(page, page.get_by_role("radio", name=words.normal, exact=True))
        page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        wait_for_app_idle(page)
        expect(page.locator("html")).to_have_css("font-size", "19px")
    finally:
        context.close()
