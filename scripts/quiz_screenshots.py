"""Screenshots of a knowledge check for the README: the projector (1920x1080) with live counts,
and a phone (390x844) answering and after the reveal.

Usage: python scripts/quiz_screenshots.py [--out docs/screenshots]
Needs Debian's chromium. Starts its own server on a free loopback port.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import expect, sync_playwright

from guide_testing.browser import CHROMIUM_ARGS, chromium_path, new_context, wait_for_app_idle
from guide_testing.server import run_streamlit
from sciatica_guide.content import load_content
from sciatica_guide.workshop.quiz import option_label

HOST = "guide.example"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    content = load_content()
    words = content.workshop.words
    question = content.workshop.questions[2]
    labels = [option_label(question, o.id, words) for o in question.options]
    with run_streamlit() as app, sync_playwright() as playwright:
        # A host name in place of 127.0.0.1, as on a real network: the strip shows its QR code.
        browser = playwright.chromium.launch(
            executable_path=chromium_path(),
            args=[*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {HOST} 127.0.0.1"],
        )
        url = f"http://{HOST}:{app.port}"
        presenter = new_context(browser, {"width": 1920, "height": 1080}).new_page()
        presenter.goto(f"{url}/knowledge-check?mode=presenter")
        wait_for_app_idle(presenter)
        presenter.get_by_role("button", name=content.modes.workshop.start).click()
        wait_for_app_idle(presenter)
        code = presenter.locator(".workshop-code-small").inner_text().replace(" ", "")
        for _ in range(2):
            presenter.get_by_role("button", name=words.next, exact=False).click()
            wait_for_app_idle(presenter)
        # Phones join first: only phones in the room when a question is asked answer it.
        phones = [new_context(browser, "phone", touch=True).new_page() for _ in range(5)]
        for phone in phones:
            phone.goto(f"{url}/join?room={code}")
            wait_for_app_idle(phone)
            phone.get_by_text(words.phone_waiting).wait_for()
        presenter.get_by_text(content.modes.workshop.phones.format(count=5)).wait_for()
        presenter.get_by_role("button", name=words.open).click()
        wait_for_app_idle(presenter)
        for phone, choice in zip(phones, (0, 0, 0, 1, 2), strict=True):
            button = phone.get_by_role("button", name=labels[choice])
            expect(button).to_be_enabled(timeout=10_000)
            button.tap()
            wait_for_app_idle(phone)
        phones[0].screenshot(path=args.out / "quiz-phone.png")
        presenter.get_by_text(words.answered.format(count=5, phones=5)).wait_for()
        presenter.wait_for_timeout(1500)
        presenter.screenshot(path=args.out / "quiz-projector.png")
        presenter.get_by_role("button", name=words.reveal).click()
        wait_for_app_idle(presenter)
        phones[3].get_by_text(words.phone_wrong.format(answer=labels[1])).wait_for()
        wait_for_app_idle(phones[3])
        phones[3].screenshot(path=args.out / "quiz-phone-revealed.png", full_page=True)
        presenter.wait_for_timeout(1500)
        presenter.screenshot(path=args.out / "quiz-projector-revealed.png")
        browser.close()


if __name__ == "__main__":
    main()
