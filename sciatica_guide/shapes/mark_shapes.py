"""The shapes of the technique marks (arrows, numbered dots), from the content's points.

Pure geometry shared by the load-time check, the on-screen SVG and the printed handout, so all
three agree on what is drawn and where.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sciatica_guide.shapes.geometry import Point, drawn_line, mirror, open_curve

#: How a technique is drawn: arrows along the strokes, numbered dots at typical tender spots,
#: or two arrows pulling apart for a slow stretch.
MarkKind = Literal["stroke", "spot", "stretch"]

#: Sizes in drawing units (about one CSS pixel at tablet size, 0.9 px on a phone).
SPOT_RADIUS = 10.0
STROKE_WIDTH = 5.0
HEAD_LENGTH = 17.0
HEAD_HALF_WIDTH = 9.0
#: The gap between a stretch's two arrows, each side of the middle.
STRETCH_GAP = 5.0
#: A shaft shorter than this after its head would read as a triangle, not an arrow.
MIN_SHAFT = 10.0


@dataclass(frozen=True)
class Arrow:
    """A smooth shaft through `shaft` and a filled head at its end (tip, then two corners)."""

    shaft: tuple[Point, ...]
    head: tuple[Point, Point, Point]


@dataclass(frozen=True)
class Spot:
    at: Point
    number: int


@dataclass(frozen=True)
class MarkShape:
    arrows: tuple[Arrow, ...] = ()
    spot: Spot | None = None

    def line_points(self) -> list[Point]:
        """Points along what is drawn: shafts as drawn, and each spot's centre."""
        points = [p for arrow in self.arrows for p in drawn_line(arrow.shaft)]
        if self.spot is not None:
            points.append(self.spot.at)
        return points

    def edge_points(self) -> list[Point]:
        """Points on the outer edge of what is drawn: these must all lie inside the region."""
        points: list[Point] = []
        for arrow in self.arrows:
            points.extend(drawn_line(arrow.shaft))
            points.extend(arrow.head)
        if self.spot is not None:
            x, y = self.spot.at
            points.extend(
                (x + SPOT_RADIUS * math.cos(a), y + SPOT_RADIUS * math.sin(a))
                for a in (i * math.pi / 4 for i in range(8))
            )
        return points


def points_needed(kind: MarkKind) -> tuple[int, int | None]:
    """How many points a mark of this kind takes: (at least, at most or None)."""
    return {"spot": (1, 1), "stretch": (2, 2), "stroke": (2, None)}[kind]


def _unit(dx: float, dy: float) -> tuple[float, float]:
    length = math.hypot(dx, dy)
    return (0.0, 0.0) if length == 0 else (dx / length, dy / length)


def arrow(points: Sequence[Point]) -> Arrow:
    """An arrow along the smooth line through the points, its head pointing along the line."""
    tip = points[-1]
    # The line's own direction where it ends: from the last curve piece's second control point.
    c2 = open_curve(points)[-1][1]
    ux, uy = _unit(tip[0] - c2[0], tip[1] - c2[1])
    if (ux, uy) == (0.0, 0.0):
        ux, uy = _unit(tip[0] - points[-2][0], tip[1] - points[-2][1])
    base = (tip[0] - ux * HEAD_LENGTH, tip[1] - uy * HEAD_LENGTH)
    corner1 = (base[0] - uy * HEAD_HALF_WIDTH, base[1] + ux * HEAD_HALF_WIDTH)
    corner2 = (base[0] + uy * HEAD_HALF_WIDTH, base[1] - ux * HEAD_HALF_WIDTH)
    return Arrow(shaft=tuple(points), head=(tip, corner1, corner2))


def shaft_length(points: Sequence[Point]) -> float:
    line = drawn_line(points)
    return sum(math.dist(a, b) for a, b in itertools.pairwise(line))


def mark_shape(
    kind: MarkKind, mark_points: Sequence[Point], number: int, width: float | None = None
) -> MarkShape:
    """The shape of a mark through `mark_points`: on your left side, or mirrored for your right
    side when `width` (the drawing's width) is given. `number` is the spot's number in its list."""
    points: list[Point] = list(mark_points)
    if width is not None:
        points = mirror(points, width)
    if kind == "spot":
        return MarkShape(spot=Spot(points[0], number))
    if kind == "stroke":
        return MarkShape(arrows=(arrow(points),))
    # A stretch: two arrows from the middle, pulling apart towards each end.
    a, b = points[0], points[-1]
    mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    arrows = []
    for end in (a, b):
        ux, uy = _unit(end[0] - mid[0], end[1] - mid[1])
        start = (mid[0] + ux * STRETCH_GAP, mid[1] + uy * STRETCH_GAP)
        arrows.append(arrow([start, end]))
    return MarkShape(arrows=tuple(arrows))
