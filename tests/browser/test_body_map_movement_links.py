"""The body map panel's movements (issue 27): each name opens Beyond massage in the same session
at that movement's card, open, in view and focused, by touch on a phone and by mouse and
keyboard on a tablet."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from test_body_map import SLOW, open_map

from guide_testing.browser import OpenPage
from guide_testing.server import RunningApp
from guide_testing.shipped import shipped_content

CONTENT = shipped_content()


@pytest.mark.parametrize(
    ("viewport", "how"),
    [("phone", "touch"), ("tablet", "touch"), ("tablet", "mouse"), ("tablet", "keyboard")],
)
def test_a_movement_in_the_panel_opens_its_card_on_beyond_massage(
    app_server: RunningApp, reused_page: OpenPage, viewport: str, how: str
) -> None:
    page = reused_page(viewport, touch=how == "touch")
    open_map(page, f"{app_server.url}/body-map?region=buttock-left")
    # A mark in the page itself: a new page load (a new session) would lose it.
    page.evaluate("() => { window.sameSession = true; }")
    panel = page.locator(".st-key-bm-panel")
    expect(panel.get_by_role("heading", name=CONTENT.movements.ui.panel_heading)).to_be_attached()
    movement = next(m for m in CONTENT.movements.movements if m.id == "knee-hug")
    link = panel.get_by_role("link", name=movement.name, exact=True)
    if how == "touch":
        link.scroll_into_view_if_needed()
        box = link.bounding_box()
        assert box is not None and box["height"] >= 44, box
        link.tap()
    elif how == "mouse":
        link.click()
    else:
        link.focus()
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        CONTENT.page("beyond").title, timeout=SLOW
    )
    assert page.evaluate("() => window.sameSession === true")
    card = page.locator(f".st-key-movement-{movement.id} details")
    expect(card).to_have_attribute("open", "", timeout=SLOW)
    summary = card.locator("summary")
    expect(summary).to_be_in_viewport(timeout=SLOW)
    expect(summary).to_be_focused()
    # Below the app's fixed header bar, not under it.
    page.wait_for_function(
        "(el) => el.getBoundingClientRect().top >= document.querySelector('header')"
        ".getBoundingClientRect().bottom - 1",
        arg=summary.element_handle(),
        timeout=SLOW,
    )
    expect(card.locator("img.mv-figure")).to_be_visible()
    # The others stay closed.
    expect(page.locator(".st-key-movement-walking details")).not_to_have_attribute("open", "")
