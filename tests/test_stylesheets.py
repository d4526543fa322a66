"""The shipped stylesheets use only public hooks; every internal selector is listed with why."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sciatica_guide import APP_ROOT
from sciatica_guide.settings import Mode
from sciatica_guide.ui.frame import _stylesheet
from sciatica_guide.ui.streamlit_internals import STYLES, internal_css

PACKAGE = APP_ROOT / "sciatica_guide"
#: Every stylesheet and script the guide ships to the browser (ui/*.css, body_map/web/*.css|js...).
SHIPPED_WEB_FILES = sorted([*PACKAGE.rglob("*.css"), *PACKAGE.rglob("*.js")])
#: Streamlit's internal markup: test ids, element classes (stButton, stApp...), react-aria classes.
INTERNAL = re.compile(r"data-testid|react-aria|\.st[A-Z]\w*|st-emotion")


def test_the_scan_sees_the_body_map_web_files() -> None:
    names = {path.relative_to(PACKAGE).as_posix() for path in SHIPPED_WEB_FILES}
    assert {"ui/guide.css", "body_map/web/map.js", "body_map/web/panel.css"} <= names


@pytest.mark.parametrize(
    "shipped", SHIPPED_WEB_FILES, ids=lambda p: p.relative_to(PACKAGE).as_posix()
)
def test_shipped_styles_and_scripts_use_only_public_hooks(shipped: Path) -> None:
    # Comments may name internal markup (to say why it is avoided); rules and code may not.
    code = re.sub(r"/\*.*?\*/", "", shipped.read_text(encoding="utf-8"), flags=re.S)
    code = re.sub(r"^\s*//.*$", "", code, flags=re.M)
    assert INTERNAL.findall(code) == []


@pytest.mark.parametrize("mode", [None, Mode.CLINIC, Mode.PRESENTER], ids=str)
def test_no_tag_like_text_inside_a_style_element(mode: Mode | None) -> None:
    # The frontend drops a whole <style> whose text holds something like a tag ("st-key-<key>"
    # in a comment did): every rule of the sheet would be lost without an error.
    body = _stylesheet(mode).removeprefix("<style>").removesuffix("</style>")
    assert body.strip()
    assert "<" not in body


def test_the_body_map_component_uses_no_internal_markup() -> None:
    # component.py assembles the web files into the page; it must not add internal hooks itself.
    source = (PACKAGE / "body_map" / "component.py").read_text(encoding="utf-8")
    assert INTERNAL.findall(source) == []


def test_every_internal_style_has_a_reason_and_a_place_to_check_it() -> None:
    for style in STYLES:
        assert len(style.reason) > 20, style.selectors
        assert all(INTERNAL.search(s) for s in style.selectors), style.selectors
    assert {s.mode for s in STYLES} == {None, Mode.CLINIC, Mode.PRESENTER}
    assert '[data-testid="stMainMenu"]' in internal_css(Mode.CLINIC)
    assert '[data-testid="stMainMenu"]' not in internal_css(None)
