"""The shipped stylesheets use only public hooks; every internal selector is listed with why."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sciatica_guide import APP_ROOT
from sciatica_guide.settings import Mode
from sciatica_guide.ui.frame import _stylesheet
from sciatica_guide.ui.streamlit_internals import STYLES, internal_css

UI_DIR = APP_ROOT / "sciatica_guide" / "ui"
#: Streamlit's internal markup: test ids, element classes (stButton, stApp...), react-aria classes.
INTERNAL = re.compile(r"data-testid|react-aria|\.st[A-Z]\w*|st-emotion")


@pytest.mark.parametrize("sheet", sorted(UI_DIR.glob("*.css")), ids=lambda p: p.name)
def test_stylesheets_use_only_public_hooks(sheet: Path) -> None:
    rules = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.S)
    assert INTERNAL.findall(rules) == []


@pytest.mark.parametrize("mode", [None, Mode.CLINIC, Mode.PRESENTER], ids=str)
def test_no_tag_like_text_inside_a_style_element(mode: Mode | None) -> None:
    # The frontend drops a whole <style> whose text holds something like a tag ("st-key-<key>"
    # in a comment did): every rule of the sheet would be lost without an error.
    body = _stylesheet(mode).removeprefix("<style>").removesuffix("</style>")
    assert body.strip()
    assert "<" not in body


def test_shipped_body_map_script_uses_no_internal_markup() -> None:
    source = (APP_ROOT / "sciatica_guide" / "body_map" / "component.py").read_text()
    assert INTERNAL.findall(source) == []


def test_every_internal_style_has_a_reason_and_a_place_to_check_it() -> None:
    for style in STYLES:
        assert len(style.reason) > 20, style.selectors
        assert all(INTERNAL.search(s) for s in style.selectors), style.selectors
    assert {s.mode for s in STYLES} == {None, Mode.CLINIC, Mode.PRESENTER}
    assert '[data-testid="stMainMenu"]' in internal_css(Mode.CLINIC)
    assert '[data-testid="stMainMenu"]' not in internal_css(None)
