"""The body map drawing as SVG markup: both views, every region as a labelled, focusable button.

Pure functions of the content, so the markup is built once per process and checked in unit tests.
The component's script only switches views, overlays and the highlight on this markup.
"""

from __future__ import annotations

from html import escape

from sciatica_guide.content import Content
from sciatica_guide.content.body_map_checks import HEADING_ROOM
from sciatica_guide.content.models import Region, Side, View
from sciatica_guide.shapes.geometry import smooth_closed_path, smooth_open_path, viewer_left_side

VIEWS: tuple[View, ...] = ("back", "front")
ROOTS = ("L4", "L5", "S1")


def _attr(value: str) -> str:
    return escape(value, quote=True)


def region_order(content: Content, view: View) -> list[Region]:
    """Regions of a view in reading order: top to bottom, the viewer's left before the right.

    Keyboard focus follows this order, so Tab moves across the picture the way the eye does,
    whichever way round the view is.
    """
    first = viewer_left_side(view)
    regions = [r for r in content.regions() if r.view == view]
    return sorted(
        regions,
        key=lambda r: (
            [a.id for a in content.areas.areas].index(r.area),
            0 if r.side == first else 1,
        ),
    )


def _defs(content: Content) -> str:
    # Patterns give every highlight and overlay a cue that does not depend on colour. The crop
    # keeps the silhouette below the title and side labels (the drawing starts above the shown
    # part; nothing is drawn outside the map's box).
    box = content.body_map.view_box
    crop_top = box.top + HEADING_ROOM if box.top else 0
    crop = (
        f'<clipPath id="bm-crop"><rect x="0" y="{crop_top:g}" width="{box.width:g}"'
        f' height="{box.height - crop_top:g}"/></clipPath>'
    )
    return (
        "<defs>"
        + crop
        + """
<pattern id="bm-selected" patternUnits="userSpaceOnUse" width="10" height="10"
 patternTransform="rotate(45)">
<rect width="10" height="10" class="bm-selected-bg"/>
<rect width="4" height="10" class="bm-selected-line"/>
</pattern>
<pattern id="bm-root-L4" patternUnits="userSpaceOnUse" width="8" height="8">
<rect width="8" height="2.4" class="bm-root-ink"/>
</pattern>
<pattern id="bm-root-L5" patternUnits="userSpaceOnUse" width="8" height="8"
 patternTransform="rotate(-45)">
<rect width="2.4" height="8" class="bm-root-ink"/>
</pattern>
<pattern id="bm-root-S1" patternUnits="userSpaceOnUse" width="7" height="7">
<circle cx="3.5" cy="3.5" r="1.7" class="bm-root-ink"/>
</pattern>
</defs>"""
    )


def _side_labels(content: Content, view: View, y: float, width: float) -> str:
    ui = content.body_map.ui
    left_side = viewer_left_side(view)
    right_side: Side = "right" if left_side == "left" else "left"
    left_text = ui.viewer_side["left"].format(side=content.areas.sides[left_side])
    right_text = ui.viewer_side["right"].format(side=content.areas.sides[right_side])
    return (
        f'<text class="bm-side" x="8" y="{y:g}" text-anchor="start">{escape(left_text)}</text>'
        f'<text class="bm-side" x="{width - 8:g}" y="{y:g}" text-anchor="end">'
        f"{escape(right_text)}</text>"
    )


def _legend(content: Content, y: float, width: float) -> tuple[str, str]:
    """The overlay legends in one row under the figure: a line for the nerve, patterns for roots."""
    ui = content.body_map.ui
    nerve = (
        '<g class="bm-overlay bm-overlay-nerve bm-legend" aria-hidden="true">'
        f'<path class="bm-nerve" d="M8 {y:g}h24"/>'
        f'<text class="bm-legend-text" x="38" y="{y + 5:g}">{escape(ui.legend_nerve_short)}</text>'
        "</g>"
    )
    rows = []
    for i, root in enumerate(ROOTS):
        x = width - 3 * 62 + i * 62
        rows.append(
            f'<rect class="bm-root-swatch" x="{x:g}" y="{y - 10:g}" width="22" height="20"'
            f' fill="url(#bm-root-{root})"/>'
            f'<text class="bm-legend-text" x="{x + 27:g}" y="{y + 5:g}">{root}</text>'
        )
    roots = (
        '<g class="bm-overlay bm-overlay-roots bm-legend" aria-hidden="true">'
        + "".join(rows)
        + "</g>"
    )
    return nerve, roots


