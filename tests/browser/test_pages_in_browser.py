"""Every page of the guide opens in Chromium and shows its words, by mouse and by touch."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import Error as PlaywrightError

from guide_testing.browser import OpenPage, new_context, open_page_from_menu, wait_for_app_idle
from guide_testing.server import RunningApp, run_streamlit
from sciatica_guide.content import Content


@dataclass(frozen=True)
class PageVisit:
    """What one page showed when opened by its address in a fresh session."""

    title: str
    headings: tuple[str, ...]
    exceptions: int
    dialogs: int
    text: str


@pytest.fixture(scope="module")
def visits(app_server: RunningApp, browser: Browser, content: Content) -> list[PageVisit]:
    """Every standard page opened once by its address at desktop size, by mouse: the two checks
    below read the same visits (each page load costs Chromium the most in this suite)."""
    context = new_context(browser, "desktop")
    try:
        page = context.new_page()
        seen = []
        for spec in content.pages_in("standard"):
            page.goto(f"{app_server.url}/{spec.link_path}")
            wait_for_app_idle(page)
            heading = page.get_by_role("heading", name=spec.title, level=1)
            with suppress(PlaywrightError):
                heading.wait_for(timeout=15_000)
            # A reader opens the sections that hold the rest (the article's words on the
            # techniques page sit in "More about ..."; issue 25).
            closed = page.locator('[data-testid="stMain"] details:not([open]) > summary:visible')
            for _ in range(20):
                if not closed.count():
                    break
                closed.first.click()
            wait_for_app_idle(page)
            seen.append(
                PageVisit(
                    title=spec.title,
                    headings=tuple(heading.all_inner_texts()),
                    exceptions=page.locator('[data-testid="stException"]').count(),
                    dialogs=page.get_by_role("dialog").count(),
                    text=page.locator('[data-testid="stMain"]').inner_text(),
                )
            )
        return seen
    finally:
        context.close()


def test_every_page_opens_by_its_url_and_shows_no_exception(visits: list[PageVisit]) -> None:
    for visit in visits:
        assert visit.headings, f"no heading {visit.title!r}"
        assert visit.exceptions == 0, visit.title
        assert visit.dialogs == 0, visit.title  # no "Page not found"


def test_article_paragraphs_are_visible_word_for_word(
    visits: list[PageVisit], content: Content
) -> None:
    shown = "\n".join(visit.text for visit in visits)
    for paragraph in content.article.paragraphs():
        assert paragraph in shown, paragraph[:60]


@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "touch"])
def test_navigation_menu_switches_page_at_tablet_size(
    app_server: RunningApp, reused_page: OpenPage, content: Content, touch: bool
) -> None:
    page = reused_page("tablet", touch=touch)
    page.goto(app_server.url)
    wait_for_app_idle(page)
    target = content.page("techniques")
    # At tablet width the pages are in the top bar (this one in its "more" list).
    open_page_from_menu(page, target.title, touch=touch)
    wait_for_app_idle(page)
    expect(page.get_by_role("heading", name=target.title, level=1)).to_be_visible()
    assert page.url.rstrip("/").endswith(target.url_path)


def test_urgent_help_opens_from_the_keyboard(
    app_server: RunningApp, page: Page, content: Content
) -> None:
    page.goto(app_server.url)
    wait_for_app_idle(page)
    summary = page.locator("summary", has_text=content.red_flags.title).first
    summary.focus()
    page.keyboard.press("Enter")
    first_flag = content.red_flags.groups[0].flags[0].text
    expect(page.get_by_text(first_flag, exact=True).first).to_be_visible()


def test_first_request_to_a_fresh_server_can_be_a_deep_link(
    reused_page: OpenPage, content: Content
) -> None:
    # The first script run of a process is where a legacy pages/ folder would take over and show
    # the page without the frame (no urgent-help signs, raw file names in the menu).
    target = content.page("techniques")
    with run_streamlit(warm=False) as fresh:
        page = reused_page("desktop")
        page.goto(f"{fresh.url}/{target.url_path}")
        wait_for_app_idle(page)
        expect(page.get_by_role("heading", name=target.title, level=1)).to_be_visible()
        expect(page.locator("summary", has_text=content.red_flags.title)).to_be_visible()
        # The legacy pages/ folder also showed "Page not found" over such a first deep link.
        expect(page.get_by_role("dialog")).to_have_count(0)
        nav_links = page.locator('[data-testid="stTopNavLink"]')
        # Each link reads "<icon name>\n\n<title>"; the title is what a person reads.
        shown = [text.split("\n")[-1] for text in nav_links.all_inner_texts()]
        assert shown == [p.title for p in content.pages_in("standard") if not p.hidden]


def test_the_start_pages_own_address_opens_it_with_its_query(
    app_server: RunningApp, reused_page: OpenPage, content: Content
) -> None:
    """`/overview` (the start page's own address, as a person may type or share it) opens the
    Overview at the root, with no "Page not found", keeping the link's query."""
    start = next(p for p in content.pages_in("standard") if p.default)
    page = reused_page("phone", touch=True)
    page.goto(f"{app_server.url}/{start.url_path}?country=uk")
    wait_for_app_idle(page)
    expect(page.get_by_role("heading", name=start.title, level=1)).to_be_visible()
    expect(page.get_by_role("dialog")).to_have_count(0)
    assert page.url.rstrip("/").endswith(f"{app_server.port}/?country=uk"), page.url
    # The link's country is in use (its words sit in the closed Get urgent help box).
    expect(page.get_by_text("Numbers for: United Kingdom")).to_be_attached()
