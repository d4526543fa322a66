""" "Where does it hurt?" on the guide's own body map (issue 25, point 2): several places, by
touch on a phone, by mouse on a tablet and by keyboard, the list beside it following; and the
0 to 10 pain scale in one row on a 360 px phone."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from guide_testing.assessment_flow import tap_through_safety
from guide_testing.browser import OpenPage, tab_to, wait_for_app_idle
from guide_testing.server import RunningApp
from sciatica_guide.content import Content

MAP = ".st-key-where-map-column"


def open_where(page: Page, app: RunningApp, content: Content, *, touch: bool) -> None:
    page.goto(f"{app.url}/self-assessment")
    wait_for_app_idle(page)
    tap_through_safety(page, content, touch=touch)
    expect(page.get_by_role("heading", name=content.assessment.steps.where.title)).to_be_visible()


def region(page: Page, region_id: str) -> Locator:
    return page.locator(MAP).locator(f'.bm-region[data-region="{region_id}"]')


def pill(page: Page, area: str, side: str) -> Locator:
    return page.locator(f'[class*="st-key-guide-assessment-w-where-{area}"]').get_by_role(
        "button", name=side
    )


def chosen(page: Page) -> list[str]:
    return sorted(
        e.get_attribute("data-region") or ""
        for e in page.locator(MAP).locator('.bm-region[aria-pressed="true"]').all()
    )


def test_several_places_by_touch_on_a_phone_and_the_list_follows(
    app_server: RunningApp, open_page: OpenPage, content: Content
) -> None:
    page = open_page("phone", touch=True)
    open_where(page, app_server, content, touch=True)
    for place in ("buttock-left", "buttock-right", "calf-left"):
        box = region(page, place).bounding_box()
        assert box is not None and min(box["width"], box["height"]) >= 44, (place, box)
        region(page, place).tap()
        wait_for_app_idle(page)
    assert chosen(page) == ["buttock-left", "buttock-right", "calf-left"]
    expect(pill(page, "buttock", "Your left")).to_have_attribute("aria-pressed", "true")
    expect(pill(page, "buttock", "Your right")).to_have_attribute("aria-pressed", "true")
    expect(pill(page, "calf", "Your left")).to_have_attribute("aria-pressed", "true")
    # A second tap takes a place off, on the map and in the list.
    region(page, "buttock-right").tap()
    wait_for_app_idle(page)
    assert chosen(page) == ["buttock-left", "calf-left"]
    expect(pill(page, "buttock", "Your right")).to_have_attribute("aria-pressed", "false")
    # The list writes the map: a place on the front, then that view.
    pill(page, "shin", "Your right").tap()
    wait_for_app_idle(page)
    page.locator(MAP).get_by_role("radio", name="Seen from the front").tap()
    wait_for_app_idle(page)
    expect(region(page, "shin-right")).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name=content.assessment.buttons.continue_).tap()
    wait_for_app_idle(page)
    how_much = content.assessment.steps.how_much.title
    expect(page.get_by_role("heading", name=how_much)).to_be_visible()


def test_places_by_mouse_and_keyboard_on_a_tablet(
    app_server: RunningApp, open_page: OpenPage, content: Content
) -> None:
    page = open_page("tablet")
    open_where(page, app_server, content, touch=False)
    # The map and the list sit side by side, the lower back to the calves in the first screen.
    for place in ("lower-back-left", "buttock-right", "back-thigh-left", "calf-right"):
        box = region(page, place).bounding_box()
        assert box is not None and box["y"] + box["height"] / 2 < 1180, (place, box)
    region(page, "lower-back-left").click()
    wait_for_app_idle(page)
    assert chosen(page) == ["lower-back-left"]
    # Keyboard: Tab reaches a place; Enter and Space each turn one on.
    tab_to(page, region(page, "back-thigh-right"))
    page.keyboard.press("Enter")
    wait_for_app_idle(page)
    tab_to(page, region(page, "calf-right"))
    page.keyboard.press(" ")
    wait_for_app_idle(page)
    assert chosen(page) == ["back-thigh-right", "calf-right", "lower-back-left"]
    expect(pill(page, "back-thigh", "Your right")).to_have_attribute("aria-pressed", "true")
    # Focus stays on the place pressed, so the next key goes on from there.
    focused = page.evaluate(
        "() => { let e = document.activeElement;"
        " while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;"
        " return e && e.dataset ? e.dataset.region : null; }"
    )
    assert focused == "calf-right"


def test_the_pain_scale_is_one_row_on_a_360_px_phone(
    app_server: RunningApp, open_page: OpenPage, content: Content
) -> None:
    page = open_page({"width": 360, "height": 740}, touch=True)
    open_where(page, app_server, content, touch=True)
    pill(page, "calf", "Your left").tap()
    wait_for_app_idle(page)
    page.get_by_role("button", name=content.assessment.buttons.continue_).tap()
    wait_for_app_idle(page)
    for key in ("back_pain", "leg_pain"):
        buttons = page.locator(f".st-key-guide-assessment-w-{key}").get_by_role("radio")
        expect(buttons).to_have_count(11)
        boxes = [b.bounding_box() for b in buttons.all()]
        assert all(box is not None for box in boxes)
        tops = {round(box["y"]) for box in boxes if box}
        assert len(tops) == 1, f"{key}: {len(tops)} rows"
        assert all(box["height"] >= 44 and box["width"] >= 24 for box in boxes if box), boxes
        right = max(box["x"] + box["width"] for box in boxes if box)
        assert right <= 360
    # A number is chosen by touch and shows as chosen.
    seven = page.locator(".st-key-guide-assessment-w-leg_pain").get_by_role("radio", name="7")
    seven.tap()
    wait_for_app_idle(page)
    expect(seven).to_have_attribute("aria-checked", "true")
