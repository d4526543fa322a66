"""The Massage techniques page's small figure: where each technique is used, with its words."""

from __future__ import annotations

import base64
import html

import streamlit as st

from sciatica_guide.body_map.marks import technique_figure_svg, technique_places_markdown
from sciatica_guide.content import Content
from sciatica_guide.text import escape_markdown
from sciatica_guide.ui.state import ContentKey, content_in, shared_content_dir

# The body map's own colours (component.py), so the small figure looks like the map.
FIGURE_CSS = """<style>

.tf-svg { display: block; width: 100%; max-width: 420px; height: auto; }
.tf-title { font: 700 22px sans-serif; fill: currentColor; }
.tf-body { fill: #efe3d6; stroke: #6b5744; stroke-width: 2; }
.tf-region { fill: #ffd43b; stroke: #111111; stroke-width: 2.5; }
.tf-svg .bm-mark-halo { fill: none; stroke: #ffffff; stroke-width: 10; stroke-linecap: round; }
.tf-svg .bm-mark-halo-head { fill: #ffffff; stroke: #ffffff; stroke-width: 5; }
.tf-svg .bm-mark-line { fill: none; stroke: #111111; stroke-width: 5; }
.tf-svg .bm-mark-line.is-gentle { stroke-dasharray: 8 5; }
.tf-svg .bm-mark-head { fill: #111111; stroke: #111111; stroke-width: 1.5; }
.tf-svg .bm-mark-spot { fill: #111111; stroke: #ffffff; stroke-width: 2.5; }
.tf-svg .bm-mark-ring-halo { fill: none; stroke: #ffffff; stroke-width: 5.5; }
.tf-svg .bm-mark-ring { fill: none; stroke: #111111; stroke-width: 2.5; stroke-dasharray: 4 3; }
</style>"""


def _build(content: Content, technique_id: str) -> str:
    """One Markdown element: a heading, the picture (an <img> of the SVG, which carries its own
    style), then every mark in words, the text equivalent right below it."""
    ui = content.technique_marks.ui
    svg = technique_figure_svg(content, technique_id).replace(">", ">" + FIGURE_CSS, 1)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    name = ui.figure_name.format(technique=content.technique(technique_id).name)
    # An <img>, not st.image: st.image adds a 24 px fullscreen button (under the 44 px touch
    # target) and a second element on every rerun. data: images are allowed by the CSP.
    image = (
        f'<img class="tf-img" src="data:image/svg+xml;base64,{data}" '
        f'alt="{html.escape(name, quote=True)}" width="420">'
    )
    places = technique_places_markdown(content, technique_id)
    return f"**{escape_markdown(ui.figure_heading)}**\n\n{image}\n\n{places}"


@st.cache_resource(show_spinner=False, max_entries=16)
def _figure_in(content_dir: ContentKey, technique_id: str) -> str:
    return _build(content_in(content_dir), technique_id)


def figure_markdown(content: Content, technique_id: str) -> str:
    """The figure and its words. Cached per content folder like the body map's drawing (about
    1.3 ms each to build); content from elsewhere (a test's copy) is built afresh."""
    content_dir = shared_content_dir(content)
    if content_dir is not None:
        return _figure_in(content_dir, technique_id)
    return _build(content, technique_id)


def render_technique_figure(content: Content, technique_id: str) -> None:
    """A small figure of the places the technique is used, then every mark in words: one
    element (each costs a message on every rerun: tests/test_render_speed.py)."""
    st.markdown(figure_markdown(content, technique_id), unsafe_allow_html=True)
