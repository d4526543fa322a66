"""Help where you are (issue 23), in Chromium at phone size by touch: the urgent-help box, the
self-assessment's urgent result and the calf's clot warning show the country pack's number as a
tel: link ("Call 995") with its services; changing the country in the box changes all of them in
the same session, and the handout and the summary follow; a clinic's tablet has no switch."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader
from test_body_map import point_inside, show_view

from guide_testing.browser import OpenPage, no_dialogs, open_page_from_menu, wait_for_app_idle
from guide_testing.server import RunningApp, run_streamlit
from sciatica_guide.content import Content
from sciatica_guide.local_help import LocalHelp, resolve_help

#: The sign ticked for the urgent result (an emergency-level sign).
SADDLE = "Numbness, tingling or pins and needles around your genitals or your bottom"
#: What each country's urgent help must say: the emergency and the advice line, and services.
EXPECTED = {
    "sg": ("995", "6262 6262", "Ambulance (SCDF)", "NurseFirst", "polyclinic"),
    "uk": ("999", "111", "Emergency ambulance", "NHS 111", "GP surgery"),
}


@pytest.fixture(scope="module")
def clinic_server() -> Iterator[RunningApp]:
    """A clinic's tablet in the UK: the deployment's country, no switch."""
    env = {"SCIATICA_GUIDE_MODE": "clinic", "SCIATICA_GUIDE_COUNTRY": "uk"}
    with run_streamlit(env=env) as app:
        yield app


def tap(page: Page, locator: Locator) -> None:
    locator.scroll_into_view_if_needed()
    locator.tap()
    wait_for_app_idle(page)


def open_box(page: Page, content: Content) -> Locator:
    box = page.locator(".st-key-urgent-help")
    summary = box.locator("summary", has_text=content.red_flags.title)
    if box.locator("details").get_attribute("open") is None:
        tap(page, summary)
    return box


def assert_call_link(scope: Locator, number: str) -> None:
    """A visible tel: link saying "Call <number>", at least 44 px high, its href dialled form."""
    link = scope.locator(f'a[href="tel:{number.replace(" ", "")}"]', has_text=f"Call {number}")
    expect(link.first).to_be_visible()
    box = link.first.bounding_box()
    assert box is not None and box["height"] >= 44 and box["width"] >= 44
    # Dialled from this page: a new tab (Streamlit's Markdown default) would leave an empty one.
    assert link.first.get_attribute("target") in (None, "_self")


def assert_box_is_for(page: Page, content: Content, code: str) -> None:
    emergency, line, service, line_name, where = EXPECTED[code]
    help = resolve_help(content, code)
    box = open_box(page, content)
    expect(box.get_by_text(f"Numbers for: {help.country_name}")).to_be_visible()
    assert_call_link(box, emergency)
    assert_call_link(box, line)
    text = box.inner_text()
    for words in (service, line_name, where, help.level("emergency").where):
        assert words in text, words
    # Every heading names this country's number, and no other country's.
    other = next(c for c in EXPECTED if c != code)
    assert f"Call {EXPECTED[other][0]}" not in text


def choose(page: Page, control: Locator, name: str) -> None:
    """Tap a select box, then one of its options. The list opens on the tap; a run finishing at
    that moment on a loaded machine can close it again, so the tap is tried a second time."""
    option = page.get_by_role("option", name=name)
    for _ in range(2):
        control.scroll_into_view_if_needed()
        control.tap()
        try:
            expect(option).to_be_visible(timeout=5_000)
            break
        except AssertionError:
            wait_for_app_idle(page)
    tap(page, option)


def tick_saddle_sign(page: Page) -> None:
    form = page.locator(".st-key-self-assessment")
    tap(page, form.get_by_text(SADDLE))


def go_to(page: Page, content: Content, page_id: str) -> None:
    """Another page in the same session, through the app's own menu (a new address would start
    a new session)."""
    open_page_from_menu(page, content.page(page_id).title, touch=True)
    wait_for_app_idle(page)


def assert_urgent_result_for(page: Page, content: Content, help: LocalHelp, code: str) -> None:
    emergency = EXPECTED[code][0]
    action = content.red_flags.action("emergency", help.number) + "."
    expect(
        page.locator('[data-testid="stAlertContentError"]').filter(has_text=action)
    ).to_be_visible()
    calls = page.locator(".st-key-urgent-call")
    assert_call_link(calls, emergency)
    expect(calls.get_by_text(help.level("emergency").where)).to_be_visible()


def tap_calf(page: Page) -> None:
    show_view(page, "back", touch=True)
    x, y = point_inside(page, "calf-left")
    page.touchscreen.tap(x, y)
    wait_for_app_idle(page)


def assert_calf_warning_for(page: Page, code: str) -> None:
    emergency = EXPECTED[code][0]
    # The bar above the figure on a phone: one tap to call.
    bar_call = page.locator(".bm-now .bm-now-call")
    expect(bar_call).to_be_visible()
    expect(bar_call).to_have_text(f"Call {emergency}")
    expect(bar_call).to_have_attribute("href", f"tel:{emergency}")
    bar_box = bar_call.bounding_box()
    assert bar_box is not None and bar_box["height"] >= 44
    # The panel: the clot warning, then its call buttons and where to go.
    panel = page.locator(".st-key-bm-panel")
    rows = panel.locator(".call-row")
    expect(rows.first).to_be_visible()
    assert_call_link(panel, emergency)
    assert_call_link(panel, EXPECTED[code][1])


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def download(page: Page, label: str) -> bytes:
    button = page.get_by_role("button", name=label)
    button.scroll_into_view_if_needed()
    with page.expect_download() as info:
        button.tap()
    return info.value.path().read_bytes()


@pytest.mark.parametrize("code", ["sg", "uk"])
def test_every_place_that_says_call_shows_the_packs_number_by_touch(
    app_server: RunningApp, open_page: OpenPage, content: Content, code: str
) -> None:
    page = open_page("phone", touch=True)
    dialogs = no_dialogs(page)
    query = "" if code == "sg" else f"?country={code}"
    help = resolve_help(content, code)

    # The box on every page.
    page.goto(f"{app_server.url}/{query}")
    wait_for_app_idle(page)
    assert_box_is_for(page, content, code)

    # The self-assessment's urgent result, in the same session.
    go_to(page, content, "self-assessment")
    tick_saddle_sign(page)
    assert_urgent_result_for(page, content, help, code)

    # The calf's clot warning on the body map, and its bar on a phone.
    go_to(page, content, "body-map")
    expect(page.locator(".bm-region").first).to_be_attached()
    tap_calf(page)
    assert_calf_warning_for(page, code)
    assert dialogs == []


def test_changing_the_country_in_the_box_changes_every_place(
    app_server: RunningApp, reused_page: OpenPage, content: Content
) -> None:
    page = reused_page("phone", touch=True)
    page.goto(app_server.url)
    wait_for_app_idle(page)
    assert_box_is_for(page, content, "sg")

    # A page-free control in the box: tap it, tap the country.
    box = open_box(page, content)
    control = box.get_by_role("combobox", name=content.site.local_help.change_country)
    field = control.bounding_box()
    assert field is not None and field["height"] >= 44
    choose(page, control, "United Kingdom")
    assert_box_is_for(page, content, "uk")

    uk = resolve_help(content, "uk")
    go_to(page, content, "self-assessment")
    tick_saddle_sign(page)
    assert_urgent_result_for(page, content, uk, "uk")
    tap(page, page.get_by_role("button", name=content.assessment.buttons.continue_))
    expect(page.get_by_role("heading", name=content.assessment.result.title)).to_be_visible()
    assert_call_link(page.locator(".st-key-urgent-call"), "999")
    summary = pdf_text(download(page, content.assessment.buttons.download_pdf))
    assert "Numbers for: United Kingdom" in summary
    assert "Call 999" in summary and "NHS 111" in summary
    assert "995" not in summary and "NurseFirst" not in summary

    go_to(page, content, "body-map")
    expect(page.locator(".bm-region").first).to_be_attached()
    tap_calf(page)
    assert_calf_warning_for(page, "uk")

    go_to(page, content, "sources")
    packs = content.site.local_help.packs_heading
    expect(page.get_by_role("heading", name=packs)).to_be_visible()
    handout = pdf_text(download(page, content.modes.handout.button))
    assert "Numbers for: United Kingdom" in handout and "Call 999" in handout
    assert "NHS 111" in handout and "Call 995" not in handout
    leaflet = pdf_text(download(page, content.modes.leaflet.button))
    assert "Numbers for: United Kingdom" in leaflet and "Call 999" in leaflet
    assert "NHS 111" in leaflet and "Call 995" not in leaflet


def test_an_unknown_country_in_a_link_falls_back_with_a_quiet_note(
    app_server: RunningApp, open_page: OpenPage, content: Content
) -> None:
    page = open_page("phone", touch=True)
    dialogs = no_dialogs(page)
    page.goto(f"{app_server.url}/?country=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    wait_for_app_idle(page)
    note = content.site.local_help.unknown_country.format(country="…", name="Singapore")
    expect(page.get_by_text(note)).to_be_visible()
    expect(page.locator("img[src=x]")).to_have_count(0)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    assert_box_is_for(page, content, "sg")
    assert dialogs == []


def test_a_clinic_tablet_keeps_its_country_and_has_no_switch(
    clinic_server: RunningApp, reused_page: OpenPage, content: Content
) -> None:
    page = reused_page("tablet", touch=True)
    page.goto(f"{clinic_server.url}/?country=sg")
    wait_for_app_idle(page)
    assert_box_is_for(page, content, "uk")
    box = open_box(page, content)
    expect(box.get_by_role("combobox")).to_have_count(0)
    expect(page.locator(".st-key-country-switch")).to_have_count(0)
