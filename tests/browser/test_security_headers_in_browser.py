"""The guide works under its Content-Security-Policy, in Chromium behind the repository's nginx on
loopback, and no other site can frame it (issue #12, part 7)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from guide_testing.assessment_flow import safety_screens, tap_through_safety
from guide_testing.browser import new_context, wait_for_app_idle
from guide_testing.nginx import Cluster, nginx_path, run_cluster
from guide_testing.shipped import shipped_content
from sciatica_guide.assessment.screens import question_screens
from sciatica_guide.content import Content

PAGES = [spec.url_path for spec in shipped_content().pages_in("standard")]
#: Collects every policy violation the page reports, from the first script on.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
});
"""


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    if nginx_path() is None:
        if os.environ.get("CI"):
            pytest.fail("Debian's nginx is needed: apt-get install nginx")
        pytest.skip("Debian's nginx is not installed (apt-get install nginx)")
    with run_cluster(("a",)) as running:
        yield running


@pytest.fixture
def watched(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A touch tablet page that records policy violations and console messages about them."""
    context = new_context(browser, "tablet", touch=True)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console: list[str] = []
    page.on(
        "console",
        lambda m: console.append(m.text) if "Content Security Policy" in m.text else None,
    )
    yield page, console
    context.close()


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__violations || []")


def test_every_page_works_under_the_policy(
    cluster: Cluster, watched: tuple[Page, list[str]], content: Content
) -> None:
    page, console = watched
    for path in PAGES:
        response = page.goto(f"{cluster.url}/{path}")
        assert response is not None and "frame-ancestors" in response.headers.get(
            "content-security-policy", ""
        )
        wait_for_app_idle(page)
        expect(page.get_by_text(content.red_flags.title).first).to_be_visible()
        assert violations(page) == [], path
    # The body map (a components v2 module from a blob: URL) answers the keyboard.
    page.goto(f"{cluster.url}/body-map")
    wait_for_app_idle(page)
    page.locator('[data-region="calf-left"]').first.focus()
    page.keyboard.press("Enter")
    wait_for_app_idle(page)
    expect(page.get_by_role("heading", name="Calf, your left")).to_be_visible()
    assert violations(page) == [] and console == []


def test_the_self_assessment_steps_and_downloads_work_under_the_policy(
    cluster: Cluster, watched: tuple[Page, list[str]], content: Content
) -> None:
    page, console = watched
    a = content.assessment
    page.goto(f"{cluster.url}/self-assessment")
    wait_for_app_idle(page)
    # A new screen runs the guide's own inline scroll script (allowed by its hash).
    tap_through_safety(page, content)
    where = 1 + len(safety_screens(content))
    total = len(question_screens(content))
    expect(page.get_by_text(a.progress.format(step=where, total=total))).to_be_visible()
    page.goto(f"{cluster.url}/sources-and-safety")
    wait_for_app_idle(page)
    button = page.get_by_role("button", name=content.modes.handout.button)
    with page.expect_download() as download:
        button.tap()
    assert download.value.path().read_bytes().startswith(b"%PDF")
    assert violations(page) == [] and console == []


def test_another_site_cannot_frame_the_guide(cluster: Cluster, browser: Browser) -> None:
    context = new_context(browser, "desktop")
    page = context.new_page()
    page.set_content(f'<iframe src="{cluster.url}/" width="800" height="600"></iframe>')
    page.wait_for_timeout(3000)
    framed = [f for f in page.frames if f is not page.main_frame]
    assert framed
    for frame in framed:
        # A refused frame shows Chromium's error page: the guide never loads in it.
        assert frame.locator('[data-testid="stApp"]').count() == 0
    context.close()
