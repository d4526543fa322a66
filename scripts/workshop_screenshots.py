"""Screenshots of a workshop for the README: projector (1920x1080), desktop and phone.

Usage: python scripts/workshop_screenshots.py [--out docs/screenshots]
Needs Debian's chromium. Starts its own server on a free loopback port; the presenter's browser
uses a network name (mapped to loopback) so the QR code is drawn as on a real network.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from guide_testing.browser import (
    CHROMIUM_ARGS,
    chromium_path,
    new_context,
    wait_for_app_idle,
)
from guide_testing.server import run_streamlit
from sciatica_guide.content import load_content

HOST = "guide.example"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    words = load_content().modes.workshop
    with run_streamlit() as app, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(),
            args=[*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {HOST} 127.0.0.1"],
        )
        base = f"http://{HOST}:{app.port}"
        presenter_context = new_context(browser, "desktop")
        presenter = presenter_context.new_page()
        presenter.set_viewport_size({"width": 1280, "height": 720})
        presenter.goto(f"{base}/present?mode=presenter")
        wait_for_app_idle(presenter)
        presenter.get_by_role("button", name=words.start).click()
        wait_for_app_idle(presenter)
        # The slide with the workshop strip, on a 1280x720 projector.
        presenter.screenshot(path=args.out / "workshop-projector-720.png")
        code = presenter.locator(".workshop-code-small").inner_text().replace(" ", "")
        presenter.set_viewport_size({"width": 1920, "height": 1080})
        presenter.keyboard.press("j")
        wait_for_app_idle(presenter)
        presenter.screenshot(path=args.out / "workshop-projector.png")
        phone = new_context(browser, "phone", touch=True).new_page()
        phone.goto(f"{base}/join?room={code}")
        wait_for_app_idle(phone)
        presenter.keyboard.press("j")
        wait_for_app_idle(presenter)
        for _ in range(2):
            presenter.keyboard.press("ArrowRight")
            wait_for_app_idle(presenter)
        phone.get_by_text("Section 3 of").wait_for()
        wait_for_app_idle(phone)
        presenter.screenshot(path=args.out / "workshop-projector-hidden.png")
        presenter.set_viewport_size({"width": 1440, "height": 900})
        presenter.wait_for_timeout(500)
        presenter.screenshot(path=args.out / "workshop-desktop.png")
        phone.screenshot(path=args.out / "workshop-phone.png")
        browser.close()


if __name__ == "__main__":
    main()