def _view_group(content: Content, view: View) -> str:
    body_map = content.body_map
    ui = body_map.ui
    width = body_map.view_box.width
    height = body_map.view_box.height
    top = body_map.view_box.top
    figure = body_map.figure(view)
    head = figure.head
    parts: list[str] = []
    title = ui.views[view]
    group_label = ui.map_name.format(view=title)
    parts.append(
        f'<g class="bm-view" data-view="{view}" role="group" aria-label="{_attr(group_label)}">'
    )
    parts.append(
        f'<text class="bm-title" x="{width / 2:g}" y="{top + 26:g}" text-anchor="middle"'
        f' aria-hidden="true">{escape(title)}</text>'
    )
    parts.append(f'<g aria-hidden="true">{_side_labels(content, view, top + 52, width)}</g>')
    parts.append(f'<g aria-hidden="true">{_side_labels(content, view, height - 40, width)}</g>')
    # The silhouette: decoration only; the regions carry the meaning.
    parts.append('<g class="bm-figure" aria-hidden="true" clip-path="url(#bm-crop)">')
    parts.append(
        f'<ellipse class="bm-body" cx="{head.cx:g}" cy="{head.cy:g}" rx="{head.rx:g}"'
        f' ry="{head.ry:g}"/>'
    )
    parts.append(f'<path class="bm-body" d="{smooth_closed_path(figure.outline)}"/>')
    for detail in figure.details:
        parts.append(f'<path class="bm-detail" d="{smooth_open_path(detail)}"/>')
    parts.append("</g>")
    # The regions: each one a button with its own name.
    parts.append('<g class="bm-regions">')
    for region in region_order(content, view):
        outline = body_map.outline(region.id)
        assert outline is not None  # the loader checks every region has one
        parts.append(
            f'<path class="bm-region" data-region="{_attr(region.id)}" role="button"'
            f' tabindex="0" aria-pressed="false" aria-label="{_attr(region.name)}"'
            f' d="{smooth_closed_path(outline.points)}"><title>{escape(region.name)}</title>'
            "</path>"
        )
    parts.append("</g>")
    # Overlays sit above the regions but let taps through to them.
    parts.append('<g class="bm-overlay bm-overlay-roots" aria-hidden="true">')
    for root_area in body_map.root_areas:
        if root_area.view != view:
            continue
        parts.append(
            f'<path class="bm-root bm-root-{root_area.root}"'
            f' fill="url(#bm-root-{root_area.root})"'
            f' d="{smooth_closed_path(root_area.points)}"/>'
        )
    for root_area in body_map.root_areas:
        if root_area.view != view:
            continue
        x, y = root_area.label_at
        parts.append(
            f'<text class="bm-root-label" x="{x:g}" y="{y:g}" text-anchor="middle">'
            f"{root_area.root}</text>"
        )
    parts.append("</g>")
    parts.append('<g class="bm-overlay bm-overlay-nerve" aria-hidden="true">')
    for path in body_map.nerve:
        if path.view == view:
            parts.append(f'<path class="bm-nerve" d="{smooth_open_path(path.points)}"/>')
    parts.append("</g>")
    nerve_legend, roots_legend = _legend(content, height - 14, width)
    parts.append(nerve_legend)
    parts.append(roots_legend)
    # The selected region's name, written on the map (shown only for the selected region).
    parts.append('<g class="bm-labels" aria-hidden="true">')
    for region in region_order(content, view):
        outline = body_map.outline(region.id)
        assert outline is not None
        x, y = outline.label_at
        area_name = content.area(region.area).name
        side_name = content.areas.sides[region.side]
        parts.append(
            f'<text class="bm-label" data-label-for="{_attr(region.id)}" x="{x:g}" y="{y:g}"'
            f' text-anchor="middle"><tspan x="{x:g}" dy="-0.2em">{escape(area_name)}</tspan>'
            f'<tspan x="{x:g}" dy="1.15em">{escape(side_name)}</tspan></text>'
        )
    parts.append("</g>")
    parts.append("</g>")
    return "".join(parts)


def body_map_svg(content: Content) -> str:
    """The whole drawing: both views (the component shows one), overlays hidden until asked,
    from the view box's top down (the figure cropped to where sciatica is felt)."""
    box = content.body_map.view_box
    return (
        f'<svg class="bm-svg" xmlns="http://www.w3.org/2000/svg"'
        f' viewBox="0 {box.top:g} {box.width:g} {box.height - box.top:g}" focusable="false">'
        + _defs(content)
        + "".join(_view_group(content, view) for view in VIEWS)
        + "</svg>"
    )
