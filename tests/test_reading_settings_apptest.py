"""Reading settings: the text size, chosen beside the urgent-help box on every page, kept for the
session and put back by clinic mode's Start over."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sciatica_guide.content import Content
from sciatica_guide.session import clear_person
from sciatica_guide.ui.reading import SIZES, TEXT_SIZE_KEY, text_size, text_size_css

APP = str(Path(__file__).parent.parent / "app.py")


def styles(at: AppTest) -> str:
    return "\n".join(str(e.proto.body) for e in at.get("html"))


@pytest.mark.parametrize("size", list(SIZES))
def test_each_size_sets_the_pages_root_font_size(size: str) -> None:
    css = text_size_css(size)
    if size == "normal":
        assert css == ""
    else:
        assert f"font-size: {SIZES[size]}" in css


def test_an_unknown_size_is_normal() -> None:
    assert text_size({TEXT_SIZE_KEY: "<script>"}) == "normal"
    assert text_size_css("<script>") == ""
    assert text_size({}) == "normal"


def test_the_size_is_on_every_page_and_kept_across_pages(content: Content) -> None:
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert at.session_state[TEXT_SIZE_KEY] == "normal"
    assert "font-size: 137.5%" not in styles(at)
    at.session_state[TEXT_SIZE_KEY] = "largest"
    at.run()
    assert "font-size: 137.5%" in styles(at)
    for spec in content.pages_in("standard"):
        at.switch_page(f"app_pages/{spec.script}").run()
        assert not at.exception, spec.id
        assert "font-size: 137.5%" in styles(at), spec.id


def test_start_over_puts_the_size_back() -> None:
    state = {TEXT_SIZE_KEY: "large", "other": 1}
    clear_person(state)
    assert text_size(state) == "normal" and state == {"other": 1}
