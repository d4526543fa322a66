"""Values from a URL or a setting reach the page only as plain text (issue #12, parts 3 and 4).
The rendering itself is checked in Chromium: tests/browser/test_crafted_links.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from sciatica_guide.content import Content
from sciatica_guide.modes import UNSHOWN_REQUEST, resolve_mode
from sciatica_guide.settings import Settings
from sciatica_guide.text import WORD_JOINER, one_line, plain_markdown, unescape_plain

APP = str(Path(__file__).parent.parent / "app.py")
ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"


@given(st.text())
def test_plain_markdown_is_one_line_with_every_markdown_character_escaped(text: str) -> None:
    shown = plain_markdown(text)
    assert "\n" not in shown and "\r" not in shown
    assert unescape_plain(shown) == one_line(text)
    # Every ASCII punctuation character is escaped: nothing can start a link, image, heading,
    # HTML tag, list, LaTeX or Streamlit directive.
    unescaped = re.sub(r"\\[!-/:-@\[-`{-~]", "", shown.replace(WORD_JOINER, ""))
    assert not any(c in ASCII_PUNCTUATION for c in unescaped)


@pytest.mark.parametrize(
    "address", ["www.evil.example", "https://evil.example", "a@evil.example", "WWW.EVIL.EXAMPLE"]
)
def test_plain_markdown_breaks_what_markdown_would_autolink(address: str) -> None:
    # GFM finds addresses after escapes are resolved; a word joiner ends them.
    assert WORD_JOINER in plain_markdown(address)


@pytest.mark.parametrize(
    "crafted",
    [
        "[Call 0800 EVIL](https://evil.example)",
        "![x](https://evil.example/pixel.png)",
        "\n\n# Do not call 999",
        "clinic 0800",
        "<script>",
    ],
)
def test_a_crafted_mode_value_is_not_repeated(crafted: str) -> None:
    choice = resolve_mode(Settings(), {"mode": crafted})
    assert choice.unknown_request == UNSHOWN_REQUEST


def test_a_mistyped_mode_word_is_repeated() -> None:
    assert resolve_mode(Settings(), {"mode": "clinc"}).unknown_request == "clinc"


def test_a_crafted_mode_link_gets_the_notice_without_its_words(content: Content) -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["mode"] = "[Call 0800 EVIL](https://evil.example)"
    at.run()
    assert not at.exception
    notice = content.modes.unknown_mode_notice.format(mode=plain_markdown(UNSHOWN_REQUEST))
    assert [i.value for i in at.info] == [notice]
    assert not any("0800" in m.value for m in at.markdown)


def test_a_logo_that_is_not_an_image_stops_the_guide_with_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SCIATICA_GUIDE_MODE", "clinic")
    monkeypatch.setenv("SCIATICA_GUIDE_CLINIC_LOGO", "/etc/passwd")
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert len(at.error) == 2  # the built-in urgent-help words, then the one line
    message = unescape_plain(at.error[1].value)
    assert "SCIATICA_GUIDE_CLINIC_LOGO must name a PNG, JPEG, GIF or WebP image" in message
    assert "/etc/passwd" not in message


def test_a_hostile_emergency_number_never_reaches_the_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SCIATICA_GUIDE_EMERGENCY_NUMBER", "[999](https://evil.example)")
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert len(at.error) == 2  # the built-in urgent-help words, then the one line
    assert "SCIATICA_GUIDE_EMERGENCY_NUMBER" in unescape_plain(at.error[1].value)
    assert not any("evil" in m.value for m in [*at.markdown, *at.error])
