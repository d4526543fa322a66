"""Tap to panel on a slow tablet: a body-map tap beside a bare app's button tap, in one run.

Chromium at tablet size (820x1180, touch), its CPU slowed 4x (CDP
`Emulation.setCPUThrottlingRate`), taps sent as touch events. Each tap is timed in the page:
from the `touchstart` event's own time stamp to the first animation frame in which the panel
names the tapped region (the bare app: in which its text shows the new count). A frame is what a
person sees, so the clock stops at frame granularity. The two pages take turns, tap by tap, so
background load on a shared machine hits both alike.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Browser, Page

from benchmarks.protocol_bench import percentile
from guide_testing.browser import DEEP_FIND_JS, new_context, wait_for_app_idle
from sciatica_guide.content import Content

#: How much Chromium slows its CPU: a budget tablet (Lighthouse's mobile default is 4).
CPU_SLOWDOWN = 4
#: Where the guide's panel names its region, and where the bare app shows its count. Both are
#: public hooks (st-key classes from widget keys) or the guide's own markup.
GUIDE_PANEL = ".st-key-bm-panel"
BARE_COUNT = ".st-key-tap-count"

#: Arms a probe: the next touchstart starts the clock; each animation frame after it checks
#: whether `target` inside `container` (also inside open shadow roots: the guide's components)
#: shows `text`, and stops the clock in the first frame where it does.
_PROBE_JS = (
    """(arm) => {
"""
    + DEEP_FIND_JS
    + """  const shows = () => {
    const box = document.querySelector(arm.container);
    const el = box && deep(box, arm.target);
    return Boolean(el && el.textContent.trim() === arm.text);
  };
  const probe = { start: null, end: null, confirmed: null };
  window.__tapProbe = probe;
  const tick = () => {
    if (probe.end === null && shows()) {
      probe.end = performance.now();
    }
    if (probe.confirmed === null && arm.url && location.search.endsWith(arm.url)) {
      probe.confirmed = performance.now();
    }
    if (probe.end === null || (arm.url && probe.confirmed === null)) {
      requestAnimationFrame(tick);
    }
  };
  window.addEventListener("touchstart", (event) => {
    if (probe.start === null && window.__tapProbe === probe) {
      probe.start = event.timeStamp || performance.now();
      requestAnimationFrame(tick);
    }
  }, { capture: true, passive: true, once: true });
}"""
)

_POINT_JS = """(el, p) => {
  const m = el.getScreenCTM();
  const x = m.a * p[0] + m.c * p[1] + m.e;
  const y = m.b * p[0] + m.d * p[1] + m.f;
  return [x, y, el.getRootNode().elementFromPoint(x, y) === el];
}"""


@dataclass(frozen=True)
class Tap:
    region_id: str
    view: str
    name: str


def tap_plan(content: Content, taps: int) -> list[Tap]:
    """`taps` taps in the order of the picture, a view at a time (back, front, back, ...)."""
    by_view: dict[str, list[Tap]] = {}
    for region in content.regions():
        by_view.setdefault(region.view, []).append(Tap(region.id, region.view, region.name))

    def cycle() -> Iterator[Tap]:
        while True:
            for view in ("back", "front"):
                yield from by_view.get(view, [])

    plan = cycle()
    return [next(plan) for _ in range(taps)]


def _throttled_page(browser: Browser, url: str) -> Page:
    context = new_context(browser, "tablet", touch=True)
    page = context.new_page()
    page.goto(url)
    wait_for_app_idle(page, timeout=60_000)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    return page


def _timed_tap(page: Page, x: float, y: float, arm: dict[str, str]) -> dict[str, float | None]:
    page.evaluate(_PROBE_JS, arm)
    page.touchscreen.tap(x, y)
    done = "() => window.__tapProbe.end !== null"
    if arm.get("url"):
        done = "() => window.__tapProbe.end !== null && window.__tapProbe.confirmed !== null"
    page.wait_for_function(done, timeout=60_000)
    probe = page.evaluate("() => window.__tapProbe")
    wait_for_app_idle(page, timeout=60_000)
    start = probe["start"]
    confirmed = probe["confirmed"]
    return {
        "ms": probe["end"] - start,
        "confirmed_ms": confirmed - start if confirmed is not None else None,
    }


def _show_view(page: Page, content: Content, view: str) -> None:
    """Turn the map to `view` (not timed). Playwright's locators see into open shadow roots."""
    if page.locator("svg.bm-svg").get_attribute("data-view") == view:
        return
    page.get_by_role("radio", name=content.body_map.ui.views[view]).tap()
    page.locator(f'svg.bm-svg[data-view="{view}"]').wait_for(state="attached", timeout=60_000)
    wait_for_app_idle(page, timeout=60_000)


def _region_point(page: Page, content: Content, region_id: str) -> tuple[float, float]:
    outline = content.body_map.outline(region_id)
    assert outline is not None
    region = page.locator(f'[data-region="{region_id}"]')
    region.scroll_into_view_if_needed()
    x, y, hit = region.evaluate(_POINT_JS, list(outline.label_at))
    if not hit:
        raise RuntimeError(f"{region_id}: something covers the region at its label point")
    return x, y


