"""The Overview's next steps in Chromium (issue 25): at its end, two large links; a tap on a
phone opens the body map, Enter on the keyboard opens the self-assessment."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from guide_testing.browser import new_context, tab_to, wait_for_address, wait_for_app_idle
from guide_testing.server import RunningApp
from sciatica_guide.content import Content


def test_the_next_steps_open_by_touch_and_by_keyboard(
    app_server: RunningApp, browser: Browser, content: Content
) -> None:
    labels = content.site.labels
    phone = new_context(browser, "phone", touch=True)
    desktop = new_context(browser, "desktop")
    try:
        page = phone.new_page()
        page.goto(app_server.url)
        wait_for_app_idle(page)
        link = page.get_by_role("link", name=labels.next_step_map)
        # Measured once the guide's stylesheet (drawn in the same run) has been applied.
        expect(link).to_have_css("min-height", "48px")
        box = link.bounding_box()
        assert box is not None and box["height"] >= 44
        link.tap()
        wait_for_address(page, content.page("body-map").url_path)
        expect(page.get_by_role("heading", name=content.page("body-map").title)).to_be_visible()

        page = desktop.new_page()
        page.goto(app_server.url)
        wait_for_app_idle(page)
        check = page.get_by_role("link", name=labels.next_step_check)
        tab_to(page, check)
        page.keyboard.press("Enter")
        wait_for_address(page, content.page("self-assessment").url_path)
        title = content.page("self-assessment").title
        expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    finally:
        phone.close()
        desktop.close()
