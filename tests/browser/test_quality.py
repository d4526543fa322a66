"""Every page at phone, tablet (upright, then turned on its side) and desktop size: no errors, no
outside requests, no sideways scrolling on a phone, and no serious accessibility violations in
what the guide adds."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest
from playwright.sync_api import ConsoleMessage, Page, Request
from playwright.sync_api import Error as PlaywrightError

from guide_testing.accessibility import (
    Violation,
    new_violations,
    serious_violations,
    violations_of,
)
from guide_testing.browser import VIEWPORTS, OpenPage, wait_for_app_idle
from guide_testing.server import RunningApp
from guide_testing.shipped import shipped_content

PAGES = shipped_content().pages_in("standard")
#: The tablet is checked upright and then turned (landscape), in one page as a person turns it.
SIZES = ["phone", "tablet", "desktop"]
#: How long the touch targets may take to settle (a component's first value reruns the page).
SETTLE_MS = 5_000
# On a deep link (/techniques) Streamlit's frontend first probes /techniques/_stcore/health and
# /techniques/_stcore/host-config to find the server's base path; the 404s it logs are its own.
STREAMLIT_BASE_PATH_PROBES = ("/_stcore/health", "/_stcore/host-config")


def is_streamlit_probe(message: str, link_path: str) -> bool:
    return bool(link_path) and any(
        f"/{link_path}{probe}" in message for probe in STREAMLIT_BASE_PATH_PROBES
    )


# What a finger taps, at least 44 x 44 CSS px on tablets (WCAG 2.5.5, Apple and Material).
# A tick box or switch is tapped through its whole label, a select box through its whole field;
# links inside running text are exempt (WCAG's inline exception), as is the skip link, which
# appears only on keyboard focus.
SMALL_TARGETS_JS = """() => {
  const controls =
    'button, a[href], summary, input, select, [role=button], [role=switch], [role=tab]';
  const small = [];
  for (const el of document.querySelectorAll(controls)) {
    if (el.closest('[aria-hidden=true]') || el.dataset.testid === 'stSkipToContent') continue;
    if (el.tagName === 'A' && el.closest('p, li')) continue;
    let target = el;
    if (el.tagName === 'INPUT' && ['checkbox', 'radio'].includes(el.type)) {
      target = el.closest('label') || el;
    }
    const select = el.closest('.react-aria-ComboBox');
    if (select) target = select;
    const box = target.getBoundingClientRect();
    const style = getComputedStyle(target);
    if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
    if (box.width < 44 || box.height < 44) {
      const name = el.innerText || el.getAttribute('aria-label') || el.dataset.testid || el.tagName;
      const size = `${Math.round(box.width)}x${Math.round(box.height)}`;
      small.push(`${name.trim().slice(0, 40)} (${size})`);
    }
  }
  return small;
}"""


@dataclass
class Visit:
    page: Page
    console_errors: list[str] = field(default_factory=list)
    hosts: set[str] = field(default_factory=set)


def request_host(url: str) -> str:
    """The host a request goes to. A blob: URL (components v2 loads inline JavaScript from one)
    never leaves the browser; it belongs to the origin written inside it."""
    return urlparse(url.removeprefix("blob:")).netloc


@contextmanager
def visit_page(open_page: OpenPage, url: str, size: str) -> Iterator[Visit]:
    """Open `url` in a tab of that size, recording console errors and the hosts asked, until the
    block ends (the module's tabs are reused: the listeners go with the visit)."""
    page = open_page(size, touch=size != "desktop")
    visit = Visit(page)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            visit.console_errors.append(f"{message.text} at {message.location.get('url')}")

    def on_request(request: Request) -> None:
        visit.hosts.add(request_host(request.url))

    page.on("console", on_console)
    page.on("request", on_request)
    try:
        page.goto(url)
        wait_for_app_idle(page)
        yield visit
    finally:
        page.remove_listener("console", on_console)
        page.remove_listener("request", on_request)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("spec", PAGES, ids=[p.id for p in PAGES])
def test_page_is_clean_at_every_size(
    app_server: RunningApp,
    reused_page: OpenPage,
    spec,
    size: str,
    streamlit_baseline: set[Violation],
) -> None:
    with visit_page(reused_page, f"{app_server.url}/{spec.link_path}", size) as visit:
        check_visit(visit, app_server, size, streamlit_baseline, spec.link_path)
        if size == "tablet":
            visit.page.set_viewport_size(VIEWPORTS["tablet-landscape"])
            wait_for_app_idle(visit.page)
            check_visit(visit, app_server, "tablet-landscape", streamlit_baseline, spec.link_path)


def test_a_new_element_breaking_a_rule_the_bare_page_breaks_is_reported() -> None:
    # The comparison is by rule and element: sharing a rule with Streamlit excuses nothing.
    def response(*targets: str) -> dict:
        nodes = [{"target": [t]} for t in targets]
        return {"violations": [{"id": "color-contrast", "impact": "serious", "nodes": nodes}]}

    baseline = violations_of(response(".stToolbar button"))
    found = violations_of(response(".stToolbar button", ".guide-note p"))
    assert [v.target for v in new_violations(found, baseline)] == [".guide-note p"]
    assert new_violations(baseline, baseline) == []


def check_visit(
    visit: Visit, app_server: RunningApp, size: str, baseline: set[Violation], link_path: str
) -> None:
    page = visit.page
    assert page.locator('[data-testid="stException"]').count() == 0
    errors = [m for m in visit.console_errors if not is_streamlit_probe(m, link_path)]
    assert errors == []
    own_host = urlparse(app_server.url).netloc
    assert visit.hosts <= {own_host}, f"requests to other hosts: {visit.hosts - {own_host}}"
    if size.startswith("tablet"):
        # Measured once the page has settled: a component's first value can rerun the page, so
        # wait (up to SETTLE_MS) for the page to reach the state, then measure what it shows.
        with suppress(PlaywrightError):  # reported just below, with the list of small targets
            page.wait_for_function(f"() => ({SMALL_TARGETS_JS})().length === 0", timeout=SETTLE_MS)
        wait_for_app_idle(page)
        assert page.evaluate(SMALL_TARGETS_JS) == [], "touch targets under 44 px"
    if size == "phone":
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{overflow}px of sideways scrolling on a phone"
    violations = new_violations(serious_violations(page), baseline)
    assert not violations, "\n".join(f"{v.rule}: {v.help} at {v.target}" for v in violations)
