"""Clinic and presenter modes in Chromium: keyboard stepping, idle reset on a tablet."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from guide_testing.browser import OpenPage, wait_for_app_idle, wait_until_shown
from guide_testing.server import RunningApp, run_streamlit
from sciatica_guide.content import Content


@pytest.fixture(scope="module")
def clinic_server() -> Iterator[RunningApp]:
    """A clinic deployment with a short idle reset, so a test can wait it out."""
    env = {
        "SCIATICA_GUIDE_MODE": "clinic",
        "SCIATICA_GUIDE_IDLE_RESET_SECONDS": "6",
        "SCIATICA_GUIDE_IDLE_CHECK_SECONDS": "1",
        "SCIATICA_GUIDE_CLINIC_NAME": "Riverside Physio",
        "SCIATICA_GUIDE_PUBLIC_URL": "https://guide.example.org",
    }
    with run_streamlit(env=env) as app:
        yield app


def test_presenter_moves_with_the_arrow_keys(
    app_server: RunningApp, page: Page, content: Content
) -> None:
    sections = content.article.all_sections()
    label = content.modes.presenter.step_label
    page.goto(f"{app_server.url}/present?mode=presenter")
    wait_for_app_idle(page)
    expect(page.get_by_text(label.format(number=1, total=len(sections)))).to_be_visible()
    page.keyboard.press("ArrowRight")
    wait_until_shown(page, label.format(number=2, total=len(sections)))
    page.keyboard.press("ArrowRight")
    wait_until_shown(page, label.format(number=3, total=len(sections)))
    expect(page.get_by_text(label.format(number=3, total=len(sections)))).to_be_visible()
    section = page.locator(".st-key-present-section")
    expect(section.get_by_role("heading", name=sections[2].heading)).to_be_visible()
    page.keyboard.press("ArrowLeft")
    wait_for_app_idle(page)
    expect(page.get_by_text(label.format(number=2, total=len(sections)))).to_be_visible()


def test_the_projectors_page_title_leaves_room_for_the_article(
    app_server: RunningApp, open_page: OpenPage
) -> None:
    """presenter.css makes titles smaller and the text larger: a bare `h1` rule lost to
    Streamlit's own heading size, so titles stayed at 2.75rem. On the presenting page the title
    is for the presenter (1.5rem): the section's heading below it is the slide's title."""
    page = open_page({"width": 1920, "height": 1080})

    def title_in_root_sizes() -> float:
        title, root = page.locator("h1").first.evaluate(
            "e => [parseFloat(getComputedStyle(e).fontSize),"
            " parseFloat(getComputedStyle(document.documentElement).fontSize)]"
        )
        return float(title / root)

    page.goto(f"{app_server.url}/techniques?mode=presenter")
    wait_for_app_idle(page)
    assert title_in_root_sizes() == pytest.approx(2.2, abs=0.01)
    page.goto(f"{app_server.url}/present?mode=presenter")
    wait_for_app_idle(page)
    assert title_in_root_sizes() == pytest.approx(1.5, abs=0.01)
    text = page.locator(".st-key-present-section p").first.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
        " / parseFloat(getComputedStyle(document.documentElement).fontSize)"
    )
    assert text == pytest.approx(1.3, abs=0.01)


def test_clinic_tablet_forgets_the_last_person_after_idle_time(
    clinic_server: RunningApp, reused_page: OpenPage, content: Content
) -> None:
    page = reused_page("tablet", touch=True)
    page.goto(f"{clinic_server.url}/techniques")
    wait_for_app_idle(page)
    # Streamlit's own menu and toolbar are hidden on a clinic tablet.
    expect(page.locator('[data-testid="stMainMenu"]')).to_be_hidden()
    start_over = page.get_by_role("button", name=content.modes.clinic.start_over)
    box = start_over.bounding_box()
    assert box and box["height"] >= 44 and box["width"] >= 44
    expect(page.get_by_text("Riverside Physio")).to_be_visible()
    # Idle: no tap for longer than the reset time; the tablet returns to the start by itself.
    expect(page.get_by_text(content.modes.clinic.idle_notice)).to_be_visible(timeout=20_000)
    expect(
        page.get_by_role("heading", name=content.page("overview").title, level=1)
    ).to_be_visible()


def test_clinic_start_over_by_touch_returns_to_the_start(
    clinic_server: RunningApp, reused_page: OpenPage, content: Content
) -> None:
    page = reused_page("tablet", touch=True)
    page.goto(f"{clinic_server.url}/sources-and-safety")
    wait_for_app_idle(page)
    page.get_by_role("button", name=content.modes.clinic.start_over).tap()
    wait_for_app_idle(page)
    expect(
        page.get_by_role("heading", name=content.page("overview").title, level=1)
    ).to_be_visible()


def test_clinic_pages_have_no_links_out(clinic_server: RunningApp, reused_page: OpenPage) -> None:
    page = reused_page("tablet", touch=True)
    for path in ["", "techniques", "sources-and-safety"]:
        page.goto(f"{clinic_server.url}/{path}")
        wait_for_app_idle(page)
        hrefs = page.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
        # A call button (tel:, issue 23) dials the country's number; it opens no web page.
        outside = [
            h for h in hrefs if not h.startswith(clinic_server.url) and not h.startswith("tel:")
        ]
        assert outside == [], outside
