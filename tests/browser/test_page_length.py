"""Page length on a phone (issue 25): every page reads in at most 4 phone screens (390x844)
before the reader opens more, measured in Chromium by touch."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from guide_testing.assessment_flow import safety_screens
from guide_testing.browser import VIEWPORTS, new_context, open_each_page, wait_for_app_idle
from guide_testing.server import RunningApp
from sciatica_guide.assessment.screens import question_screens
from sciatica_guide.assessment.state import flag_none_key
from sciatica_guide.content import Content

MAX_SCREENS = 4.0

#: The main area's full height (the guide scrolls inside it, not the window).
MAIN_HEIGHT_JS = "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight"


def test_every_page_fits_four_phone_screens(
    app_server: RunningApp, browser: Browser, content: Content
) -> None:
    screen = VIEWPORTS["phone"]["height"]
    context = new_context(browser, "phone", touch=True)
    try:
        page = context.new_page()
        lengths = {}
        for spec in open_each_page(page, app_server.url, content):
            lengths[spec.id] = round(page.evaluate(MAIN_HEIGHT_JS) / screen, 2)
        too_long = {page_id: n for page_id, n in lengths.items() if n > MAX_SCREENS}
        assert too_long == {}, lengths
        assert len(lengths) >= 6, lengths
    finally:
        context.close()


def test_every_self_assessment_screen_fits_four_phone_screens(
    app_server: RunningApp, browser: Browser, content: Content
) -> None:
    """Each question screen, "Check your answers" and a result, walked by touch."""
    a = content.assessment
    screen = VIEWPORTS["phone"]["height"]
    context = new_context(browser, "phone", touch=True)
    lengths: dict[str, float] = {}
    try:
        page = context.new_page()
        page.goto(f"{app_server.url}/{content.page('self-assessment').link_path}")
        wait_for_app_idle(page)
        form = page.locator(".st-key-self-assessment")

        def measure(name: str) -> None:
            lengths[name] = round(page.evaluate(MAIN_HEIGHT_JS) / screen, 2)

        def tap(text: str, role: str | None = None) -> None:
            target = (
                form.get_by_role(role, name=text, exact=True)
                if role
                else form.get_by_text(text, exact=True)
            )
            target.first.tap()
            wait_for_app_idle(page)

        def next_screen() -> None:
            buttons = form.get_by_role("button", name=a.buttons.continue_)
            buttons = buttons.or_(form.get_by_role("button", name=a.buttons.check, exact=True))
            buttons.tap()
            wait_for_app_idle(page)

        total = len(question_screens(content))
        for number, (screen_id, questions) in enumerate(safety_screens(content), start=1):
            expect(form.get_by_text(a.progress.format(step=number, total=total))).to_be_visible()
            measure(screen_id)
            for question in questions:
                key = flag_none_key(question).replace(".", "-")
                box = form.locator(f".st-key-{key} input")
                form.locator(f".st-key-{key} label").tap()
                expect(box).to_be_checked()
                wait_for_app_idle(page)
            next_screen()
        expect(form.get_by_text(a.steps.where.title)).to_be_visible()
        measure("where")
        form.locator('[class*="st-key-guide-assessment-w-where-calf"]').get_by_role(
            "button", name="Your left"
        ).tap()
        wait_for_app_idle(page)
        next_screen()
        measure("pain")
        for key, value in (("back_pain", "3"), ("leg_pain", "4")):
            page.locator(f".st-key-guide-assessment-w-{key}").get_by_role(
                "radio", name=value, exact=True
            ).tap()
            wait_for_app_idle(page)
        next_screen()
        measure("duration")
        tap("6 to 12 weeks")
        tap("No, I can do them")
        next_screen()
        measure("pressure")
        tap("Medium")
        next_screen()
        measure("bother")
        for item in a.steps.bother.items:
            page.locator(f".st-key-guide-assessment-w-sbi-{item.id}").get_by_role(
                "radio", name="1", exact=True
            ).tap()
            wait_for_app_idle(page)
        next_screen()
        for health in a.steps.health.screens:
            measure(health.id)
            tap(a.steps.health.none)
            next_screen()
        page.get_by_role("heading", name=a.check.title).wait_for()
        measure("check")
        page.get_by_role("button", name=a.buttons.see_result).tap()
        wait_for_app_idle(page)
        page.get_by_role("heading", name=a.result.title).wait_for()
        measure("result")
    finally:
        context.close()
    assert len(lengths) == len(question_screens(content)) + 2, lengths
    too_long = {name: n for name, n in lengths.items() if n > MAX_SCREENS}
    assert too_long == {}, lengths
