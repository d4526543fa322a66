"""The body map's drawing checks: every region drawn once, as a valid outline inside the drawing,
on its own side (seen from behind your left is on the viewer's left)."""

from __future__ import annotations

from collections.abc import Sequence

from sciatica_guide.content.errors import ContentError
from sciatica_guide.content.models import Content, Point
from sciatica_guide.shapes.geometry import polygon_problem, viewer_left_side

#: The map's title and side labels sit in this much of the drawing above its shown top.
HEADING_ROOM = 60


def _check_points_inside(
    field: str, points: Sequence[Point], width: float, height: float, top: float = 0
) -> None:
    for pi, (x, y) in enumerate(points):
        if not (0 <= x <= width and top <= y <= height):
            where = f"0-{width:g}, {top:g}-{height:g}"
            raise ContentError(
                "body_map.yaml",
                f"{field}[{pi}]",
                f"the point ({x:g}, {y:g}) is outside the drawing ({where})",
            )


def check_body_map(content: Content) -> None:
    """Every region is drawn once, as a valid outline inside the drawing, on its own side."""
    body_map = content.body_map
    width, height = body_map.view_box.width, body_map.view_box.height
    # What the map shows (view_box.top down), under room for its title and side labels: every
    # region, label, nerve and root area must be in it, or the crop would hide it.
    shown = body_map.view_box.top + HEADING_ROOM if body_map.view_box.top else 0
    if shown >= height:
        raise ContentError("body_map.yaml", "view_box.top", "leaves nothing of the drawing")
    views = [f.view for f in body_map.figures]
    if sorted(views) != ["back", "front"]:
        raise ContentError("body_map.yaml", "figures", "needs one figure for each view")
    regions = {r.id: r for r in content.regions()}
    seen: set[str] = set()
    for oi, outline in enumerate(body_map.outlines):
        field = f"outlines[{oi}]"
        region = regions.get(outline.region)
        if region is None:
            raise ContentError(
                "body_map.yaml", f"{field}.region", f"unknown region '{outline.region}'"
            )
        if outline.region in seen:
            raise ContentError(
                "body_map.yaml", f"{field}.region", f"'{outline.region}' is drawn twice"
            )
        seen.add(outline.region)
        _check_points_inside(f"{field}.points", outline.points, width, height, shown)
        _check_points_inside(f"{field}.label_at", [outline.label_at], width, height, shown)
        problem = polygon_problem(outline.points)
        if problem:
            raise ContentError(
                "body_map.yaml", f"{field}.points", f"not a valid outline: {problem}"
            )
        # Seen from behind, your left is on the viewer's left; seen from the front, on the right.
        centre_x = sum(x for x, _ in outline.points) / len(outline.points)
        on_viewer_left = centre_x < width / 2
        if on_viewer_left != (viewer_left_side(region.view) == region.side):
            raise ContentError(
                "body_map.yaml",
                f"{field}.points",
                f"'{outline.region}' is drawn on the wrong side for the {region.view} view",
            )
    missing = [r for r in regions if r not in seen]
    if missing:
        raise ContentError("body_map.yaml", "outlines", f"no outline for region '{missing[0]}'")
    for fi, figure in enumerate(body_map.figures):
        _check_points_inside(f"figures[{fi}].outline", figure.outline, width, height)
        for di, detail in enumerate(figure.details):
            _check_points_inside(f"figures[{fi}].details[{di}]", detail, width, height)
    for ni, path in enumerate(body_map.nerve):
        _check_points_inside(f"nerve[{ni}].points", path.points, width, height, shown)
    for ri, root_area in enumerate(body_map.root_areas):
        field = f"root_areas[{ri}]"
        _check_points_inside(f"{field}.points", root_area.points, width, height, shown)
        problem = polygon_problem(root_area.points)
        if problem:
            raise ContentError(
                "body_map.yaml", f"{field}.points", f"not a valid outline: {problem}"
            )
