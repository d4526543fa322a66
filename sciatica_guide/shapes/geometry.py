"""Smooth SVG paths through content points, and small geometry helpers for the body map."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Literal

Point = tuple[float, float]


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _pair(point: Point) -> str:
    return f"{_fmt(point[0])} {_fmt(point[1])}"


#: One cubic Bézier piece of a curve: first control point, second control point, end point.
Segment = tuple[Point, Point, Point]


def _segment(p0: Point, p1: Point, p2: Point, p3: Point) -> Segment:
    # Catmull-Rom through p1 and p2, written as the equivalent cubic Bézier.
    c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
    c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
    return c1, c2, p2


def closed_curve(points: Sequence[Point]) -> list[Segment]:
    """The Bézier pieces of a closed curve through every point, starting at the first point.

    Shared by the SVG map and the printed handout, so both draw exactly the same shapes.
    """
    n = len(points)
    if n < 3:
        raise ValueError("a closed outline needs at least 3 points")
    return [
        _segment(points[i - 1], points[i], points[(i + 1) % n], points[(i + 2) % n])
        for i in range(n)
    ]


def open_curve(points: Sequence[Point]) -> list[Segment]:
    """The Bézier pieces of an open curve through every point, starting at the first point."""
    n = len(points)
    if n < 2:
        raise ValueError("a line needs at least 2 points")
    return [
        _segment(
            points[i - 1] if i > 0 else points[i],
            points[i],
            points[i + 1],
            points[i + 2] if i + 2 < n else points[i + 1],
        )
        for i in range(n - 1)
    ]


def _curve_path(start: Point, segments: Sequence[Segment]) -> str:
    return f"M{_pair(start)}" + "".join(
        f"C{_pair(c1)} {_pair(c2)} {_pair(end)}" for c1, c2, end in segments
    )


def smooth_closed_path(points: Sequence[Point]) -> str:
    """A closed SVG path through every point (Catmull-Rom turned into cubic Béziers).

    Content lists a handful of points along an outline; the curve through them gives the rounded,
    anatomical shapes (a bulging calf, a round buttock) without hand-written Bézier handles.
    """
    return _curve_path(points[0] if points else (0, 0), closed_curve(points)) + "Z"


def smooth_open_path(points: Sequence[Point]) -> str:
    """An open SVG path through every point, for lines such as a nerve or the spine."""
    return _curve_path(points[0] if points else (0, 0), open_curve(points))


def mirror(points: Sequence[Point], width: float) -> list[Point]:
    """The same outline reflected about the vertical centre line of a drawing `width` wide."""
    return [(round(width - x, 1), y) for x, y in points]


def bounding_box(points: Sequence[Point]) -> tuple[float, float, float, float]:
    """(min x, min y, width, height) of the points."""
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def point_in_polygon(point: Point, polygon: Sequence[Point]) -> bool:
    """Whether the point lies inside the polygon (even-odd rule; a point on an edge may go
    either way, so callers that need room keep a margin)."""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(polygon, [*polygon[1:], polygon[0]], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _bezier(p0: Point, c1: Point, c2: Point, p3: Point, t: float) -> Point:
    u = 1 - t
    return (
        u**3 * p0[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t**3 * p3[0],
        u**3 * p0[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t**3 * p3[1],
    )


def sample_curve(start: Point, segments: Sequence[Segment], steps: int = 8) -> list[Point]:
    """Points along a smooth curve as drawn (not just the points it was drawn through).

    The drawn outline bulges between its points; checks of what lies inside it use this.
    """
    points = [start]
    current = start
    for c1, c2, end in segments:
        points.extend(_bezier(current, c1, c2, end, i / steps) for i in range(1, steps + 1))
        current = end
    return points


def drawn_outline(points: Sequence[Point]) -> list[Point]:
    """The closed smooth outline through `points`, as the map draws it, as a fine polygon."""
    return sample_curve(points[0], closed_curve(points))[:-1]


def drawn_line(points: Sequence[Point]) -> list[Point]:
    """The open smooth line through `points`, as the map draws it, as a fine polyline."""
    return sample_curve(points[0], open_curve(points))


def distance_to_polyline(point: Point, line: Sequence[Point]) -> float:
    """The shortest distance from the point to the polyline."""
    px, py = point
    best = float("inf")
    for (x1, y1), (x2, y2) in itertools.pairwise(line):
        dx, dy = x2 - x1, y2 - y1
        length2 = dx * dx + dy * dy
        t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - x1) * dx + (py - y1) * dy) / length2))
        cx, cy = x1 + t * dx, y1 + t * dy
        best = min(best, ((px - cx) ** 2 + (py - cy) ** 2) ** 0.5)
    return best


def _segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    """True when segments ab and cd cross at a point inside both (touching ends do not count)."""

    def orient(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    d1, d2 = orient(c, d, a), orient(c, d, b)
    d3, d4 = orient(a, b, c), orient(a, b, d)
    return d1 * d2 < 0 and d3 * d4 < 0


def polygon_problem(points: Sequence[Point]) -> str | None:
    """Why these points are not a simple polygon with an area, or None when they are."""
    if len(points) < 3:
        return "needs at least 3 points"
    edges = list(zip(points, [*points[1:], points[0]], strict=True))
    for i, (a, b) in enumerate(edges):
        for j in range(i + 2, len(edges)):
            if i == 0 and j == len(edges) - 1:
                continue  # neighbours through the closing edge
            c, d = edges[j]
            if _segments_cross(a, b, c, d):
                return f"its edges cross (edge {i + 1} and edge {j + 1})"
    twice_area = sum(
        x1 * y2 - x2 * y1
        for (x1, y1), (x2, y2) in zip(points, [*points[1:], points[0]], strict=True)
    )
    if abs(twice_area) < 1e-6:
        return "encloses no area"
    return None


def viewer_left_side(view: Literal["back", "front"]) -> Literal["left", "right"]:
    """Whose side is on the viewer's left: seen from behind yours is, seen from the front not."""
    return "left" if view == "back" else "right"
