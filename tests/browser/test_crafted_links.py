"""A crafted link or setting cannot put a link, an image, a heading or a form into the guide
(issue #12, parts 3 and 4), checked in Chromium where Markdown is really rendered."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from guide_testing.browser import new_context, wait_for_app_idle
from guide_testing.server import RunningApp, run_streamlit
from guide_testing.shipped import shipped_content
from sciatica_guide.content import Content

EVIL = "evil.example"
#: U+2060, which the guide puts after "www", ":" and "@" so Markdown cannot autolink them.
WORD_JOINER = "\u2060"
CRAFTED_MODES = [
    "[Call 0800 EVIL](https://evil.example)",
    "![x](https://evil.example/pixel.png)",
    "\n\n# Do not call 999",
    "www.evil.example",
    '<img src="https://evil.example/pixel.png">',
    ":red[Call 0800 EVIL]",
]
#: Settings the guide accepts (one short line each) that would be a link out if read as Markdown.
CLINIC_ENV = {
    "SCIATICA_GUIDE_MODE": "clinic",
    "SCIATICA_GUIDE_CLINIC_NAME": "Riverside [Book now](https://evil.example)",
    "SCIATICA_GUIDE_CLINIC_CONTACT": (
        "reception@evil.example or www.evil.example ![x](https://evil.example/p.png)"
    ),
    "SCIATICA_GUIDE_EMERGENCY_NUMBER": "999",
}


@pytest.fixture(scope="module")
def clinic_server() -> Iterator[RunningApp]:
    with run_streamlit(env=CLINIC_ENV) as app:
        yield app


def outside_requests(page: Page) -> list[str]:
    """Collect every request the page makes to a host other than the guide's own."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def assert_nothing_injected(page: Page, base: str, requests: list[str]) -> None:
    main = page.locator('[data-testid="stMain"]')
    hrefs = main.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
    host = urlsplit(base).netloc
    # The only links that leave the page are the country packs' call buttons (issue 23).
    calls = {
        f"tel:{phone.dial}"
        for pack in shipped_content().countries.values()
        for phone in (pack.emergency, pack.advice_line)
        if phone
    }
    assert [h for h in hrefs if urlsplit(h).netloc != host and h not in calls] == []
    assert main.locator(f'img[src*="{EVIL}"], form, iframe').count() == 0
    assert [url for url in requests if urlsplit(url).netloc not in (host, "")] == []


@pytest.mark.parametrize("crafted", CRAFTED_MODES)
def test_a_crafted_mode_link_shows_a_calm_notice_and_nothing_it_carries(
    app_server: RunningApp, browser: Browser, content: Content, crafted: str
) -> None:
    context = new_context(browser, "phone", touch=True)
    page = context.new_page()
    requests = outside_requests(page)
    page.goto(f"{app_server.url}/?mode={quote(crafted)}")
    wait_for_app_idle(page)
    notice = page.locator('[data-testid="stAlert"]').filter(has_text="does not exist")
    expect(notice).to_have_count(1)
    # Nothing the link carried is shown: no words, no heading, no link, no picture.
    assert "0800" not in notice.inner_text() and "evil" not in notice.inner_text().lower()
    assert notice.locator("h1, h2, h3, h4, a, img").count() == 0
    expect(page.get_by_role("heading", name="Do not call 999")).to_have_count(0)
    assert_nothing_injected(page, app_server.url, requests)
    # The urgent-help box still comes first, as on every page.
    expect(page.get_by_text(content.red_flags.title)).to_be_visible()
    context.close()


def test_clinic_name_and_contact_are_shown_as_plain_text(
    clinic_server: RunningApp, browser: Browser
) -> None:
    context = new_context(browser, "tablet", touch=True)
    page = context.new_page()
    requests = outside_requests(page)
    page.goto(clinic_server.url)
    wait_for_app_idle(page)
    # Shown as set, character for character (the invisible word joiners that stop autolinks
    # aside), and not as a link.
    shown = page.locator('[data-testid="stMain"]').inner_text().replace(WORD_JOINER, "")
    assert CLINIC_ENV["SCIATICA_GUIDE_CLINIC_NAME"] in shown
    assert CLINIC_ENV["SCIATICA_GUIDE_CLINIC_CONTACT"] in shown
    assert_nothing_injected(page, clinic_server.url, requests)
    context.close()
