"""The printable handout downloaded by touch on a tablet (820x1180) in Chromium."""

from __future__ import annotations

import io

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from guide_testing.browser import wait_for_app_idle
from guide_testing.server import RunningApp
from sciatica_guide.content import Content


def test_the_handout_downloads_by_touch_on_a_tablet(
    tablet_page: Page, app_server: RunningApp, content: Content
) -> None:
    page = tablet_page
    page.goto(f"{app_server.url}/{content.page('sources').url_path}")
    wait_for_app_idle(page)
    words = content.modes.handout
    button = page.get_by_role("button", name=words.button)
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    assert box is not None and box["height"] >= 44
    with page.expect_download(timeout=60_000) as info:
        button.tap()
    download = info.value
    assert download.suggested_filename == words.file_name
    data = download.path().read_bytes()
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    text = " ".join("\n".join(p.extract_text() for p in reader.pages).split())
    for flag in content.red_flags.all_flags():
        assert " ".join(flag.text.split()) in text
    # Nothing about the visit changed: the page is still there, without an error.
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
