"""The movement pictures in Chromium, shown as the page shows them (<img> of a data: URL): they
move, and on a device that asks for reduced motion they stand still.

Playwright's reduced_motion="reduce" does not reach an SVG drawn as an image: Chromium gives
the image's document a copy of the browser's own settings, not the page's emulated media
(blink's IsolatedSVGDocumentHost::CopySettingsFrom). A person's system setting does reach it,
and --force-prefers-reduced-motion sets that one, so the still check runs in such a Chromium.
"""

from __future__ import annotations

import base64

import pytest
from playwright.sync_api import Browser, Page

from guide_testing.browser import new_context
from sciatica_guide.movements.figure import FIGURES, movement_figure_svg

pytestmark = pytest.mark.browser


def show_figures(page: Page) -> None:
    images = "".join(
        f'<img id="{figure_id}" width="320" alt="" src="data:image/svg+xml;base64,'
        f'{base64.b64encode(movement_figure_svg(figure_id, title=figure_id).encode()).decode()}">'
        for figure_id in FIGURES
    )
    page.set_content(f"<!doctype html><body style='margin:0'>{images}</body>")
    page.wait_for_function("[...document.images].every(i => i.complete && i.naturalWidth > 0)")


def shots(page: Page, times: int) -> dict[str, list[bytes]]:
    """Each picture's screenshot `times` times, 0.6 s apart (three shots span 1.2 s)."""
    taken: dict[str, list[bytes]] = {figure_id: [] for figure_id in FIGURES}
    for i in range(times):
        if i:
            page.wait_for_timeout(600)
        for figure_id in FIGURES:
            taken[figure_id].append(page.locator(f"#{figure_id}").screenshot(animations="allow"))
    return taken


def test_each_picture_moves(browser: Browser) -> None:
    context = new_context(browser, {"width": 340, "height": 1100})
    try:
        page = context.new_page()
        show_figures(page)
        # Three moments, not two: two could fall either side of a hold, in the same pose.
        still = [fid for fid, images in shots(page, 3).items() if len(set(images)) == 1]
    finally:
        context.close()
    assert not still, f"these pictures did not move: {still}"


def test_each_picture_stands_still_where_the_device_asks_for_less_motion(
    reduced_motion_browser: Browser,
) -> None:
    context = new_context(reduced_motion_browser, {"width": 340, "height": 1100})
    try:
        page = context.new_page()
        show_figures(page)
        moved = [fid for fid, images in shots(page, 3).items() if len(set(images)) > 1]
    finally:
        context.close()
    assert not moved, f"these pictures moved: {moved}"
