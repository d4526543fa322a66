"""Every page at phone, tablet and desktop size: no errors, no outside requests, no sideways
scrolling on a phone, and no serious accessibility violations in what the guide adds."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from guide_testing.browser import new_context, wait_for_app_idle
from guide_testing.server import RunningApp, run_streamlit
from sciatica_guide import APP_ROOT
from sciatica_guide.content import load_content

PAGES = load_content().pages_in("standard")
SIZES = ["phone", "tablet", "tablet-landscape", "desktop"]
SERIOUS = {"serious", "critical"}
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
def open_page(browser: Browser, url: str, size: str) -> Iterator[Visit]:
    context = new_context(browser, size, touch=size != "desktop")
    page = context.new_page()
    visit = Visit(page)
    page.on(
        "console",
        lambda m: (
            visit.console_errors.append(f"{m.text} at {m.location.get('url')}")
            if m.type == "error"
            else None
        ),
    )
    page.on("request", lambda r: visit.hosts.add(request_host(r.url)))
    page.goto(url)
    wait_for_app_idle(page)
    yield visit
    context.close()


def serious_violations(page: Page) -> list[dict]:
    results = Axe().run(page)
    return [v for v in results.response["violations"] if v.get("impact") in SERIOUS]


@pytest.fixture(scope="module")
def bare_app() -> Iterator[RunningApp]:
    # Run from the repository so the bare app gets the same .streamlit/config.toml as the guide.
    with run_streamlit(APP_ROOT / "benchmarks" / "bare_app.py") as app:
        yield app


@pytest.fixture(scope="module")
def streamlit_baseline(browser: Browser, bare_app: RunningApp) -> set[str]:
    """The axe rules a bare Streamlit page already breaks: Streamlit's own, not the guide's."""
    with open_page(browser, bare_app.url, "desktop") as visit:
        rules = {v["id"] for v in serious_violations(visit.page)}
    print(f"\nA bare Streamlit page has serious/critical axe violations: {sorted(rules) or 'none'}")
    return rules


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("spec", PAGES, ids=[p.id for p in PAGES])
def test_page_is_clean_at_every_size(
    app_server: RunningApp, browser: Browser, spec, size: str, streamlit_baseline: set[str]
) -> None:
    with open_page(browser, f"{app_server.url}/{spec.link_path}", size) as visit:
        check_visit(visit, app_server, size, streamlit_baseline, spec.link_path)


def check_visit(
    visit: Visit, app_server: RunningApp, size: str, baseline: set[str], link_path: str
) -> None:
    page = visit.page
    assert page.locator('[data-testid="stException"]').count() == 0
    errors = [m for m in visit.console_errors if not is_streamlit_probe(m, link_path)]
    assert errors == []
    own_host = urlparse(app_server.url).netloc
    assert visit.hosts <= {own_host}, f"requests to other hosts: {visit.hosts - {own_host}}"
    if size.startswith("tablet"):
        # Measured once the page has settled (a component's first value can rerun the page).
        small = page.evaluate(SMALL_TARGETS_JS)
        for _ in range(10):
            if not small:
                break
            page.wait_for_timeout(500)
            wait_for_app_idle(page)
            small = page.evaluate(SMALL_TARGETS_JS)
        assert small == [], "touch targets under 44 px"
    if size == "phone":
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{overflow}px of sideways scrolling on a phone"
    violations = [v for v in serious_violations(page) if v["id"] not in baseline]
    described = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in violations
    ]
    assert not violations, "\n".join(described)
