"""The body map in the first screen (issue 25, point 4), measured in Chromium.

On a clinic tablet (820x1180 portrait, 1180x820 landscape; normal and clinic mode) the lower
back, buttocks and backs of the thighs, both sides, are tappable without scrolling: a tap at a
point of each region that is on screen opens that region's panel, and the page has not moved.
The pages sit in the top bar, so no sidebar takes the tablet's width. On a phone the whole
figure, with the line above it, fits one screen.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from guide_testing.browser import VIEWPORTS, new_context, wait_for_app_idle
from guide_testing.server import RunningApp, run_streamlit
from sciatica_guide.content import Content

FIRST_SCREEN = (
    "lower-back-left",
    "lower-back-right",
    "buttock-left",
    "buttock-right",
    "back-thigh-left",
    "back-thigh-right",
)

#: The part of a region on screen, and a point in it that hits the region itself (not what is
#: drawn over it): None where no such point is on screen.
VISIBLE_POINT_JS = """([id, height]) => {
  const host = [...document.querySelectorAll('*')].find((el) => el.shadowRoot
    && el.shadowRoot.querySelector(`.bm-region[data-region="${id}"]`));
  const root = host.shadowRoot;
  const region = root.querySelector(`.bm-region[data-region="${id}"]`);
  const box = region.getBoundingClientRect();
  const top = Math.max(box.top, 0);
  const bottom = Math.min(box.bottom, height);
  if (bottom - top < 1) return null;
  for (let y = bottom - 2; y > top; y -= 4) {
    for (let x = box.left + 2; x < box.right; x += 4) {
      if (root.elementFromPoint(x, y) === region) {
        return {x, y, shown: bottom - top, height: box.height};
      }
    }
  }
  return null;
}"""


@pytest.fixture(scope="module")
def map_server() -> Iterator[RunningApp]:
    with run_streamlit() as app:
        yield app


def open_map(page: Page, url: str, mode: str) -> None:
    page.goto(f"{url}/body-map?mode={mode}")
    wait_for_app_idle(page)
    page.locator(".bm-region").first.wait_for(state="attached")
    # The map draws in the component's first frame after the page has settled.
    page.wait_for_timeout(300)


@pytest.mark.parametrize("mode", ["standard", "clinic"])
@pytest.mark.parametrize("viewport", ["tablet", "tablet-landscape"])
def test_a_tablet_has_the_lower_back_buttocks_and_thighs_in_its_first_screen(
    map_server: RunningApp, browser: Browser, content: Content, viewport: str, mode: str
) -> None:
    size = VIEWPORTS[viewport]
    context = new_context(browser, viewport, touch=True)
    try:
        page = context.new_page()
        open_map(page, map_server.url, mode)
        # No sidebar takes the width: the pages are in the top bar.
        expect(page.locator('[data-testid="stTopNav"]')).to_be_visible()
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        # One line of instruction at most above the figure.
        for region_id in FIRST_SCREEN:
            point = page.evaluate(VISIBLE_POINT_JS, [region_id, size["height"]])
            assert point is not None, f"{region_id} is not on the first screen at {viewport}"
            # Enough of it on screen to take a finger (44 px), or all of it if it is smaller.
            assert point["shown"] >= min(44, point["height"] - 1), (region_id, point)
            page.touchscreen.tap(point["x"], point["y"])
            region = content.region(region_id)
            assert region is not None
            panel = page.locator(".st-key-bm-panel")
            expect(panel.get_by_role("heading", name=region.name)).to_be_visible()
            assert page.evaluate("window.scrollY") == 0, f"the page moved after {region_id}"
            # The server takes the tap (a person's next tap comes after a moment too).
            wait_for_app_idle(page)
    finally:
        context.close()


def test_a_phone_has_the_whole_figure_on_one_screen(
    map_server: RunningApp, browser: Browser
) -> None:
    size = VIEWPORTS["phone"]
    context = new_context(browser, "phone", touch=True)
    try:
        page = context.new_page()
        open_map(page, map_server.url, "standard")
        wrap = page.locator(".bm-wrap")
        box = wrap.bounding_box()
        header = page.locator("header").first.bounding_box()
        assert box is not None and header is not None
        # The line above the figure and the figure, under the app's header bar.
        assert box["height"] <= size["height"] - header["height"], box
        # Every region of the view is drawn inside that box (the crop cuts none).
        tops = page.locator(".bm-svg").evaluate(
            """(svg) => [...svg.querySelectorAll('.bm-view[data-view="back"] .bm-region')]
                .map((r) => { const b = r.getBoundingClientRect(); return [b.top, b.bottom]; })"""
        )
        assert all(box["y"] <= top and bottom <= box["y"] + box["height"] for top, bottom in tops)
    finally:
        context.close()
