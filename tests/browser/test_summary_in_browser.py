"""The summary to take away, from the result on a phone by touch (issue 27, part 4): the page
hands the movements and the body figure down, so the downloaded PDF is dated, draws the chosen
places beside the answers and lists the movements, on one page; the text says the same."""

from __future__ import annotations

import io
import re

from playwright.sync_api import Browser, Locator, Page, expect
from pypdf import PdfReader

from guide_testing.assessment_flow import tap_through_safety
from guide_testing.browser import new_context, wait_for_app_idle
from guide_testing.server import RunningApp
from sciatica_guide.body_map.pdf_places import SummaryFigure
from sciatica_guide.content import Content

#: Points: where the figure's column starts on the A4 page (margins 15 mm).
FIGURE_LEFT = (210 - 15 - SummaryFigure.width) * 72 / 25.4


def _tap(page: Page, target: Locator) -> None:
    target.scroll_into_view_if_needed()
    target.tap()
    wait_for_app_idle(page)


def _next(page: Page, content: Content) -> None:
    """The screen's main button, then wait until its screen has gone."""
    b = content.assessment.buttons
    button = page.get_by_role("button", name=b.continue_).or_(
        page.get_by_role("button", name=b.check, exact=True)
    )
    holder = page.locator('[class*="st-key-continue-"]').filter(has=button)
    holder.wait_for()
    key = next(c for c in (holder.get_attribute("class") or "").split() if "continue-" in c)
    _tap(page, button)
    expect(page.locator(f'[class~="{key}"]')).to_have_count(0, timeout=30_000)
    wait_for_app_idle(page)


def _radio(page: Page, key: str, value: str) -> None:
    group = page.locator(f".st-key-guide-assessment-w-{key.replace('.', '-')}")
    _tap(page, group.get_by_role("radio", name=value, exact=True))


def _download(page: Page, label: str) -> bytes:
    button = page.get_by_role("button", name=label)
    button.scroll_into_view_if_needed()
    with page.expect_download() as info:
        button.tap()
    return info.value.path().read_bytes()


def _fill_in_a_mild_result(page: Page, content: Content) -> None:
    """No signs, the left buttock and calf, moderate pain, nothing that asks again."""
    a = content.assessment
    tap_through_safety(page, content)
    for area in ("buttock", "calf"):
        where = page.locator(f'[class*="st-key-guide-assessment-w-where-{area}"]')
        _tap(page, where.get_by_role("button", name="Your left"))
    _next(page, content)
    _radio(page, "back_pain", "3")
    _radio(page, "leg_pain", "4")
    _next(page, content)
    _tap(page, page.get_by_text("6 to 12 weeks", exact=True))
    _tap(page, page.get_by_text("No, I can do them", exact=True))
    _next(page, content)
    _tap(page, page.get_by_text("Medium", exact=True))
    _next(page, content)
    for item, score in zip(a.steps.bother.items, ("3", "0", "1", "2"), strict=True):
        _radio(page, f"sbi.{item.id}", score)
    _next(page, content)
    form = page.locator(".st-key-self-assessment")
    for _ in a.steps.health.screens:
        _tap(page, form.get_by_text(a.steps.health.none, exact=True))
        _next(page, content)
    expect(page.get_by_role("heading", name=a.check.title)).to_be_visible()
    _tap(page, page.get_by_role("button", name=a.buttons.see_result))
    expect(page.get_by_role("heading", name=a.result.title)).to_be_visible()


def test_on_a_phone_the_summary_is_dated_with_the_places_drawn_and_the_movements(
    app_server: RunningApp, browser: Browser, content: Content
) -> None:
    a = content.assessment
    ui = content.movements.ui
    context = new_context(browser, "phone", touch=True)
    try:
        page = context.new_page()
        page.goto(f"{app_server.url}/self-assessment")
        wait_for_app_idle(page)
        _fill_in_a_mild_result(page, content)

        reader = PdfReader(io.BytesIO(_download(page, a.buttons.download_pdf)))
        assert len(reader.pages) == 1
        beside: list[str] = []

        def visit(text: str, cm: object, tm: list[float], *_: object) -> None:
            if text.strip() and tm[4] >= FIGURE_LEFT - 1:
                beside.append(text.strip())

        text = " ".join(reader.pages[0].extract_text(visitor_text=visit).split())
        assert re.match(
            rf"{re.escape(a.summary.title)} Made on \d{{1,2}} [A-Z][a-z]+ 20\d\d ", text
        )
        # The figure's names sit beside the answers: both views, and each chosen place.
        named = " ".join(" ".join(beside).split())
        assert "Buttock (your left)" in named and "Calf (your left)" in named
        assert content.body_map.ui.views["back"] in named
        assert "Shin" not in named
        assert f"{ui.summary_heading} " in text and "May suit: Walking" in text
        assert a.summary.sources_note in text

        plain = _download(page, a.buttons.download_text).decode("utf-8")
        assert re.search(r"^Made on \d{1,2} [A-Z][a-z]+ 20\d\d$", plain, re.MULTILINE)
        assert "Where it hurts: Buttock (your left) and Calf (your left)" in plain
        assert f"{ui.summary_heading}\n" in plain and "May suit: Walking" in plain
    finally:
        context.close()
