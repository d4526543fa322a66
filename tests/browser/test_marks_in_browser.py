"""Technique marks on the body map in Chromium (issue 17): by touch on a phone and a tablet and
by keyboard, each technique shown and hidden with its words, and answers that remove marks."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from test_body_map import assert_only_selected, point_inside, show_view

from guide_testing.browser import OpenPage, new_context, wait_for_app_idle
from guide_testing.server import RunningApp
from guide_testing.shipped import shipped_content
from sciatica_guide.body_map.marks import mark_words, region_marks, technique_notes
from sciatica_guide.local_help import resolve_help

CONTENT = shipped_content()
UI = CONTENT.technique_marks.ui
SLOW = 30_000


def open_region(page: Page, url: str, region_id: str) -> None:
    page.goto(f"{url}/body-map?region={region_id}")
    wait_for_app_idle(page)
    dialog = page.get_by_role("dialog")
    if dialog.count() and "not found" in dialog.inner_text().lower():
        # Seen on every page opened by its URL in a fresh session (see test_body_map.py).
        page.keyboard.press("Escape")
        expect(dialog).to_have_count(0)
    expect(page.locator(".bm-mk")).to_be_attached(timeout=SLOW)


def button(page: Page, technique_id: str) -> Locator:
    return page.locator(f'.bm-mk-button[data-technique="{technique_id}"]')


def drawn(page: Page, technique_id: str) -> Locator:
    return page.locator(f'.bm-marks[data-technique="{technique_id}"]')


def words(page: Page) -> Locator:
    return page.locator(".bm-mk-words li")


def assert_shown(page: Page, region_id: str, technique_id: str) -> None:
    region = CONTENT.region(region_id)
    marks = region_marks(CONTENT, region_id)
    assert region is not None and marks is not None
    shown = marks.technique(technique_id)
    assert shown is not None
    expect(button(page, technique_id)).to_have_attribute("aria-pressed", "true")
    expect(drawn(page, technique_id)).to_be_visible()
    expect(drawn(page, technique_id)).to_have_attribute("data-marks-region", region_id)
    # Only one technique at a time, and its words beside the picture, the same as in the panel.
    expect(page.locator(".bm-marks.is-shown")).to_have_count(1)
    expect(words(page)).to_have_text(mark_words(CONTENT, shown))
    for note in technique_notes(CONTENT, shown):
        expect(page.locator(".bm-mk-words").get_by_text(note, exact=True)).to_be_visible()
    # Named for screen readers, and each mark's words are in the panel too.
    label = drawn(page, technique_id).get_attribute("aria-label") or ""
    assert all(w in label for w in mark_words(CONTENT, shown))
    panel = page.locator(f'.st-key-bm-panel .bp-card[data-technique="{technique_id}"]')
    for mark in shown.marks:
        expect(panel).to_contain_text(mark.text)


def assert_hidden(page: Page, technique_id: str) -> None:
    expect(button(page, technique_id)).to_have_attribute("aria-pressed", "false")
    expect(drawn(page, technique_id)).to_be_hidden()
    expect(words(page)).to_have_count(0)


@pytest.mark.parametrize("viewport", ["phone", "tablet"])
def test_each_technique_shows_and_hides_by_touch(
    app_server: RunningApp, reused_page: OpenPage, viewport: str
) -> None:
    # Three regions of three areas and two views, chosen one after another on the figure, as a
    # person taps them (the first opened by its link).
    page = reused_page(viewport, touch=True)
    regions = ["buttock-left", "calf-right", "side-thigh-left"]
    open_region(page, app_server.url, regions[0])
    for region_id in regions:
        region = CONTENT.region(region_id)
        assert region is not None
        if region_id != regions[0]:
            show_view(page, region.view, touch=True)
            page.touchscreen.tap(*point_inside(page, region_id))
            assert_only_selected(page, region_id)
        techniques = [t.id for t in CONTENT.area(region.area).techniques]
        expect(page.locator(".bm-mk-button")).to_have_count(len(techniques))
        expect(page.locator(".bm-marks.is-shown")).to_have_count(0)
        for technique_id in techniques:
            target = button(page, technique_id)
            target.scroll_into_view_if_needed()
            box = target.bounding_box()
            assert box is not None and box["height"] >= 44, box
            target.tap()
            assert_shown(page, region_id, technique_id)
        # Tapping the shown one again hides it.
        button(page, techniques[-1]).tap()
        assert_hidden(page, techniques[-1])
        # Client-side: showing marks sent nothing to the server, so nothing ran.
        expect(page.locator('[data-testid="stApp"]')).to_have_attribute(
            "data-test-script-state", "notRunning"
        )


def test_marks_are_large_enough_to_see_on_a_phone(
    app_server: RunningApp, reused_page: OpenPage
) -> None:
    page = reused_page("phone", touch=True)
    open_region(page, app_server.url, "buttock-left")
    button(page, "trigger-point").tap()
    spots = page.locator(".bm-marks.is-shown .bm-mark-spot")
    expect(spots).to_have_count(3)
    for i in range(3):
        box = spots.nth(i).bounding_box()
        # The phone shows the whole figure in 80% of the screen's height (about 0.68 px a unit).
        assert box is not None and box["width"] >= 13 and box["height"] >= 13, box
    button(page, "deep-tissue").tap()
    heads = page.locator(".bm-marks.is-shown .bm-mark-head")
    for i in range(heads.count()):
        box = heads.nth(i).bounding_box()
        assert box is not None and max(box["width"], box["height"]) >= 11, box
    lines = page.locator(".bm-marks.is-shown .bm-mark-line")
    scale, stroke = lines.first.evaluate(
        """el => [el.getScreenCTM().a, parseFloat(getComputedStyle(el).strokeWidth)]"""
    )
    assert scale * stroke >= 4, "the arrows' lines would be thinner than 4 px on a phone"


def test_the_keyboard_shows_and_hides_marks(app_server: RunningApp, reused_page: OpenPage) -> None:
    page = reused_page("desktop")
    open_region(page, app_server.url, "back-thigh-left")
    target = button(page, "deep-tissue")
    target.focus()
    page.keyboard.press("Enter")
    assert_shown(page, "back-thigh-left", "deep-tissue")
    # The sitting-bone stroke near the nerve says so, and the nerve is drawn with it.
    expect(page.locator(".bm-mk-words")).to_contain_text(UI.near_nerve)
    expect(page.locator(".bm-marks.is-shown .bm-mark-nerve").first).to_be_visible()
    expect(page.locator(".bm-marks.is-shown .bm-mark-line.is-gentle")).to_have_count(1)
    page.keyboard.press("Tab")
    expect(button(page, "trigger-point")).to_be_focused()
    page.keyboard.press(" ")
    assert_shown(page, "back-thigh-left", "trigger-point")
    page.keyboard.press(" ")
    assert_hidden(page, "trigger-point")


def test_choosing_another_region_moves_the_marks_there(
    app_server: RunningApp, reused_page: OpenPage
) -> None:
    page = reused_page("tablet", touch=True)
    open_region(page, app_server.url, "calf-left")
    button(page, "myofascial-release").tap()
    assert_shown(page, "calf-left", "myofascial-release")
    page.get_by_role("combobox", name=CONTENT.body_map.ui.list_label).click()
    page.get_by_role("option", name="Sole and heel, your right").click()
    wait_for_app_idle(page)
    # The sole has myofascial release too: it stays shown, now on the right sole.
    expect(drawn(page, "myofascial-release")).to_have_attribute(
        "data-marks-region", "sole-right", timeout=SLOW
    )
    assert_shown(page, "sole-right", "myofascial-release")
    expect(page.locator('.bm-marks[data-marks-region="calf-left"]')).to_have_count(0)


def _tap(page: Page, locator: Locator) -> None:
    locator.scroll_into_view_if_needed()
    locator.tap()
    wait_for_app_idle(page)


def _to_body_map(page: Page) -> None:
    # Inside the app, so the session (and its answers) stays.
    _tap(page, page.get_by_role("link", name="Body map"))
    expect(page.locator(".bm-region").first).to_be_attached(timeout=SLOW)


def test_an_urgent_sign_removes_every_mark_and_says_why(
    app_server: RunningApp, reused_page: OpenPage
) -> None:
    page = reused_page("tablet", touch=True)
    page.goto(f"{app_server.url}/self-assessment")
    wait_for_app_idle(page)
    form = page.locator(".st-key-self-assessment")
    _tap(page, form.get_by_text("Numbness, tingling or pins and needles around your genitals"))
    _to_body_map(page)
    _tap(page, page.locator('.bm-region[data-region="lower-back-left"]'))
    expect(page.locator(".st-key-bm-panel h3")).to_have_text("Lower back, your left")
    expect(page.locator(".bm-mk-button")).to_have_count(0)
    expect(page.locator(".bm-marks")).to_have_count(0)
    action = CONTENT.red_flags.action("emergency", resolve_help(CONTENT, "sg").number)
    blocked = page.locator(".bm-mk-blocked")
    expect(blocked).to_have_text(UI.urgent.format(action=action))


def test_blood_thinners_remove_firm_techniques_from_the_calf(
    app_server: RunningApp, reused_page: OpenPage
) -> None:
    # pytest puts this folder on sys.path (rootdir "prepend" import mode).
    from test_self_assessment import fill_in_to_the_check_page

    page = reused_page("tablet", touch=True)
    page.goto(f"{app_server.url}/self-assessment")
    wait_for_app_idle(page)
    # No urgent signs, the left calf, blood thinners (the self-assessment tests' own route);
    # no numbness, which would ask the saddle question first (issue 22).
    fill_in_to_the_check_page(page, CONTENT, sbi=("5", "0", "2", "0"))
    _to_body_map(page)
    expect(page.locator(".st-key-bm-panel h3")).to_have_text("Calf, your left", timeout=SLOW)
    expect(page.locator(".bm-mk-button")).to_have_count(1)
    expect(button(page, "myofascial-release")).to_be_visible()
    expect(page.locator('.bm-marks[data-technique="deep-tissue"]')).to_have_count(0)
    expect(page.locator('.bm-marks[data-technique="trigger-point"]')).to_have_count(0)
    blocked = page.locator(".bm-mk-blocked")
    expect(blocked.first).to_contain_text("Deep tissue massage is not drawn here")
    expect(blocked.first).to_contain_text("You take blood thinners")
    expect(blocked.nth(1)).to_contain_text("Trigger point therapy is not drawn here")
    button(page, "myofascial-release").tap()
    assert_shown(page, "calf-left", "myofascial-release")


def test_the_presenters_map_shows_marks_where_tapped(
    app_server: RunningApp, browser: Browser
) -> None:
    """On a projector (both views side by side; a tap runs the page so the room follows) the
    marks follow the tapped region and say the same words as anywhere else."""
    context = new_context(browser, {"width": 1920, "height": 1080})
    page = context.new_page()
    page.goto(f"{app_server.url}/body-map?mode=presenter")
    wait_for_app_idle(page)
    page.locator('[data-region="calf-right"]').click()
    wait_for_app_idle(page, timeout=SLOW)
    expect(page.locator(".st-key-bm-panel h3")).to_have_text("Calf, your right", timeout=SLOW)
    button(page, "deep-tissue").click()
    assert_shown(page, "calf-right", "deep-tissue")
    # Another region, in the other view on the same screen: the marks move there.
    page.locator('[data-region="shin-left"]').click()
    wait_for_app_idle(page, timeout=SLOW)
    expect(page.locator(".st-key-bm-panel h3")).to_have_text("Shin, your left", timeout=SLOW)
    shin = CONTENT.area("shin").techniques[0].id
    button(page, shin).click()
    assert_shown(page, "shin-left", shin)
    context.close()
