"""The gentle movements on Beyond massage in Chromium (issue 27): on a phone a movement opens by
touch and its picture moves; where the device asks for less motion it stands still (its still
frames, numbered as the steps) and says so; a keyboard opens a movement too."""

from __future__ import annotations

from playwright.sync_api import Browser, Locator, Page, expect

from guide_testing.browser import new_context, tab_to, wait_for_app_idle
from guide_testing.server import RunningApp
from sciatica_guide.content import Content
from sciatica_guide.content.movement_models import Movement


def _open_beyond(page: Page, app_server: RunningApp, content: Content) -> None:
    page.goto(f"{app_server.url}/{content.page('beyond').url_path}")
    wait_for_app_idle(page)
    expect(page.get_by_role("heading", name=content.movements.ui.heading)).to_be_visible()


def _summary(page: Page, movement: Movement) -> Locator:
    return page.locator("summary", has_text=movement.name).first


def _part(page: Page, movement: Movement) -> Locator:
    """The movement's own closed part (its <details>): movements share some words."""
    return page.locator("details").filter(has=_summary(page, movement))


def _picture(page: Page, content: Content, movement: Movement) -> Locator:
    name = content.movements.ui.picture_label.format(name=movement.name)
    return page.get_by_role("img", name=name)


def _frames_differ(picture: Locator, wait_ms: int = 1200) -> bool:
    first = picture.screenshot()
    picture.page.wait_for_timeout(wait_ms)
    return first != picture.screenshot()


def test_on_a_phone_a_movement_opens_by_touch_and_its_picture_moves(
    app_server: RunningApp, browser: Browser, content: Content
) -> None:
    movement = content.movements.movement("knee-hug")
    assert movement is not None
    context = new_context(browser, "phone", touch=True)
    try:
        page = context.new_page()
        _open_beyond(page, app_server, content)
        # When to stop is open above the movements: no tap needed.
        expect(page.get_by_text(content.movements.stop_signs[0])).to_be_visible()
        summary = _summary(page, movement)
        box = summary.bounding_box()
        assert box is not None and box["height"] >= 44
        summary.tap()
        picture = _picture(page, content, movement)
        expect(picture).to_be_visible()
        picture.scroll_into_view_if_needed()
        expect(_part(page, movement).get_by_text(movement.steps[0])).to_be_visible()
        # It moves, and the note about still pictures is not shown.
        assert _frames_differ(picture)
        expect(_part(page, movement).get_by_text(content.movements.ui.still_note)).to_be_hidden()
    finally:
        context.close()


def test_with_less_motion_asked_the_picture_stands_still_and_says_why(
    app_server: RunningApp, reduced_motion_browser: Browser, content: Content
) -> None:
    movement = content.movements.movement("bottom-to-heels")
    assert movement is not None
    context = new_context(reduced_motion_browser, "phone", touch=True)
    try:
        page = context.new_page()
        # The flag reaches the pictures; the page's own media follows the context's emulation
        # (Playwright's default is "no-preference"): both as on a device set to reduce motion.
        page.emulate_media(reduced_motion="reduce")
        _open_beyond(page, app_server, content)
        _summary(page, movement).tap()
        picture = _picture(page, content, movement)
        expect(picture).to_be_visible()
        picture.scroll_into_view_if_needed()
        expect(_part(page, movement).get_by_text(content.movements.ui.still_note)).to_be_visible()
        assert not _frames_differ(picture)
    finally:
        context.close()


def test_a_keyboard_opens_a_movement(
    app_server: RunningApp, browser: Browser, content: Content
) -> None:
    movement = content.movements.movements[0]
    context = new_context(browser, "tablet")
    try:
        page = context.new_page()
        _open_beyond(page, app_server, content)
        summary = _summary(page, movement)
        tab_to(page, summary)
        page.keyboard.press("Enter")
        expect(_picture(page, content, movement)).to_be_visible()
        expect(_part(page, movement).get_by_text(movement.dose)).to_be_visible()
    finally:
        context.close()
