"""The Massage techniques page's small figure: where each technique is used, with its words."""

from __future__ import annotations

import streamlit as st

from sciatica_guide.body_map.marks import technique_figure_svg, technique_places_markdown
from sciatica_guide.content import Content
from sciatica_guide.ui.cache import per_content

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


def render_technique_figure(content: Content, technique_id: str) -> None:
    """A small figure of the places the technique is used, then every mark in words."""
    ui = content.technique_marks.ui
    html = per_content(
        content,
        ("technique_figure", technique_id),
        # The style goes inside the SVG: st.image shows it as its own document.
        lambda: technique_figure_svg(content, technique_id).replace(">", ">" + FIGURE_CSS, 1),
    )
    with st.container(border=True, key=f"technique-figure-{technique_id}"):
        st.markdown(f"**{ui.figure_heading}**")
        st.image(html, width=420)
        st.markdown(
            per_content(
                content,
                ("technique_places", technique_id),
                lambda: technique_places_markdown(content, technique_id),
            )
        )
