"""A workshop in Chromium: a presenter and 3 phones, time from the presenter's click to each phone.

    python -m benchmarks.workshop_browser_bench                 # 15 moves, memory and Redis
    python -m benchmarks.workshop_browser_bench --moves 5 --backends memory   # quick

The presenter clicks Next on the article; each phone (390x844, touch) watches its own page every
10 ms for the new "Section n of m". One browser, one machine, so the pages share a clock
(Date.now()). Writes benchmarks/results/workshop_browser.json. Goal (issue 30): p95 <= 0.5 s.
"""

from __future__ import annotations

import argparse
import json
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from benchmarks.protocol_bench import percentile
from guide_testing.browser import (
    CHROMIUM_ARGS,
    chromium_path,
    new_context,
    shown_room_code,
    wait_for_app_idle,
)
from guide_testing.redis_server import run_redis
from guide_testing.server import run_streamlit
from sciatica_guide.content import load_content

RESULTS = Path(__file__).resolve().parent / "results" / "workshop_browser.json"
TARGET_P95_S = 0.5
PHONES = 3

WATCH_JS = """
(label) => {
  window.__seenAt = null;
  const timer = setInterval(() => {
    if (document.body.innerText.includes(label)) {
      window.__seenAt = Date.now();
      clearInterval(timer);
    }
  }, 10);
}
"""


def run(backend: str, moves: int) -> dict[str, Any]:
    content = load_content()
    words = content.modes.workshop
    total = len(content.article.all_sections())
    with ExitStack() as stack:
        env: dict[str, str] = {}
        if backend == "redis":
            env["SCIATICA_GUIDE_ROOM_STORE"] = stack.enter_context(run_redis()).url
        app = stack.enter_context(run_streamlit(env=env))
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        presenter = new_context(browser, "desktop").new_page()
        presenter.goto(f"{app.url}/present?mode=presenter")
        wait_for_app_idle(presenter)
        presenter.get_by_role("button", name=words.start, exact=True).click()
        wait_for_app_idle(presenter)
        code = shown_room_code(presenter)
        phones = [new_context(browser, "phone", touch=True).new_page() for _ in range(PHONES)]
        for phone in phones:
            phone.goto(f"{app.url}/join?room={code}")
            wait_for_app_idle(phone)
        per_phone: list[list[float]] = [[] for _ in phones]
        latencies: list[float] = []
        for move in range(min(moves, total - 1)):
            label = content.modes.presenter.step_label.format(number=move + 2, total=total)
            for phone in phones:
                phone.evaluate(WATCH_JS, label)
            presenter.wait_for_timeout(300)  # the phones' timers at random points
            clicked = presenter.evaluate("Date.now()")
            presenter.get_by_role("button", name=content.modes.presenter.next).click()
            for index, phone in enumerate(phones):
                phone.wait_for_function("() => window.__seenAt !== null", timeout=15_000)
                seconds = (phone.evaluate("window.__seenAt") - clicked) / 1000
                per_phone[index].append(round(seconds, 3))
                latencies.append(seconds)
            wait_for_app_idle(presenter)
        browser.close()
    return {
        "backend": backend,
        "phones": PHONES,
        "moves": len(per_phone[0]),
        "p50_s": round(percentile(latencies, 0.5), 3),
        "p95_s": round(percentile(latencies, 0.95), 3),
        "max_s": round(max(latencies), 3),
        "per_phone_s": per_phone,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--moves", type=int, default=15)
    parser.add_argument("--backends", default="memory,redis")
    args = parser.parse_args()
    results = [run(b, args.moves) for b in args.backends.split(",")]
    print("| Store | Phones | Moves | p50 to new section | p95 | max |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in results:
        print(
            f"| {r['backend']} | {r['phones']} | {r['moves']} | {r['p50_s']} s | {r['p95_s']} s"
            f" | {r['max_s']} s |"
        )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps({"targets": {"p95_s": TARGET_P95_S}, "results": results}, indent=2)
    )


if __name__ == "__main__":
    main()
