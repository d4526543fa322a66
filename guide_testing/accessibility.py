"""axe-core results as (rule, element) pairs, so a comparison with a bare Streamlit page ignores
only the very elements that page also gets wrong, not every element that breaks the same rule."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from typing import Any, NamedTuple

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

SERIOUS = frozenset({"serious", "critical"})


class Violation(NamedTuple):
    """One element breaking one axe rule; `target` is axe's selector path to the element."""

    rule: str
    target: str
    help: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return self.rule, self.target


def violations_of(axe_response: dict[str, Any], impacts: Iterable[str] = SERIOUS) -> set[Violation]:
    """Every (rule, element) of an axe response with one of `impacts`."""
    wanted = set(impacts)
    return {
        Violation(rule["id"], " >>> ".join(map(str, node["target"])), rule.get("help", ""))
        for rule in axe_response["violations"]
        if rule.get("impact") in wanted
        for node in rule["nodes"]
    }


#: Watches Streamlit's own run-state attribute (as guide_testing.browser.wait_for_app_idle does):
#: returns a function that says whether a script run started or was going on since the watch.
_WATCH_RUNS = """() => {
  const app = document.querySelector("[data-testid=stApp]");
  let ran = !app || app.dataset.testScriptState !== "notRunning";
  const watch = new MutationObserver(() => { ran = true; });
  if (app) watch.observe(app, { attributes: true, attributeFilter: ["data-test-script-state"] });
  window.__guideScanRan = () => { watch.disconnect(); return ran; };
}"""


#: True once no finite CSS transition or animation is running: an element still fading (after a
#: run, or as it appears) has a passing colour that axe would report as the page's own (seen once
#: on the overview at phone size, on a busy machine).
_NOTHING_FADING = """() => document.getAnimations().every(
  (a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity
)"""


def serious_violations(page: Page, *, attempts: int = 3) -> set[Violation]:
    """The page's serious and critical axe violations, scanned while no script run goes on.

    A run during the scan (a component's first value can rerun the page) greys the old elements
    out for a moment, and axe would measure that passing state's contrast: such a scan is done
    again once the page is idle. A page that is wrong when settled is reported as it is."""
    found: set[Violation] = set()
    for _ in range(attempts):
        # Settled: scanned below either way, so a page that never settles is still reported.
        with suppress(PlaywrightError):
            page.wait_for_function(_NOTHING_FADING, timeout=5_000)
        page.evaluate(_WATCH_RUNS)
        found = violations_of(Axe().run(page).response)
        if not page.evaluate("() => window.__guideScanRan()"):
            return found
        page.wait_for_selector(
            '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=30_000
        )
        page.wait_for_timeout(300)
    return found


def new_violations(found: Iterable[Violation], baseline: Iterable[Violation]) -> list[Violation]:
    """What `found` has beyond the baseline, compared by rule AND element."""
    known = {v.key for v in baseline}
    return sorted(v for v in found if v.key not in known)
