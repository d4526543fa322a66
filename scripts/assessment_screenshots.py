"""Screenshots of the self-assessment's result paths at phone size, for review and the README:
the urgent result, the two re-checks (both legs; groin or saddle numbness) and a mild result
with its safety net.

Usage: python scripts/assessment_screenshots.py [--out docs/screenshots]
Needs Debian's chromium. Starts its own server on a free loopback port.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import Locator, Page, sync_playwright

from guide_testing.assessment_flow import tap_through_safety
from guide_testing.browser import CHROMIUM_ARGS, chromium_path, new_context, wait_for_app_idle
from guide_testing.server import run_streamlit
from sciatica_guide.content import Content, load_content


def tap(page: Page, locator: Locator) -> None:
    locator.scroll_into_view_if_needed()
    locator.tap()
    wait_for_app_idle(page)


def keyed(page: Page, key: str) -> Locator:
    return page.locator(f".st-key-{key.replace('.', '-')}")


def pick(page: Page, key: str, value: str) -> None:
    tap(page, keyed(page, f"guide.assessment.w.{key}").get_by_role("radio", name=value, exact=True))


def fill_in(
    page: Page,
    content: Content,
    places: list[tuple[str, str]],
    sbi: list[str],
    *,
    stop_at_check: bool = False,
) -> None:
    a = content.assessment
    tap_through_safety(page, content)
    for area, side in places:
        tap(page, keyed(page, f"guide.assessment.w.where.{area}").get_by_role("button", name=side))
    tap(page, page.get_by_role("button", name=a.buttons.continue_))
    pick(page, "back_pain", "3")
    pick(page, "leg_pain", "4")
    tap(page, page.get_by_role("button", name=a.buttons.continue_))
    tap(page, page.get_by_text("6 to 12 weeks", exact=True))
    tap(page, page.get_by_text("No, I can do them", exact=True))
    tap(page, page.get_by_role("button", name=a.buttons.continue_))
    tap(page, page.get_by_text("Medium", exact=True))
    tap(page, page.get_by_role("button", name=a.buttons.continue_))
    for item, score in zip(a.steps.bother.items, sbi, strict=True):
        pick(page, f"sbi.{item.id}", score)
    tap(page, page.get_by_role("button", name=a.buttons.continue_))
    for screen in a.steps.health.screens:
        tap(page, page.locator(".st-key-self-assessment").get_by_text(a.steps.health.none))
        last = screen == a.steps.health.screens[-1]
        tap(page, page.get_by_role("button", name=a.buttons.check if last else a.buttons.continue_))
    if not stop_at_check:
        tap(page, page.get_by_role("button", name=a.buttons.see_result))


def shot(page: Page, target: Path, block: Locator | None = None) -> None:
    """The screen as a person sees it: from the top of the page, or scrolled so that a block
    starts just below the app's header bar."""
    main = page.locator('[data-testid="stMain"]')
    main.evaluate("el => el.scrollTo(0, 0)")
    if block is not None:
        offset = block.first.evaluate("el => el.getBoundingClientRect().top")
        main.evaluate(f"el => el.scrollBy(0, {offset} - 70)")
    page.wait_for_timeout(500)
    page.screenshot(path=str(target))
    print(target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    content = load_content()
    rechecks = {r.id: r for r in content.assessment.result.rechecks}
    with run_streamlit() as app, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)

        def fresh() -> Page:
            context = new_context(browser, "phone", touch=True)
            page = context.new_page()
            page.goto(f"{app.url}/self-assessment")
            wait_for_app_idle(page)
            return page

        # The urgent result: one emergency sign ticked on the first step.
        page = fresh()
        form = page.locator(".st-key-self-assessment")
        tap(page, form.get_by_text("Numbness, tingling or pins and needles around your genitals"))
        tap(page, page.get_by_role("button", name=content.assessment.buttons.continue_))
        shot(page, args.out / "self-assessment-urgent-phone.png")
        page.context.close()

        # Both legs: places on both sides, "no" to "sciatica in both legs".
        page = fresh()
        fill_in(page, content, [("calf", "Your left"), ("back-thigh", "Your right")], list("3001"))
        shot(
            page,
            args.out / "self-assessment-recheck-legs-phone.png",
            keyed(page, "recheck-both-legs"),
        )
        page.context.close()

        # Groin or saddle numbness: numbness scored above 0.
        page = fresh()
        fill_in(page, content, [("calf", "Your left")], list("3401"))
        shot(
            page,
            args.out / "self-assessment-recheck-saddle-phone.png",
            keyed(page, "recheck-saddle"),
        )
        # A mild path: "No" to the question; the top of the result, then the safety net, which
        # comes before the massage.
        tap(page, page.get_by_role("button", name=rechecks["saddle"].button_no))
        shot(page, args.out / "self-assessment-mild-phone.png")
        shot(page, args.out / "self-assessment-safety-net-phone.png", keyed(page, "safety-net"))
        page.context.close()

        # One question per screen: "where" on the body map (phone and tablet), the pain scales
        # in one row, and "Check your answers".
        for size in ("phone", "tablet"):
            context = new_context(browser, size, touch=True)
            page = context.new_page()
            page.goto(f"{app.url}/self-assessment")
            wait_for_app_idle(page)
            tap_through_safety(page, content)
            for region in ("buttock-left", "back-thigh-left", "calf-left"):
                tap(page, page.locator(f'.bm-region[data-region="{region}"]'))
            shot(page, args.out / f"self-assessment-where-{size}.png", keyed(page, "where-layout"))
            if size == "phone":
                tap(page, page.get_by_role("button", name=content.assessment.buttons.continue_))
                pick(page, "back_pain", "3")
                pick(page, "leg_pain", "6")
                shot(page, args.out / "self-assessment-pain-phone.png")
            context.close()
        page = fresh()
        fill_in(page, content, [("calf", "Your left")], list("2001"), stop_at_check=True)
        shot(page, args.out / "self-assessment-check-phone.png")
        page.context.close()
        browser.close()


if __name__ == "__main__":
    main()
