"""The guide's colours (ui/palette.py) reach WCAG 2.2 AA contrast in the light and the dark
theme, and the stylesheets use them rather than colours of their own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sciatica_guide import APP_ROOT
from sciatica_guide.ui.palette import MARK_PAIRS, PALETTE, TEXT_PAIRS, WHITE_ON, palette_css

THEMES = {"light": 0, "dark": 1}


def luminance(colour: str) -> float:
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", THEMES)
def test_text_is_at_least_4_5_to_1_and_marks_3_to_1(theme: str) -> None:
    t = THEMES[theme]
    low_text = {
        (a, b): round(contrast(PALETTE[a][t], PALETTE[b][t]), 2)
        for a, b in TEXT_PAIRS
        if contrast(PALETTE[a][t], PALETTE[b][t]) < 4.5
    }
    low_marks = {
        (a, b): round(contrast(PALETTE[a][t], PALETTE[b][t]), 2)
        for a, b in MARK_PAIRS
        if contrast(PALETTE[a][t], PALETTE[b][t]) < 3
    }
    low_white = {a: contrast(PALETTE[a][t], "#ffffff") for a in WHITE_ON}
    assert low_text == {} and low_marks == {}
    assert all(c >= 4.5 for c in low_white.values()), low_white


def test_the_dark_theme_matches_streamlits_dark_theme() -> None:
    # The page's own background and text are Streamlit's: the pairs above are measured on them.
    config = (APP_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    dark = config.split("[theme.dark]", 1)[1]
    light = config.split("[theme.light]", 1)[1].split("[theme.dark]", 1)[0]
    for section, t in ((light, 0), (dark, 1)):
        assert f'backgroundColor = "{PALETTE["bg"][t]}"' in section
        assert f'secondaryBackgroundColor = "{PALETTE["bg-soft"][t]}"' in section
        assert f'textColor = "{PALETTE["text"][t]}"' in section
        assert f'primaryColor = "{PALETTE["accent-fill"][t]}"' in section


def test_dark_applies_where_the_page_or_the_device_says_dark() -> None:
    css = palette_css()
    assert ':root[data-guide-theme="dark"]' in css
    assert "prefers-color-scheme: dark" in css
    assert f"--g-bg: {PALETTE['bg'][1]}" in css


STYLESHEETS = [
    "sciatica_guide/ui/guide.css",
    "sciatica_guide/ui/presenter.css",
    "sciatica_guide/body_map/web/panel.css",
    "sciatica_guide/ui/web/speech.css",
]
HEX = re.compile(r"#[0-9a-fA-F]{3,6}\b")


@pytest.mark.parametrize("path", STYLESHEETS)
def test_the_stylesheets_take_their_colours_from_the_palette(path: str) -> None:
    text = Path(APP_ROOT / path).read_text(encoding="utf-8")
    # "#ffffff" stays for words on a filled button (checked above as WHITE_ON).
    own = [c for c in HEX.findall(text) if c.lower() not in ("#ffffff", "#fff")]
    assert own == [], own
