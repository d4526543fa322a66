"""The README's body map screenshots: a tablet with the left calf chosen (panel beside the map),
and a phone right after a tap (the bar above the figure).

Usage: python scripts/body_map_screenshots.py [--out docs/screenshots]
Needs Debian's chromium. Starts its own server on a free loopback port.
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
    wait_for_address,
    wait_for_app_idle,
)
from guide_testing.server import run_streamlit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with run_streamlit() as app, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        # Tablet in landscape with the sidebar closed: the map and the panel side by side.
        context = new_context(browser, {"width": 1180, "height": 820}, touch=True)
        page = context.new_page()
        page.goto(f"{app.url}/body-map")
        wait_for_app_idle(page)
        page.locator('[data-region="calf-left"]').tap()
        wait_for_address(page, "?region=calf-left")
        wait_for_app_idle(page)
        page.evaluate("() => document.querySelector('.st-key-bm-layout').scrollIntoView()")
        page.screenshot(path=str(args.out / "body-map-tablet.png"))
        context.close()
        # Phone: the figure on screen, right after a tap on the left calf.
        context = new_context(browser, "phone", touch=True)
        page = context.new_page()
        page.goto(f"{app.url}/body-map")
        wait_for_app_idle(page)
        page.locator(".bm-now").scroll_into_view_if_needed()
        page.locator('[data-region="calf-left"]').tap()
        wait_for_address(page, "?region=calf-left")
        wait_for_app_idle(page)
        page.screenshot(path=str(args.out / "body-map-phone.png"))
        context.close()
        browser.close()


if __name__ == "__main__":
    main()
