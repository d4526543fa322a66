"""Read aloud in Chromium, with the browser's speech replaced by a recorder (the machine has no
voices): the button reads the page's article words with an on-device voice, never a network one,
stops on a second press (touch and keyboard), and is not shown where only network voices exist."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from guide_testing.browser import new_context, tab_to, wait_for_app_idle
from guide_testing.server import RunningApp, run_streamlit
from sciatica_guide.article.page import article_words
from sciatica_guide.content import Content

#: speechSynthesis with the given voices; what is spoken goes to window.__spoken.
FAKE_SPEECH_JS = """
(() => {
  const voices = %s;
  window.__spoken = [];
  window.__cancelled = 0;
  const synth = {
    speaking: false,
    getVoices: () => voices,
    speak: (u) => {
      synth.speaking = true;
      window.__spoken.push({text: u.text, voice: u.voice && u.voice.name});
    },
    cancel: () => { synth.speaking = false; window.__cancelled += 1; },
    addEventListener: () => {},
  };
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
})();
"""
LOCAL = {"name": "On this device", "lang": "en-GB", "localService": True}
NETWORK = {"name": "From a server", "lang": "en-US", "localService": False}


@pytest.fixture(scope="module")
def speech_server() -> Iterator[RunningApp]:
    with run_streamlit() as app:
        yield app


def with_voices(browser: Browser, voices: list[dict[str, Any]], **kwargs: Any) -> BrowserContext:
    import json

    context = new_context(browser, **kwargs)
    context.add_init_script(FAKE_SPEECH_JS % json.dumps(voices))
    return context


def article_page(content: Content) -> tuple[str, tuple[str, ...]]:
    spec = next(
        p for p in content.pages_in("standard") if p.article_sections and p.id != "techniques"
    )
    return spec.url_path, tuple(spec.article_sections)


def test_reads_the_article_with_an_on_device_voice_by_touch(
    speech_server: RunningApp, browser: Browser, content: Content
) -> None:
    words = content.site.reading
    path, sections = article_page(content)
    context = with_voices(browser, [NETWORK, LOCAL], viewport="phone", touch=True)
    try:
        page = context.new_page()
        page.goto(f"{speech_server.url}/{path}")
        wait_for_app_idle(page)
        button = page.get_by_role("button", name=words.read_aloud)
        expect(button).to_be_visible()
        button.tap()
        spoken = page.evaluate("window.__spoken")
        assert spoken == [{"text": article_words(content, sections), "voice": LOCAL["name"]}]
        stop = page.get_by_role("button", name=words.stop_reading)
        expect(stop).to_have_attribute("aria-pressed", "true")
        stop.tap()
        expect(page.get_by_role("button", name=words.read_aloud)).to_be_visible()
        assert page.evaluate("window.__cancelled") >= 1
    finally:
        context.close()


def test_by_keyboard_too(speech_server: RunningApp, browser: Browser, content: Content) -> None:
    words = content.site.reading
    path, _ = article_page(content)
    context = with_voices(browser, [LOCAL], viewport="desktop")
    try:
        page = context.new_page()
        page.goto(f"{speech_server.url}/{path}")
        wait_for_app_idle(page)
        tab_to(page, page.get_by_role("button", name=words.read_aloud))
        page.keyboard.press("Enter")
        expect(page.get_by_role("button", name=words.stop_reading)).to_be_visible()
        assert len(page.evaluate("window.__spoken")) == 1
    finally:
        context.close()


def test_not_shown_without_an_on_device_voice(
    speech_server: RunningApp, browser: Browser, content: Content
) -> None:
    path, _ = article_page(content)
    context = with_voices(browser, [NETWORK], viewport="phone", touch=True)
    try:
        page = context.new_page()
        page.goto(f"{speech_server.url}/{path}")
        wait_for_app_idle(page)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        button = page.locator("button.ra-button")
        expect(button).to_have_count(1)
        expect(button).to_be_hidden()
        # Its element is out of the layout too: no gap on the page.
        holder = page.locator('[class*="st-key-read-"]')
        expect(holder).to_have_css("display", "none")
        assert page.evaluate("window.__spoken") == []
    finally:
        context.close()


def test_reads_a_body_map_panel_and_stops_for_another_place(
    speech_server: RunningApp, browser: Browser, content: Content
) -> None:
    words = content.site.reading
    context = with_voices(browser, [NETWORK, LOCAL], viewport="tablet", touch=True)
    try:
        page = context.new_page()
        page.goto(f"{speech_server.url}/body-map")
        wait_for_app_idle(page)
        panel = page.locator(".st-key-bm-panel")
        # Before a place is chosen there is nothing to read.
        expect(panel.get_by_role("button", name=words.read_aloud)).to_have_count(0)
        page.locator('.bm-region[data-region="calf-left"]').first.tap()
        button = panel.get_by_role("button", name=words.read_aloud)
        expect(button).to_be_visible()
        button.tap()
        spoken = page.evaluate("window.__spoken")
        assert [s["voice"] for s in spoken] == [LOCAL["name"]]
        text = spoken[0]["text"]
        # The panel as shown: its name, the warning (condition first), the techniques.
        assert text.startswith("Calf, your left")
        assert content.body_map.ui.check_first in text
        assert "Myofascial release" in text
        assert words.read_aloud not in text
        expect(panel.get_by_role("button", name=words.stop_reading)).to_have_attribute(
            "aria-pressed", "true"
        )
        cancelled = page.evaluate("window.__cancelled")
        page.locator('.bm-region[data-region="buttock-right"]').first.tap()
        expect(panel.get_by_role("heading", name="Buttock, your right")).to_be_visible()
        assert page.evaluate("window.__cancelled") > cancelled
        expect(panel.get_by_role("button", name=words.read_aloud)).to_be_visible()
    finally:
        context.close()


def test_no_panel_reader_without_an_on_device_voice(
    speech_server: RunningApp, browser: Browser, content: Content
) -> None:
    context = with_voices(browser, [NETWORK], viewport="tablet", touch=True)
    try:
        page = context.new_page()
        page.goto(f"{speech_server.url}/body-map")
        wait_for_app_idle(page)
        page.locator('.bm-region[data-region="calf-left"]').first.tap()
        panel = page.locator(".st-key-bm-panel")
        expect(panel.get_by_role("heading", name="Calf, your left")).to_be_visible()
        expect(panel.get_by_role("button", name=content.site.reading.read_aloud)).to_have_count(0)
    finally:
        context.close()
