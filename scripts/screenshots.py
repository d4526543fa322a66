"""Take a screenshot of every page at phone, tablet and desktop size, for review and the README.

Usage: python scripts/screenshots.py [--out docs/screenshots] [--sizes phone,tablet,desktop]
       [--pages overview,body-map] [--mode clinic] [--suffix -clinic] [--scheme dark]
       [--lang zh]
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
    VIEWPORTS,
    chromium_path,
    new_context,
    wait_for_app_idle,
)
from guide_testing.server import run_streamlit
from sciatica_guide.content import load_content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--sizes", default="phone,tablet,desktop")
    parser.add_argument("--pages", default="", help="comma-separated page ids (default: all)")
    parser.add_argument("--mode", default="standard", choices=["standard", "clinic", "presenter"])
    parser.add_argument("--suffix", default="", help="added to each file name, e.g. -clinic")
    parser.add_argument(
        "--scheme", default="light", choices=["light", "dark"], help="the device's colour setting"
    )
    parser.add_argument("--lang", default="", help="a language code (opens ?lang=<code>)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    content = load_content(None, args.lang or None)
    query = f"?lang={args.lang}" if args.lang else ""
    wanted = [p for p in args.pages.split(",") if p]
    pages = [p for p in content.pages_in(args.mode) if not wanted or p.id in wanted]
    env = {
        "SCIATICA_GUIDE_MODE": args.mode,
        "SCIATICA_GUIDE_PUBLIC_URL": "https://guide.example.org",
    }
    with run_streamlit(env=env) as app, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for size in args.sizes.split(","):
            if size not in VIEWPORTS:
                parser.error(f"unknown size {size!r}; choose from {', '.join(VIEWPORTS)}")
            context = new_context(browser, size, touch=size != "desktop", color_scheme=args.scheme)
            page = context.new_page()
            for spec in pages:
                page.goto(f"{app.url}/{spec.link_path}{query}")
                wait_for_app_idle(page)
                target = args.out / f"{spec.id}-{size}{args.suffix}.png"
                page.screenshot(path=str(target))
                print(target)
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
