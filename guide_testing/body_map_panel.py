"""Reading the body map's panel in AppTest runs: the panel component's data, as text blocks.

The panel is drawn in the browser from every region's HTML (sciatica_guide/body_map/
panel_view.py), so AppTest sees it as the component's JSON. These helpers turn the panel the
browser would show into what a person reads: (kind, text) blocks, top to bottom.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

from streamlit.testing.v1 import AppTest

PANEL_COMPONENT = "sciatica_guide.body_map_panel"
RELAY_COMPONENT = "sciatica_guide.body_map_relay"
MAP_COMPONENT = "sciatica_guide.body_map"


def component_data(at: AppTest, name: str) -> dict[str, Any] | None:
    """The data the last run sent to the component called `name`, or None if none was drawn."""
    for element in at.get("bidi_component"):
        if element.proto.component_name == name:
            return json.loads(element.proto.json)
    return None


def shown_panel_html(at: AppTest) -> str:
    """The HTML the panel shows for the run's selection (or its words before a choice)."""
    data = component_data(at, PANEL_COMPONENT)
    assert data is not None, "no body map panel on the page"
    selected = data["selected"]
    return data["panels"][selected] if selected else data["prompt"]


class _Blocks(HTMLParser):
    """Splits panel HTML into blocks: h3 -> "subheader", an urgent box -> "error", a "check
    first" note -> "check", the
    prompt -> "info", h4 -> "heading", every other paragraph or list item -> "text"."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self.links: list[dict[str, str]] = []
        self._box: str | None = None
        self._kind: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if "bp-urgent" in classes:
            self._box = "error"
        elif "bp-check" in classes:
            self._box = "check"
        elif "bp-prompt" in classes:
            self._box = "info"
        if tag == "a":
            self.links.append({k: v or "" for k, v in attrs})
        if tag in {"h3", "h4", "p", "li"} and self._kind is None:
            kinds = {"h3": "subheader", "h4": "heading"}
            self._kind = self._box or kinds.get(tag, "text")
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"h3", "h4", "p", "li"} and self._kind is not None:
            self.blocks.append((self._kind, " ".join("".join(self._text).split())))
            self._kind = None
        if tag == "div":
            self._box = None

    def handle_data(self, data: str) -> None:
        if self._kind is not None:
            self._text.append(data)


def panel_blocks(html: str) -> list[tuple[str, str]]:
    parser = _Blocks()
    parser.feed(html)
    return parser.blocks


def panel_links(html: str) -> list[dict[str, str]]:
    parser = _Blocks()
    parser.feed(html)
    return parser.links


def shown_blocks(at: AppTest) -> list[tuple[str, str]]:
    return panel_blocks(shown_panel_html(at))


def panel_heading(at: AppTest) -> list[str]:
    """The panel's heading: the selected region's name, or nothing before a choice."""
    return [text for kind, text in shown_blocks(at) if kind == "subheader"]


def panel_text(at: AppTest) -> str:
    return " ".join(text for _, text in shown_blocks(at))
