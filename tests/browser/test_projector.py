"""Presenter mode on a projector (issue 26, point 1): a slide with the workshop strip along the
top, the controls always on screen, the sidebar closed, and the keys F, J, R and the arrows.

Measured in Chromium at 1280x720, 1366x768 and 1920x1080 (a desktop browser, mouse and keys).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from guide_testing.browser import new_context, no_dialogs, wait_for_app_idle
from guide_testing.server import RunningApp, free_port, run_streamlit
from sciatica_guide.content import Content

SLOW = 30_000
PROJECTORS = [(1280, 720), (1366, 768), (1920, 1080)]

#: Each selector's box, and whether it lies wholly inside the viewport without scrolling.
_BOXES_JS = """(selectors) => selectors.map((selector) => {
  const el = document.querySelector(selector);
  if (!el) return [selector, null];
  const r = el.getBoundingClientRect();
  return [selector, r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth];
})"""


@pytest.fixture(scope="module")
def projector_server() -> Iterator[RunningApp]:
    port = free_port()
    # A public address, so the strip shows its QR code as it would in a room.
    env = {"SCIATICA_GUIDE_PUBLIC_URL": f"http://guide.test:{port}"}
    with run_streamlit(port=port, env=env) as app:
        yield app


def start_room(page: Page, content: Content) -> None:
    page.get_by_role("button", name=content.modes.workshop.start).click()
    wait_for_app_idle(page, SLOW)
    expect(page.locator(".workshop-code-small")).to_be_visible()


def inside_viewport(page: Page, selectors: list[str]) -> dict[str, bool | None]:
    return dict(page.evaluate(_BOXES_JS, selectors))


@pytest.mark.parametrize(("width", "height"), PROJECTORS)
def test_the_slide_strip_and_controls_fit_the_projector_without_scrolling(
    projector_server: RunningApp, browser: Browser, content: Content, width: int, height: int
) -> None:
    context = new_context(browser, {"width": width, "height": height})
    try:
        page = context.new_page()
        dialogs = no_dialogs(page)
        page.goto(f"{projector_server.url}/present?mode=presenter")
        wait_for_app_idle(page, SLOW)
        start_room(page, content)
        fits = inside_viewport(
            page,
            [
                ".st-key-workshop-strip",
                ".st-key-workshop-strip img",
                ".workshop-code-small",
                '[class*="st-key-present-previous"] button',
                '[class*="st-key-present-next"] button',
                '[class*="st-key-workshop-end"] button',
                ".st-key-present-section h1, .st-key-present-section h2",
            ],
        )
        assert all(fits.values()), fits
        assert page.evaluate("scrollY") == 0
        # The section is the slide: its first lines are on screen. There is no sidebar: the
        # workshop's pages are in the top bar, on screen.
        section = page.locator(".st-key-present-section p").first.bounding_box()
        assert section and section["y"] + 80 <= height
        assert page.locator('[data-testid="stSidebar"]').count() == 0  # Streamlit's test id
        top_bar = page.get_by_role("banner")
        for page_id in ("present", "quiz", "body-map"):
            link = top_bar.get_by_role("link", name=content.page(page_id).title, exact=True)
            box = link.bounding_box()
            assert box and box["y"] + box["height"] <= height, page_id
        assert dialogs == []
    finally:
        context.close()


def test_the_projector_keys(
    projector_server: RunningApp, browser: Browser, content: Content
) -> None:
    """Arrows for sections, J for the join code large, F for full screen, R to reveal."""
    words, room = content.modes.presenter, content.modes.workshop
    total = len(content.article.all_sections())
    context = new_context(browser, {"width": 1280, "height": 720})
    try:
        page = context.new_page()
        dialogs = no_dialogs(page)
        page.goto(f"{projector_server.url}/present?mode=presenter")
        wait_for_app_idle(page, SLOW)
        start_room(page, content)

        page.keyboard.press("ArrowRight")
        wait_for_app_idle(page, SLOW)
        expect(page.get_by_text(words.step_label.format(number=2, total=total))).to_be_visible()

        panel = page.locator(".st-key-workshop-join-panel")
        page.keyboard.press("j")
        wait_for_app_idle(page, SLOW)
        expect(panel).to_be_visible()
        qr = panel.locator("img").bounding_box()
        assert qr and qr["y"] + qr["height"] <= 720  # the large QR code fits the projector too
        page.keyboard.press("j")
        wait_for_app_idle(page, SLOW)
        expect(panel).to_have_count(0)

        page.keyboard.press("f")
        page.wait_for_function("() => document.fullscreenElement !== null")
        expect(page.get_by_role("button", name=words.leave_full_screen)).to_be_visible()
        page.keyboard.press("f")
        page.wait_for_function("() => document.fullscreenElement === null")
        # The same by mouse.
        page.get_by_role("button", name=words.full_screen).click()
        page.wait_for_function("() => document.fullscreenElement !== null")
        page.get_by_role("button", name=words.leave_full_screen).click()
        page.wait_for_function("() => document.fullscreenElement === null")

        # R reveals the knowledge check's answer (and is not taken by Streamlit's "rerun").
        # The pages: in the top bar on a projector, on screen without the sidebar.
        quiz_link = page.get_by_role("banner").get_by_role("link", name=content.page("quiz").title)
        box = quiz_link.bounding_box()
        assert box and box["y"] + box["height"] <= 720
        quiz_link.click()
        wait_for_app_idle(page, SLOW)
        quiz = content.workshop.words
        page.get_by_role("button", name=quiz.open, exact=True).click()
        wait_for_app_idle(page, SLOW)
        expect(page.get_by_text(quiz.stage_open)).to_be_visible()
        page.keyboard.press("r")
        wait_for_app_idle(page, SLOW)
        expect(page.get_by_text(quiz.stage_revealed)).to_be_visible()
        assert page.evaluate("document.fullscreenElement") is None
        expect(page.locator(".workshop-code-small")).to_be_visible()  # the same room
        assert room.start
        assert dialogs == []
    finally:
        context.close()
