"""Screenshots of the room's questions: phones (390x844) asking and voting, the review page on a
tablet (820x1180) and a laptop (1440x900), and the projector (1280x720 and 1920x1080) with a
question shown; also the knowledge check with one shown.

Usage: python scripts/room_questions_screenshots.py [--out docs/screenshots]
Needs Debian's chromium. Starts its own server on a free loopback port.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import Page, sync_playwright

from guide_testing.browser import (
    CHROMIUM_ARGS,
    chromium_path,
    join_room,
    new_context,
    shown_room_code,
    wait_for_app_idle,
)
from guide_testing.server import run_streamlit
from sciatica_guide.content import load_content
from sciatica_guide.workshop.room_questions import MAX_ASK_CHARS

HOST = "guide.example"
QUESTIONS = [
    "Should I use heat or ice after a massage?",
    "How many sessions does it usually take before it helps?",
    "Is it safe to massage the back of my knee?",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    content = load_content()
    words = content.workshop.room_questions
    workshop = content.modes.workshop
    first_step = content.modes.presenter.step_label.format(
        number=1, total=len(content.article.all_sections())
    )
    with run_streamlit() as app, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(),
            args=[*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {HOST} 127.0.0.1"],
        )
        url = f"http://{HOST}:{app.port}"
        presenter = new_context(browser, {"width": 1280, "height": 720}).new_page()
        presenter.goto(f"{url}/present?mode=presenter")
        wait_for_app_idle(presenter)
        presenter.get_by_role("button", name=workshop.start).click()
        wait_for_app_idle(presenter)
        code = shown_room_code(presenter)
        phones: list[Page] = []
        for text in QUESTIONS:
            phone = new_context(browser, "phone", touch=True).new_page()
            join_room(phone, url, code, first_step, workshop.joining, 20_000)
            phone.get_by_text(words.ask_heading).tap()
            wait_for_app_idle(phone)
            phone.get_by_label(words.ask_input.format(limit=MAX_ASK_CHARS)).fill(text)
            phone.get_by_role("button", name=words.ask_send).tap()
            wait_for_app_idle(phone)
            phones.append(phone)
        phones[0].screenshot(path=args.out / "room-questions-phone-sent.png", full_page=True)
        link = presenter.get_by_role("link", name=words.strip_count.format(count=3), exact=False)
        link.wait_for()
        presenter.screenshot(path=args.out / "room-questions-projector-count-720.png")
        href = link.get_attribute("href") or ""
        review = new_context(browser, "tablet", touch=True).new_page()
        review.goto(f"{url}/{href}")
        wait_for_app_idle(review)
        review.get_by_text(QUESTIONS[2]).wait_for()
        review.screenshot(path=args.out / "room-questions-review-tablet.png")
        for _ in QUESTIONS[:2]:
            review.get_by_role("button", name=words.let_room_see).first.tap()
            wait_for_app_idle(review)
        phones[2].wait_for_timeout(5500)
        phones[2].get_by_role("button", name=words.vote.format(count=0)).first.tap()
        wait_for_app_idle(phones[2])
        phones[2].screenshot(path=args.out / "room-questions-phone-vote.png", full_page=True)
        review.get_by_role("radio", name=words.tab_room.format(count=2)).tap()
        wait_for_app_idle(review)
        review.get_by_role("button", name=words.show).first.tap()
        wait_for_app_idle(review)
        review.screenshot(path=args.out / "room-questions-review-room-tablet.png")
        presenter.locator(".st-key-room-question-shown").wait_for()
        presenter.wait_for_timeout(1000)
        presenter.screenshot(path=args.out / "room-questions-projector-shown-720.png")
        presenter.set_viewport_size({"width": 1920, "height": 1080})
        presenter.wait_for_timeout(1500)
        presenter.screenshot(path=args.out / "room-questions-projector-shown-1080.png")
        presenter.set_viewport_size({"width": 1280, "height": 720})
        presenter.get_by_role("link", name=content.page("quiz").title).click()
        wait_for_app_idle(presenter)
        presenter.locator(".st-key-room-question-shown").wait_for()
        presenter.wait_for_timeout(1000)
        presenter.screenshot(path=args.out / "room-questions-quiz-shown-720.png")
        browser.close()


if __name__ == "__main__":
    main()
