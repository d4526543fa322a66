"""The instant body map in Chromium (issue 14): a tap draws its panel before the server answers,
quick taps end on the last one, the server still learns every choice, the phone's bar keeps the
answer in sight, and the panel's links open the techniques page in the same session."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from test_body_map import SLOW, open_map, point_inside, show_view

from guide_testing.browser import DEEP_FIND_JS, OpenPage, wait_for_address, wait_for_app_idle
from guide_testing.server import RunningApp
from guide_testing.shipped import shipped_content
from sciatica_guide.body_map.panel import region_panel
from sciatica_guide.body_map.panel_html import first_line
from sciatica_guide.local_help import resolve_help

CONTENT = shipped_content()

#: Clicks a region and reads the panel's heading in the same task: before any message from the
#: server can have arrived (the browser handles none until this script returns).
_TAP_AND_READ_JS = (
    """(regionId) => {
"""
    + DEEP_FIND_JS
    + """  const region = deep(document, `[data-region="${regionId}"]`);
  region.dispatchEvent(new MouseEvent("click", { bubbles: true }));
  const heading = deep(document.querySelector(".st-key-bm-panel"), "h3");
  return [heading ? heading.textContent : null, location.search];
}"""
)


#: Whether `el` is below the app's header bar, which is fixed over the page's top edge.
_ON_TOP_JS = """(el) => {
  const header = document.querySelector("header");
  const top = header ? header.getBoundingClientRect().bottom : 0;
  return el.getBoundingClientRect().top >= top - 1;
}"""


def location(page: Page) -> str:
    # Playwright's page.url can lag behind history.pushState; the page's own address cannot.
    return page.evaluate("() => location.href")


def wait_for_region(page: Page, region_id: str) -> None:
    wait_for_address(page, f"?region={region_id}", timeout=SLOW)


def test_a_tap_draws_the_panel_before_the_server_answers(
    app_server: RunningApp, reused_page: OpenPage
) -> None:
    page = reused_page("tablet", touch=True)
    open_map(page, f"{app_server.url}/body-map")
    ui = CONTENT.body_map.ui
    list_box = page.get_by_role("combobox", name=ui.list_label)
    # Three regions of the back view, one tap after another.
    for region_id in ["calf-left", "buttock-right", "lower-back-left"]:
        region = CONTENT.region(region_id)
        assert region is not None
        heading, search = page.evaluate(_TAP_AND_READ_JS, region_id)
        assert heading == region.name
        # The server had not answered yet: the address does not name this region.
        assert f"region={region_id}" not in search
        # Then it does: the address, the list and the map agree.
        wait_for_region(page, region_id)
        wait_for_app_idle(page)
        pressed = page.locator(f'[data-region="{region_id}"]')
        expect(pressed).to_have_attribute("aria-pressed", "true")
        # The list beside the map shows the same region.
        suffix = ui.list_view_suffix.format(view=ui.views[region.view].lower())
        expect(list_box).to_have_value(f"{region.name} {suffix}")


def test_quick_taps_end_on_the_last_one(app_server: RunningApp, reused_page: OpenPage) -> None:
    page = reused_page("tablet", touch=True)
    open_map(page, f"{app_server.url}/body-map")
    order = ["calf-left", "buttock-right", "back-thigh-left", "calf-right", "lower-back-right"]
    points = [point_inside(page, region_id) for region_id in order]
    for x, y in points:
        page.touchscreen.tap(x, y)
    last = CONTENT.region(order[-1])
    assert last is not None
    wait_for_region(page, last.id)
    wait_for_app_idle(page)
    expect(page.locator(".st-key-bm-panel h3")).to_have_text(last.name)
    pressed = page.locator('.bm-region[aria-pressed="true"]')
    expect(pressed).to_have_count(1)
    expect(pressed).to_have_attribute("data-region", last.id)
    assert location(page).endswith(f"?region={last.id}")


def test_on_a_phone_the_bar_keeps_the_name_and_first_line_on_screen(
    app_server: RunningApp, reused_page: OpenPage
) -> None:
    page = reused_page("phone", touch=True)
    open_map(page, f"{app_server.url}/body-map")
    # Regions of the back and front views and the sole, one tap after another.
    for region_id in ["calf-left", "lower-back-right", "shin-left", "sole-right"]:
        _check_phone_bar(page, region_id)


def _check_phone_bar(page: Page, region_id: str) -> None:
    region = CONTENT.region(region_id)
    assert region is not None
    show_view(page, region.view, touch=True)
    bar = page.locator(".bm-now")
    expect(bar).to_be_visible()
    x, y = point_inside(page, region_id)
    page.touchscreen.tap(x, y)
    # The server runs without settings: Singapore's pack.
    help = resolve_help(CONTENT, "sg")
    panel = region_panel(CONTENT, region_id, help.number)
    assert panel is not None
    expect(bar.locator(".bm-now-name")).to_have_text(region.name)
    line = str(first_line(CONTENT, panel)["line"])
    expect(bar.locator(".bm-now-line")).to_have_text(line)
    # On screen without scrolling: the bar and its first line are inside the viewport, and
    # nothing (the app's header bar) covers them.
    box = bar.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 844
    for part in (".bm-now-name", ".bm-now-line"):
        assert bar.locator(part).evaluate(_ON_TOP_JS), f"{part} is covered"
    brief = first_line(CONTENT, panel, help)
    # A warning's bar has one tap to call (issue 23) beside its words.
    assert ("call" in brief) == brief["check"]
    expect(bar).to_have_class("bm-now is-check has-call" if brief["check"] else "bm-now")
    # Never cut (issue 22): the whole line shows, with no ellipsis and nothing hidden.
    cut = bar.locator(".bm-now-line").evaluate(
        "el => el.scrollHeight > el.clientHeight + 1 || getComputedStyle(el).webkitLineClamp"
        " !== 'none' && getComputedStyle(el).webkitLineClamp !== ''"
    )
    assert not cut
    line_box = bar.locator(".bm-now-line").bounding_box()
    assert line_box is not None and line_box["y"] + line_box["height"] <= box["y"] + box["height"]
    wait_for_region(page, region_id)
    wait_for_app_idle(page)


def test_on_a_wide_screen_the_panel_is_beside_the_map_and_there_is_no_bar(
    app_server: RunningApp, open_page: OpenPage
) -> None:
    page = open_page({"width": 1280, "height": 900})
    open_map(page, f"{app_server.url}/body-map")
    page.locator('[data-region="calf-left"]').click()
    expect(page.locator(".st-key-bm-panel h3")).to_have_text("Calf, your left")
    expect(page.locator(".bm-now")).to_be_hidden()


@pytest.mark.parametrize("how", ["mouse", "keyboard"])
def test_read_about_opens_the_techniques_page_in_the_same_session(
    app_server: RunningApp, reused_page: OpenPage, how: str
) -> None:
    page = reused_page("tablet", touch=how == "mouse")
    open_map(page, f"{app_server.url}/body-map?region=calf-left")
    # A mark in the page itself: a new page load (a new session) would lose it.
    page.evaluate("() => { window.sameSession = true; }")
    technique = CONTENT.technique("deep-tissue")
    link = page.get_by_role(
        "link", name=CONTENT.body_map.ui.read_more.format(technique=technique.name)
    )
    if how == "mouse":
        link.click()
    else:
        link.focus()
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        CONTENT.page("techniques").title, timeout=SLOW
    )
    page.wait_for_function(
        "(path) => location.pathname.endsWith(path)",
        arg=CONTENT.page("techniques").url_path,
        timeout=SLOW,
    )
    assert page.evaluate("() => window.sameSession === true")
    # At the technique itself, with keyboard focus there (a link cannot carry #anchor here).
    heading = page.get_by_role("heading", name=technique.article_section, exact=True)
    expect(heading).to_be_in_viewport(timeout=SLOW)
    expect(heading).to_be_focused()


def test_the_list_selects_and_the_map_and_panel_follow(
    app_server: RunningApp, reused_page: OpenPage
) -> None:
    page = reused_page("tablet", touch=True)
    open_map(page, f"{app_server.url}/body-map")
    list_box = page.get_by_role("combobox", name=CONTENT.body_map.ui.list_label)
    for region_id in ("buttock-left", "shin-right"):
        region = CONTENT.region(region_id)
        assert region is not None
        list_box.scroll_into_view_if_needed()
        box = list_box.bounding_box()
        assert box is not None
        page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.get_by_role("option", name=region.name).tap()
        expect(page.locator(".st-key-bm-panel h3")).to_have_text(region.name, timeout=SLOW)
        wait_for_region(page, region_id)
        # The other view's region turns the map (shin: seen from the front).
        expect(page.locator("svg.bm-svg")).to_have_attribute("data-view", region.view)
        expect(page.locator(f'[data-region="{region_id}"]')).to_have_attribute(
            "aria-pressed", "true", timeout=SLOW
        )


def test_on_a_phone_a_places_warnings_are_check_first_notes_and_massage_says_only_if(
    app_server: RunningApp, reused_page: OpenPage
) -> None:
    """Issue 22, point 10: conditions before alarms. The calf's warnings start with when they
    apply, look different from an urgent order (dashed border, "?", the words "Check first"),
    and each massage shown for the calf says it is only for when none of them is true."""
    page = reused_page("phone", touch=True)
    open_map(page, f"{app_server.url}/body-map")
    show_view(page, "back", touch=True)
    x, y = point_inside(page, "calf-left")
    page.touchscreen.tap(x, y)
    panel = page.locator(".st-key-bm-panel")
    expect(panel.locator("h3")).to_have_text("Calf, your left")
    ui = CONTENT.body_map.ui
    notes = panel.locator(".bp-check")
    expect(notes).to_have_count(2)
    expect(notes.first).to_contain_text(f"{ui.check_first}: If your calf is swollen")
    expect(notes.nth(1)).to_contain_text(f"{ui.check_first}: If you have this: New weakness")
    assert notes.first.evaluate("el => getComputedStyle(el).borderTopStyle") == "dashed"
    assert notes.first.locator(".bp-icon").inner_text() == "?"
    expect(panel.locator(".bp-urgent")).to_have_count(0)
    cards = panel.locator(".bp-card")
    assert cards.count() == len(CONTENT.area("calf").techniques)
    for index in range(cards.count()):
        expect(cards.nth(index)).to_contain_text(ui.only_if_none)
    # The bar's line is the whole warning, condition first.
    line = page.locator(".bm-now .bm-now-line")
    expect(line).to_have_text(
        f"{ui.check_first}: {CONTENT.precaution('calf-clot').bar}".replace("\n", " ").strip()
    )
    wait_for_region(page, "calf-left")
