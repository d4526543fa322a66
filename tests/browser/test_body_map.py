"""The body map in Chromium: every region by mouse, touch and keyboard, links, sizes, overlays."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from guide_testing.browser import OpenPage, wait_for_address, wait_for_app_idle
from guide_testing.server import RunningApp
from guide_testing.shipped import shipped_content

CONTENT = shipped_content()
#: Three regions cover the selection paths: the first view's lower back, a buttock on the same
#: view, and a front-view region that needs the view turned first. Every region's hit point is
#: still checked, by mouse and touch, in test_every_region_is_hit_at_its_label_point.
PATH_REGION_IDS = ["lower-back-left", "buttock-right", "shin-left"]
#: Reruns on a busy 2-core machine can take a while; assertions wait, never time.
SLOW = 30_000


def open_map(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app_idle(page)
    # No dialog at all: "Page not found" over a deep link came from the pages/ folder Streamlit
    # 1.67 runs as a legacy multipage app on a fresh server's first run (hence app_pages/).
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.locator(".bm-region").first).to_be_attached(timeout=SLOW)


def show_view(page: Page, view: str, *, touch: bool = False) -> None:
    svg = page.locator("svg.bm-svg")
    if svg.get_attribute("data-view") == view:
        return
    button = page.get_by_role("radio", name=CONTENT.body_map.ui.views[view])
    button.tap() if touch else button.click()
    expect(svg).to_have_attribute("data-view", view, timeout=SLOW)
    wait_for_app_idle(page)


def point_inside(page: Page, region_id: str) -> tuple[float, float]:
    """Viewport coordinates of a point inside the region (its label point, checked in unit tests),
    after checking that this point really hits the region."""
    outline = CONTENT.body_map.outline(region_id)
    assert outline is not None
    region = page.locator(f'[data-region="{region_id}"]')
    region.scroll_into_view_if_needed()
    x, y, hit = region.evaluate(
        """(el, p) => {
            const m = el.getScreenCTM();
            const x = m.a * p[0] + m.c * p[1] + m.e;
            const y = m.b * p[0] + m.d * p[1] + m.f;
            return [x, y, el.getRootNode().elementFromPoint(x, y) === el];
        }""",
        list(outline.label_at),
    )
    assert hit, f"{region_id}: something covers the region at its label point"
    return x, y


def assert_only_selected(page: Page, region_id: str) -> None:
    region = CONTENT.region(region_id)
    assert region is not None
    panel_heading = page.locator(".st-key-bm-panel h3")
    expect(panel_heading).to_have_text(region.name, timeout=SLOW)
    wait_for_app_idle(page)
    expect(panel_heading).to_have_text(region.name)
    pressed = page.locator('.bm-region[aria-pressed="true"]')
    expect(pressed).to_have_count(1)
    expect(pressed).to_have_attribute("data-region", region_id)
    # Not colour alone: the selected region has a hatch pattern, a thick outline and its name.
    fills = page.locator(".bm-region").evaluate_all(
        "els => els.map(e => [e.dataset.region, getComputedStyle(e).fill,"
        " parseFloat(getComputedStyle(e).strokeWidth)])"
    )
    for other, fill, stroke in fills:
        assert ("url(" in fill) == (other == region_id), other
        assert (stroke >= 4) == (other == region_id), other
    expect(page.locator(".bm-label.is-shown")).to_have_attribute("data-label-for", region_id)
    wait_for_address(page, f"?region={region_id}")


def assert_not_yet_selected(page: Page, region_id: str) -> None:
    expect(page.locator(f'[data-region="{region_id}"]')).to_have_attribute("aria-pressed", "false")


@pytest.fixture(scope="module")
def desktop(app_server: RunningApp, module_open_page: OpenPage) -> Page:
    """One desktop page (mouse and keyboard) for the module: each test selects a new region."""
    page = module_open_page("desktop")
    open_map(page, f"{app_server.url}/body-map")
    return page


@pytest.fixture(scope="module")
def tablet(app_server: RunningApp, module_open_page: OpenPage) -> Page:
    """One touch-enabled 820x1180 tablet page for the module."""
    page = module_open_page("tablet", touch=True)
    open_map(page, f"{app_server.url}/body-map")
    return page


@pytest.mark.parametrize("region_id", PATH_REGION_IDS)
def test_a_mouse_click_selects_the_region_first_time(desktop: Page, region_id: str) -> None:
    region = CONTENT.region(region_id)
    assert region is not None
    show_view(desktop, region.view)
    assert_not_yet_selected(desktop, region_id)
    x, y = point_inside(desktop, region_id)
    desktop.mouse.click(x, y)
    assert_only_selected(desktop, region_id)


@pytest.mark.parametrize("region_id", PATH_REGION_IDS)
def test_a_touch_tap_selects_the_region_first_time(tablet: Page, region_id: str) -> None:
    region = CONTENT.region(region_id)
    assert region is not None
    show_view(tablet, region.view, touch=True)
    assert_not_yet_selected(tablet, region_id)
    x, y = point_inside(tablet, region_id)
    tablet.touchscreen.tap(x, y)
    assert_only_selected(tablet, region_id)


@pytest.mark.parametrize(
    ("region_id", "key"),
    [(region_id, "Enter") for region_id in PATH_REGION_IDS]
    + [("calf-right", " "), ("foot-top-left", " "), ("lower-back-left", " ")],
)
def test_the_keyboard_selects_the_region_first_time(
    desktop: Page, region_id: str, key: str
) -> None:
    region = CONTENT.region(region_id)
    assert region is not None
    show_view(desktop, region.view)
    if desktop.locator(f'[data-region="{region_id}"]').get_attribute("aria-pressed") == "true":
        # Space runs after Enter on the same region: move away first, so it must do the work.
        other = next(r.id for r in CONTENT.regions() if r.view == region.view and r.id != region_id)
        desktop.locator(f'[data-region="{other}"]').focus()
        desktop.keyboard.press("Enter")
        assert_only_selected(desktop, other)
    target = desktop.locator(f'[data-region="{region_id}"]')
    target.focus()
    desktop.keyboard.press(key)
    assert_only_selected(desktop, region_id)
    # Focus stays on the region after the page updates, so keyboard users keep their place.
    expect(target).to_be_focused()


def test_tab_moves_through_the_regions_in_the_order_of_the_picture(desktop: Page) -> None:
    show_view(desktop, "front")
    desktop.locator('[data-region="side-thigh-right"]').focus()
    desktop.keyboard.press("Tab")
    # Seen from the front your left is on the viewer's right, so it comes second.
    expect(desktop.locator('[data-region="side-thigh-left"]')).to_be_focused()
    desktop.keyboard.press("Tab")
    expect(desktop.locator('[data-region="front-thigh-right"]')).to_be_focused()


def test_every_region_is_hit_at_its_label_point(desktop: Page, tablet: Page) -> None:
    # Nothing (a label, an overlay, a mark, another region) covers any region where a click or a
    # tap lands, in either view, at desktop and tablet size.
    for page, touch in ((desktop, False), (tablet, True)):
        for view in ("back", "front"):
            show_view(page, view, touch=touch)
            for region in (r for r in CONTENT.regions() if r.view == view):
                point_inside(page, region.id)


@pytest.mark.parametrize("region_id", PATH_REGION_IDS)
def test_a_region_link_opens_with_that_region_selected(desktop: Page, region_id: str) -> None:
    region = CONTENT.region(region_id)
    assert region is not None
    base = desktop.url.split("?")[0]
    open_map(desktop, f"{base}?region={region_id}")
    assert_only_selected(desktop, region_id)
    expect(desktop.locator("svg.bm-svg")).to_have_attribute("data-view", region.view)
    expect(desktop.locator(f'[data-region="{region_id}"]')).to_be_visible()


def test_an_unknown_region_link_shows_a_notice_and_no_error(desktop: Page) -> None:
    base = desktop.url.split("?")[0]
    open_map(desktop, f"{base}?region=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    notice = CONTENT.body_map.ui.unknown_region
    expect(desktop.get_by_text(notice[:40])).to_be_visible()
    expect(desktop.locator('[data-testid="stException"]')).to_have_count(0)
    expect(desktop.locator('.bm-region[aria-pressed="true"]')).to_have_count(0)


def test_choosing_from_the_list_turns_the_map_to_that_view(desktop: Page) -> None:
    base = desktop.url.split("?")[0]
    open_map(desktop, f"{base}?region=calf-left")
    expect(desktop.locator("svg.bm-svg")).to_have_attribute("data-view", "back")
    desktop.get_by_role("combobox", name=CONTENT.body_map.ui.list_label).click()
    desktop.get_by_role("option", name="Shin, your left").click()
    assert_only_selected(desktop, "shin-left")
    expect(desktop.locator("svg.bm-svg")).to_have_attribute("data-view", "front")


def test_the_overlays_switch_on_with_labels_not_just_colour(desktop: Page) -> None:
    ui = CONTENT.body_map.ui
    svg = desktop.locator("svg.bm-svg")
    view = svg.get_attribute("data-view")
    roots = desktop.locator(f'.bm-view[data-view="{view}"] .bm-root-label')
    nerve = desktop.locator(f'.bm-view[data-view="{view}"] .bm-overlay-nerve .bm-nerve').first
    expect(nerve).to_be_hidden()
    expect(roots.first).to_be_hidden()
    # For teaching: closed on a patient's map until opened.
    expect(desktop.get_by_text(ui.overlay_nerve)).to_be_hidden()
    desktop.locator("summary", has_text=ui.overlays_heading).click()
    desktop.get_by_text(ui.overlay_nerve).click()
    expect(nerve).to_be_visible(timeout=SLOW)
    desktop.get_by_text(ui.overlay_roots).click()
    expect(roots.first).to_be_visible(timeout=SLOW)
    assert sorted(set(roots.all_text_contents())) == ["L4", "L5", "S1"]
    expect(desktop.get_by_text(ui.not_diagnosis).first).to_be_visible()
    # Overlays never block a click on the region under them.
    wait_for_app_idle(desktop)
    region_id = "calf-right" if view == "back" else "shin-right"
    x, y = point_inside(desktop, region_id)
    desktop.mouse.click(x, y)
    assert_only_selected(desktop, region_id)


def assert_every_region_at_least(page: Page, pixels: int) -> None:
    """Every region of both views is at least pixels x pixels on screen."""
    for view in ("back", "front"):
        show_view(page, view, touch=True)
        for region in (r for r in CONTENT.regions() if r.view == view):
            box = page.locator(f'[data-region="{region.id}"]').bounding_box()
            assert box is not None, region.id
            assert box["width"] >= pixels and box["height"] >= pixels, (region.id, box)


@pytest.mark.parametrize(
    ("width", "height"), [(768, 1024), (820, 1180), (1180, 820)], ids=["768", "820", "1180"]
)
def test_every_region_is_a_44px_target_at_tablet_widths(
    app_server: RunningApp, open_page: OpenPage, width: int, height: int
) -> None:
    page = open_page({"width": width, "height": height}, touch=True)
    open_map(page, f"{app_server.url}/body-map")
    assert_every_region_at_least(page, 44)


def test_on_a_phone_the_map_fits_and_no_region_is_under_24px(
    app_server: RunningApp, open_page: OpenPage
) -> None:
    page = open_page("phone", touch=True)
    open_map(page, f"{app_server.url}/body-map")
    assert_every_region_at_least(page, 24)
    svg_box = page.locator("svg.bm-svg").bounding_box()
    assert svg_box is not None and svg_box["x"] >= 0 and svg_box["x"] + svg_box["width"] <= 390
    overflow = page.evaluate(
        """() => [document.documentElement, document.querySelector('[data-testid="stMain"]')]
            .filter(Boolean).some(el => el.scrollWidth > el.clientWidth + 1)"""
    )
    assert not overflow, "the page scrolls sideways at 390 px"
    # The list is the equivalent of the map at this size: it is there and names every region.
    expect(page.get_by_text(CONTENT.body_map.ui.list_label)).to_be_visible()
