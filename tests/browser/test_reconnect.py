"""A server restart with a page open: plain words while it reconnects, then map and panel agree.

Killing and restarting the server used to leave the body map marking the right calf after a
tap while the panel and the URL still said the left (Streamlit runs no callback for a widget
that the new session has not drawn, and the map kept the tap it had drawn at once). Also here:
the banner that replaces Streamlit's "Connection error ... Are you connected to the internet?"
(sciatica_guide/ui/reconnect.py, which uses Streamlit internals: these tests notice when they
change). See docs/clinical-safety.md, "A dead session on a slow network".
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from test_slow_link import tap_points

from guide_testing.browser import new_context, wait_for_address, wait_for_app_idle
from guide_testing.server import free_port, run_streamlit, stop_process
from sciatica_guide.ui.reconnect import RECONNECTING_TEXT

SLOW = 45_000
STREAMLIT_DIALOG_TEXT = "Are you connected to the internet?"


def banner_text(page: Page) -> str:
    return page.evaluate(
        "() => getComputedStyle(document.querySelector('.stApp'), '::before').content"
    )


def assert_selected(page: Page, region_id: str, name: str) -> None:
    expect(page.locator(".st-key-bm-panel h3")).to_have_text(name, timeout=SLOW)
    wait_for_app_idle(page, timeout=SLOW)
    pressed = page.locator('.bm-region[aria-pressed="true"]')
    expect(pressed).to_have_count(1)
    expect(pressed).to_have_attribute("data-region", region_id)
    expect(page.locator(".st-key-bm-panel h3")).to_have_text(name)
    wait_for_address(page, f"?region={region_id}", timeout=SLOW)


@pytest.fixture
def tablet(browser: Browser) -> Iterator[Page]:
    context = new_context(browser, "tablet", touch=True)
    yield context.new_page()
    context.close()


def test_after_a_restart_the_banner_says_reconnecting_and_the_first_tap_counts(
    tablet: Page,
) -> None:
    port = free_port()
    with run_streamlit(port=port) as app:
        tablet.goto(f"{app.url}/body-map?region=calf-left")
        wait_for_app_idle(tablet)
        assert_selected(tablet, "calf-left", "Calf, your left")
        assert banner_text(tablet) in ("none", "normal")
        stop_process(app.process)
        # Streamlit opens its dialog after several failed tries: wait until it is in the page,
        # then check that the person sees the banner and not the dialog.
        dialog = tablet.locator(".stDialog", has_text=STREAMLIT_DIALOG_TEXT)
        expect(dialog).to_be_attached(timeout=SLOW)
        expect(dialog).to_be_hidden()
        assert RECONNECTING_TEXT in banner_text(tablet)
    with run_streamlit(port=port):
        wait_for_app_idle(tablet, timeout=SLOW)
        assert banner_text(tablet) in ("none", "normal")
        expect(tablet.get_by_text(STREAMLIT_DIALOG_TEXT)).to_have_count(0)
        [(x, y)] = tap_points(tablet, ("calf-right",))
        tablet.touchscreen.tap(x, y)
        assert_selected(tablet, "calf-right", "Calf, your right")


def test_the_map_shows_the_servers_choice_when_the_server_refuses_a_tap(
    tablet: Page,
) -> None:
    with run_streamlit() as app:
        tablet.goto(f"{app.url}/body-map?region=calf-left")
        wait_for_app_idle(tablet)
        # A tap the server will not take: a region name it does not know.
        [(x, y)] = tap_points(tablet, ("calf-right",))
        region = tablet.locator('[data-region="calf-right"]')
        # Every state the region's button takes is recorded: the tap's "true" can be gone again
        # before a poll of expect() would see it.
        region.evaluate(
            """el => {
                el.dataset.region = 'no-such-region';
                window.__pressed = [];
                new MutationObserver(() => window.__pressed.push(el.getAttribute('aria-pressed')))
                    .observe(el, { attributes: true, attributeFilter: ['aria-pressed'] });
            }"""
        )
        region = tablet.locator('[data-region="no-such-region"]')
        tablet.touchscreen.tap(x, y)
        tablet.wait_for_function("() => window.__pressed.includes('true')", timeout=SLOW)
        # The map draws the tap at once; the server's run then draws its own choice again.
        expect(region).to_have_attribute("aria-pressed", "false", timeout=SLOW)
        assert_selected(tablet, "calf-left", "Calf, your left")
