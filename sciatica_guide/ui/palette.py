"""The guide's own colours, light and dark, as CSS custom properties (one place for each).

The page follows the device's light or dark setting (Streamlit's [theme.light] and [theme.dark]
in .streamlit/config.toml), and a person can switch it in the app menu's Settings. Streamlit
does not say which one it shows, so a tiny component (theme_probe.py) reads the app's own
background and marks <html data-guide-theme="dark|light">; until it has, the device's setting
decides. The component stylesheets inherit these properties through their shadow roots.

Every pair is checked for contrast (tests/test_palette.py): text at least 4.5:1 on the
backgrounds it sits on, borders and bars at least 3:1, in both themes.
"""

from __future__ import annotations

#: name -> (light, dark). Backgrounds first: the contrast checks read them.
PALETTE: dict[str, tuple[str, str]] = {
    # The page and a soft box, as Streamlit's theme draws them.
    "bg": ("#ffffff", "#111a19"),
    "bg-soft": ("#eef5f4", "#1c2928"),
    "text": ("#1d2b2a", "#e8f0ef"),
    "muted": ("#4a5756", "#b3c3c1"),
    # Teal: links, borders, focus rings, an outline button's words.
    "accent": ("#0b6e69", "#7fd6cf"),
    # Teal filled behind white words, and a bar on its track.
    "accent-fill": ("#0b6e69", "#0f7c75"),
    "line": ("#c9d6d4", "#3d504e"),
    "line-strong": ("#7a8b89", "#7d9492"),
    # Urgent help: words and borders, a soft box with its words, a filled button (white words).
    "urgent": ("#9b1c1c", "#ffb4ab"),
    "urgent-soft": ("#fdecea", "#3a1514"),
    "urgent-text": ("#5e0b0b", "#ffdad6"),
    "urgent-fill": ("#9b1c1c", "#9b1c1c"),
    "urgent-fill-hover": ("#7a1616", "#7a1616"),
    # "Check first" notes: a dashed border, a soft box and its words.
    "check": ("#8a4b00", "#f0b35e"),
    "check-soft": ("#fff6e5", "#33240c"),
    "check-text": ("#3d2300", "#ffe0b5"),
    "check-fill": ("#8a4b00", "#8a4b00"),
    # The reconnect notice.
    "notice-soft": ("#fff4cc", "#3a2f00"),
    "notice-line": ("#6b4e00", "#e0b84a"),
    # Keyboard focus on the body map and its panel (dashed, beside the teal ring elsewhere).
    "focus": ("#000000", "#ffffff"),
    # The presenter's links and its filled chips (white words).
    "presenter-link": ("#1f4e79", "#9ccaf5"),
    "presenter-fill": ("#4a6b8a", "#4a6b8a"),
}

#: (text, background) pairs that must reach 4.5:1, and (mark, background) pairs 3:1.
TEXT_PAIRS = [
    ("text", "bg"),
    ("text", "bg-soft"),
    ("muted", "bg"),
    ("muted", "bg-soft"),
    ("accent", "bg"),
    ("accent", "bg-soft"),
    ("urgent", "bg"),
    ("urgent-text", "urgent-soft"),
    ("check-text", "check-soft"),
    ("text", "notice-soft"),
    ("presenter-link", "bg"),
]
MARK_PAIRS = [
    ("accent-fill", "bg"),
    ("line-strong", "bg"),
    ("check", "check-soft"),
    ("notice-line", "notice-soft"),
    ("focus", "bg"),
]
#: Backgrounds that carry white words (4.5:1 with #ffffff).
WHITE_ON = ["accent-fill", "urgent-fill", "urgent-fill-hover", "check-fill", "presenter-fill"]


def _block(selector: str, theme: int) -> str:
    props = "".join(f"--g-{name}: {pair[theme]}; " for name, pair in PALETTE.items())
    return f"{selector} {{ {props}}}"


def palette_css() -> str:
    """Light on :root; dark where the page is marked dark, or before it is marked, where the
    device asks for dark."""
    return "\n".join(
        [
            _block(":root", 0),
            "@media (prefers-color-scheme: dark) {",
            _block(':root:not([data-guide-theme="light"])', 1),
            "}",
            _block(':root[data-guide-theme="dark"]', 1),
        ]
    )
