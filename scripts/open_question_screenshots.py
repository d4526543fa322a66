"""Screenshots of an open question: the projector at 1280x720 and 1920x1080 with ranked bars
(a few words) and a word cloud (many), and phones (390x844) answering, refused and revealed.

Usage: python scripts/open_question_screenshots.py [--out docs/screenshots]
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

HOST = "guide.example"
FEW = ["Blood thinners", "blood thinner", "Where it hurts", "pregnancy"]
MANY = [
    "where it hurts",
    "pain level",
    "Pain level!",
    "surgery",
    "numbness",
    "medicines",
    "weak bones",
    "pressure",
    "blood thinners",
    "pregnant",
    "كيف حالك",
    "热敷",
]


def send(phone: Page, label: str, button: str, text: str) -> None:
    box = phone.get_by_label(label)
    box.wait_for(timeout=10_000)
    box.fill(text)
    phone.get_by_role("button", name=button).tap()
    wait_for_app_idle(phone)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    content = load_content()
    words = content.workshop.words
    workshop = content.modes.workshop
    label = words.open_input.format(limit=60)
    with run_streamlit() as app, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(),
            args=[*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {HOST} 127.0.0.1"],
        )
        url = f"http://{HOST}:{app.port}"
        presenter = new_context(browser, {"width": 1280, "height": 720}).new_page()
        presenter.goto(f"{url}/knowledge-check?mode=presenter")
        wait_for_app_idle(presenter)
        presenter.get_by_role("button", name=workshop.start).click()
        wait_for_app_idle(presenter)
        code = shown_room_code(presenter)
        for _ in range(len(content.workshop.questions) - 1):
            presenter.keyboard.press("ArrowRight")
            wait_for_app_idle(presenter)
        phones = [new_context(browser, "phone", touch=True).new_page() for _ in range(len(MANY))]
        for phone in phones:
            join_room(phone, url, code, words.phone_waiting, workshop.joining, 20_000)
        presenter.get_by_role("button", name=words.open).click()
        wait_for_app_idle(presenter)
        for phone, text in zip(phones, FEW, strict=False):
            send(phone, label, words.open_send, text)
        phones[0].screenshot(path=args.out / "open-phone.png")
        send(phones[-1], label, words.open_send, "😀👍")
        phones[-1].screenshot(path=args.out / "open-phone-refused.png")
        presenter.get_by_text(words.answered.format(count=len(FEW), phones=len(MANY))).wait_for()
        presenter.wait_for_timeout(1500)
        presenter.screenshot(path=args.out / "open-projector-bars-720.png")
        for phone, text in zip(phones, MANY, strict=True):
            send(phone, label, words.open_send, text)
        presenter.get_by_text(words.answered.format(count=len(MANY), phones=len(MANY))).wait_for()
        presenter.wait_for_timeout(1500)
        presenter.screenshot(path=args.out / "open-projector-cloud-720.png")
        presenter.set_viewport_size({"width": 1920, "height": 1080})
        presenter.wait_for_timeout(1500)
        presenter.screenshot(path=args.out / "open-projector-cloud-1080.png")
        presenter.get_by_role("button", name=words.reveal_open).click()
        wait_for_app_idle(presenter)
        phones[1].get_by_text(words.guide_says).wait_for()
        wait_for_app_idle(phones[1])
        phones[1].screenshot(path=args.out / "open-phone-revealed.png", full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
