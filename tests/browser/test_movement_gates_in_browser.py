"""The self-assessment's answers gate the gentle movements on Beyond massage (issue 27), in
Chromium on a phone by touch: an urgent sign shows no movement, only what to do; strong leg pain
shows the gentlest, with why; pregnancy takes away the movements lying flat, with why."""

from __future__ import annotations

from playwright.sync_api import Page, expect

# pytest puts this folder on sys.path (rootdir "prepend" import mode).
from test_self_assessment import fill_in_on_a_phone, open_assessment, press_primary, tap

from guide_testing.browser import OpenPage, open_page_from_menu, wait_for_app_idle
from guide_testing.server import RunningApp
from sciatica_guide.content import Content

PLACES = (("buttock", "Your left"),)
SCORES = ("3", "0", "0", "1")


def _beyond(page: Page, content: Content) -> None:
    open_page_from_menu(page, content.page("beyond").title, touch=True)
    wait_for_app_idle(page)
    expect(page.get_by_role("heading", name=content.movements.ui.heading)).to_be_visible()


def _answer_then_beyond(
    page: Page, app_server: RunningApp, content: Content, **answers: str
) -> None:
    """The self-assessment by touch (no signs, the left buttock, `answers`), then Beyond
    massage from the menu, in the same session."""
    open_assessment(page, app_server)
    fill_in_on_a_phone(page, content, PLACES, SCORES, **answers)  # type: ignore[arg-type]
    _beyond(page, content)


def _cards(page: Page, content: Content) -> list[str]:
    names = [m.name for m in content.movements.movements]
    summaries = page.locator("details summary")
    return [n for n in names if summaries.filter(has_text=n).count()]


def test_an_urgent_sign_shows_no_movement_only_what_to_do(
    app_server: RunningApp, reused_page: OpenPage, content: Content
) -> None:
    page = reused_page("phone", touch=True)
    open_assessment(page, app_server)
    sign = "Numbness, tingling or pins and needles around your genitals or your bottom"
    tap(page, page.locator(".st-key-self-assessment").get_by_text(sign))
    press_primary(page, content)
    expect(page.get_by_role("heading", name=content.assessment.result.title)).to_be_visible()
    _beyond(page, content)
    urgent = page.locator('[data-testid="stAlertContentError"]').filter(
        has_text=content.movements.ui.urgent.split("{")[0].strip()
    )
    expect(urgent).to_be_visible()
    expect(urgent).to_contain_text("emergency")
    assert _cards(page, content) == []


def test_strong_leg_pain_shows_the_gentlest_and_says_why(
    app_server: RunningApp, reused_page: OpenPage, content: Content
) -> None:
    page = reused_page("phone", touch=True)
    _answer_then_beyond(page, app_server, content, leg_pain="8")
    expect(page.get_by_text(content.movements.ui.gentlest)).to_be_visible()
    gentle = [m.name for m in content.movements.movements if m.gentle]
    assert _cards(page, content) == gentle


def test_pregnancy_takes_away_the_movements_lying_flat_and_says_why(
    app_server: RunningApp, reused_page: OpenPage, content: Content
) -> None:
    page = reused_page("phone", touch=True)
    _answer_then_beyond(page, app_server, content, health="You are pregnant")
    rule = next(r for r in content.movements.precautions if r.precaution == "pregnancy")
    expect(page.get_by_text(rule.why)).to_be_visible()
    left = {m.name for m in content.movements.movements if m.id in rule.rules_out}
    cards = _cards(page, content)
    assert cards and not left & set(cards)
