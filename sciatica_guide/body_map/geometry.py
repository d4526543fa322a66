"""Smooth SVG paths through content points, and small geometry helpers for the body map."""

from __future__ import annotations

from collections.abc import Sequence

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