def _summary(samples: list[float]) -> dict[str, Any]:
    return {
        "median_ms": round(statistics.median(samples), 1),
        "p90_ms": round(percentile(samples, 0.90), 1),
        "samples_ms": [round(s, 1) for s in samples],
        "taps": len(samples),
    }


def tap_to_panel(
    browser: Browser, guide_url: str, bare_url: str, content: Content, taps: int = 24
) -> dict[str, Any]:
    """Median and p90 of tap-to-panel (guide) and tap-to-text (bare app), taps interleaved."""
    guide = _throttled_page(browser, f"{guide_url}/body-map")
    bare = _throttled_page(browser, bare_url)
    guide_ms: list[float] = []
    confirmed_ms: list[float] = []
    bare_ms: list[float] = []
    try:
        selected: str | None = None
        for tap in tap_plan(content, taps * 2):
            if len(guide_ms) >= taps:
                break
            if tap.region_id == selected:
                continue
            _show_view(guide, content, tap.view)
            x, y = _region_point(guide, content, tap.region_id)
            timed = _timed_tap(
                guide,
                x,
                y,
                {
                    "container": GUIDE_PANEL,
                    "target": "h3",
                    "text": tap.name,
                    "url": f"region={tap.region_id}",
                },
            )
            selected = tap.region_id
            guide_ms.append(float(timed["ms"] or 0))
            if timed["confirmed_ms"] is not None:
                confirmed_ms.append(float(timed["confirmed_ms"]))
            button = bare.get_by_role("button", name="Tap")
            box = button.bounding_box()
            assert box is not None
            timed = _timed_tap(
                bare,
                box["x"] + box["width"] / 2,
                box["y"] + box["height"] / 2,
                {"container": BARE_COUNT, "target": "p", "text": f"Taps: {len(bare_ms) + 1}"},
            )
            bare_ms.append(float(timed["ms"] or 0))
    finally:
        guide.context.close()
        bare.context.close()
    guide_summary = _summary(guide_ms)
    bare_summary = _summary(bare_ms)
    return {
        "viewport": "tablet 820x1180, touch",
        "cpu_slowdown": CPU_SLOWDOWN,
        "guide": {**guide_summary, "server_confirmed": _summary(confirmed_ms)},
        "bare": bare_summary,
        "ratio_median": round(guide_summary["median_ms"] / bare_summary["median_ms"], 2),
    }


#: After a tap: is the answer on screen? The bar's name and first line (or, where the panel is
#: beside the map, the panel's heading) inside the viewport, and how much of the screen's height
#: the figure takes.
_IN_SIGHT_JS = (
    """(name) => {
"""
    + DEEP_FIND_JS
    + """  // Inside the viewport and below the app's header bar (fixed over the page's top edge).
  const header = document.querySelector("header");
  const top = header ? header.getBoundingClientRect().bottom : 0;
  const inView = (el) => {
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= top - 1 && r.bottom <= window.innerHeight;
  };
  const barName = deep(document, ".bm-now-name");
  const barLine = deep(document, ".bm-now-line");
  const heading = deep(document.querySelector(".st-key-bm-panel"), "h3");
  const viaBar = inView(barName) && inView(barLine) && barName.textContent === name;
  const viaPanel = inView(heading) && heading.textContent === name;
  const svg = deep(document, "svg.bm-svg");
  return {
    in_sight: viaBar || viaPanel,
    figure_share: svg.getBoundingClientRect().height / window.innerHeight,
  };
}"""
)


def answer_in_sight(browser: Browser, guide_url: str, content: Content) -> dict[str, Any]:
    """Issue 14's phone goal: at 390x844, by touch, each region of both views is scrolled into
    view as a person would, tapped, and checked: are its name and the panel's first line on
    screen without scrolling?"""
    context = new_context(browser, "phone", touch=True)
    page = context.new_page()
    page.goto(f"{guide_url}/body-map")
    wait_for_app_idle(page, timeout=60_000)
    in_sight = 0
    missed: list[str] = []
    shares: list[float] = []
    try:
        for tap in tap_plan(content, len(content.regions())):
            _show_view(page, content, tap.view)
            x, y = _region_point(page, content, tap.region_id)
            page.touchscreen.tap(x, y)
            page.evaluate("() => new Promise((done) => requestAnimationFrame(() => done()))")
            seen = page.evaluate(_IN_SIGHT_JS, tap.name)
            shares.append(float(seen["figure_share"]))
            if seen["in_sight"]:
                in_sight += 1
            else:
                missed.append(tap.region_id)
            wait_for_app_idle(page, timeout=60_000)
    finally:
        context.close()
    return {
        "viewport": "phone 390x844, touch",
        "taps": len(shares),
        "in_sight": in_sight,
        "missed": missed,
        "figure_share_of_screen": round(statistics.median(shares), 2) if shares else None,
    }
