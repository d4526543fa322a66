"""Screenshots of the body map's technique marks, and how long showing marks takes.

Usage: python scripts/marks_screenshots.py [--out docs/screenshots] [--measure]

Shoots the left buttock with its tender spots at phone, tablet and desktop size. With --measure,
also times showing and hiding marks on a tablet with the CPU slowed 4x (Chromium's CDP
Emulation.setCPUThrottlingRate, as the benchmark does): from the tap's click to the next frame
painted with the marks, and whether any script run started on the server.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from guide_testing.browser import (
    CHROMIUM_ARGS,
    chromium_path,
    new_context,
    wait_for_app_idle,
)
from guide_testing.server import run_streamlit

REGION = "buttock-left"
TECHNIQUE = "trigger-point"


def open_with_marks(page: Page, url: str) -> None:
    page.goto(f"{url}/body-map?region={REGION}")
    wait_for_app_idle(page)
    button = page.locator(f'.bm-mk-button[data-technique="{TECHNIQUE}"]')
    button.click()
    page.locator(".bm-marks.is-shown").wait_for()


def measure(page: Page, rounds: int = 30) -> list[float]:
    """Milliseconds from a click on the technique's button to the next painted frame."""
    button = page.locator(f'.bm-mk-button[data-technique="{TECHNIQUE}"]')
    times = []
    for _ in range(rounds):
        times.append(
            button.evaluate(
                """el => new Promise((done) => {
                    const start = performance.now();
                    el.click();
                    requestAnimationFrame(() => setTimeout(() => done(performance.now() - start)));
                })"""
            )
        )
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--measure", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with run_streamlit() as app, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for size in ("phone", "tablet", "desktop"):
            context = new_context(browser, size, touch=size != "desktop")
            page = context.new_page()
            open_with_marks(page, app.url)
            # The figure's lower half, with the marks, and the words under it.
            # The chosen region near the top, its marks and the words under the figure below.
            page.locator(f'.bm-region[data-region="{REGION}"]').evaluate(
                "el => el.scrollIntoView({block: 'start'})"
            )
            page.mouse.wheel(0, -90)
            page.wait_for_timeout(300)
            target = args.out / f"body-map-marks-{size}.png"
            page.screenshot(path=str(target))
            print(target)
            context.close()
        if args.measure:
            context = new_context(browser, "tablet", touch=True)
            page = context.new_page()
            # Every message the browser sends to the server: a rerun would need one.
            sent: list[object] = []
            page.on("websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(frame)))
            open_with_marks(page, app.url)
            wait_for_app_idle(page)
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            before = len(sent)
            times = measure(page)
            page.wait_for_timeout(1000)
            print(
                f"show/hide marks, tablet, CPU 4x slower: median {statistics.median(times):.1f} ms,"
                f" max {max(times):.1f} ms over {len(times)};"
                f" messages sent to the server: {len(sent) - before}"
            )
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
