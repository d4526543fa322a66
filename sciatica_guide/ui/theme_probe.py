"""Marks the page with the theme Streamlit shows: <html data-guide-theme="light|dark">.

Streamlit follows the device's setting or the person's choice in its Settings menu and does not
say which (st.context.theme may be wrong while it changes), so this reads the app's own
background colour in the browser and watches it. The guide's colours (palette.py) follow the
mark. A components-v2 element with no visible part; its script runs in the page itself.
"""

from __future__ import annotations

import streamlit as st

_JS = """
export default function () {
  const root = document.documentElement;
  const mark = () => {
    const app = document.querySelector('[data-testid="stApp"]') || document.body;
    const parts = (getComputedStyle(app).backgroundColor.match(/[\\d.]+/g) || []).map(Number);
    if (parts.length < 3 || (parts.length > 3 && parts[3] === 0)) return;
    const [r, g, b] = parts;
    const theme = 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? "dark" : "light";
    if (root.dataset.guideTheme !== theme) root.dataset.guideTheme = theme;
  };
  mark();
  if (!window.guideThemeWatch) {
    // A theme change restyles the app's root element (a new class) or follows the device.
    // Only its class is watched: its other attributes change on every script run.
    const app = document.querySelector('[data-testid="stApp"]');
    window.guideThemeWatch = new MutationObserver(() => requestAnimationFrame(mark));
    if (app) window.guideThemeWatch.observe(app, { attributes: true, attributeFilter: ["class"] });
    matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () =>
      requestAnimationFrame(mark)
    );
  }
}
"""

_probe = st.components.v2.component("sciatica_guide.theme_probe", js=_JS)


def render_theme_probe() -> None:
    # Keyed: its element gets the class st-key-theme-probe, which guide.css hides (no gap).
    _probe(key="theme-probe")
