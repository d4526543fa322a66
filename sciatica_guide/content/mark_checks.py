"""Load-time checks of content/technique_marks.yaml. Every failure is one ContentError line.

Every technique that fits an area (areas.yaml) has marks there, and only those; every mark lies
inside its region's outline as drawn, on your left and, mirrored, on your right; a mark near the
sciatic nerve's path says so; every source exists.
"""

from __future__ import annotations

import math

from sciatica_guide.content.errors import ContentError
from sciatica_guide.content.mark_models import Mark, MarkKind
from sciatica_guide.content.models import Content
from sciatica_guide.shapes.geometry import (
    distance_to_polyline,
    drawn_line,
    drawn_outline,
    point_in_polygon,
)
from sciatica_guide.shapes.mark_shapes import (
    HEAD_LENGTH,
    MIN_SHAFT,
    mark_shape,
    points_needed,
    shaft_length,
)

FILE = "technique_marks.yaml"
#: A mark this close (drawing units, about 3 cm on the body) to the drawn sciatic nerve must
#: carry near_nerve: true, so the guide says "gentle pressure only" there.
NEAR_NERVE_UNITS = 12.0
SIDES = ("left", "right")


def check_technique_marks(content: Content) -> None:
    marks_file = content.technique_marks
    technique_ids = [t.id for t in content.techniques.techniques]
    for tid in marks_file.drawings:
        if tid not in technique_ids:
            raise ContentError(FILE, f"drawings.{tid}", f"unknown technique id '{tid}'")
    for tid in technique_ids:
        if tid not in marks_file.drawings:
            raise ContentError(FILE, "drawings", f"no drawing for the technique '{tid}'")
    # The ui texts' {placeholders} are checked with every other text (models.Placeholders).

    areas = {a.id: a for a in content.areas.areas}
    source_ids = {s.id for s in content.sources.sources}
    width = content.body_map.view_box.width
    seen: set[tuple[str, str]] = set()
    for mi, entry in enumerate(marks_file.marks):
        where = f"marks[{mi}]"
        area = areas.get(entry.area)
        if area is None:
            raise ContentError(FILE, f"{where}.area", f"unknown area id '{entry.area}'")
        if entry.technique not in technique_ids:
            raise ContentError(
                FILE, f"{where}.technique", f"unknown technique id '{entry.technique}'"
            )
        if entry.technique not in {t.id for t in area.techniques}:
            raise ContentError(
                FILE,
                f"{where}.technique",
                f"'{entry.technique}' does not fit '{entry.area}' in areas.yaml: not drawn",
            )
        pair = (entry.area, entry.technique)
        if pair in seen:
            raise ContentError(FILE, where, f"'{entry.technique}' on '{entry.area}' is drawn twice")
        seen.add(pair)
        for si, source in enumerate(entry.sources):
            if source not in source_ids:
                raise ContentError(FILE, f"{where}.sources[{si}]", f"unknown source id '{source}'")
        kind = marks_file.drawings[entry.technique].kind
        for ji, mark in enumerate(entry.marks):
            field = f"{where}.marks[{ji}].points"
            low, high = points_needed(kind)
            if len(mark.points) < low or (high is not None and len(mark.points) > high):
                wanted = f"{low}" if low == high else f"at least {low}"
                raise ContentError(FILE, field, f"a {kind} mark takes {wanted} point(s)")
            if kind == "stroke" and shaft_length(mark.points) < HEAD_LENGTH + MIN_SHAFT:
                raise ContentError(FILE, field, "the arrow is too short to see its shaft")
            for side in SIDES:
                _check_placed(content, area.id, area.view, side, kind, mark, ji, field, width)
    for area in content.areas.areas:
        for fit in area.techniques:
            if (area.id, fit.id) not in seen:
                raise ContentError(
                    FILE, "marks", f"no marks for '{fit.id}' on '{area.id}' (it fits there)"
                )


def _check_placed(
    content: Content,
    area_id: str,
    view: str,
    side: str,
    kind: MarkKind,
    mark: Mark,
    index: int,
    field: str,
    width: float,
) -> None:
    region_id = f"{area_id}-{side}"
    outline = content.body_map.outline(region_id)
    if outline is None:
        return  # the body map's own check names the missing outline
    shape = mark_shape(kind, mark.points, index + 1, width if side == "right" else None)
    polygon = drawn_outline(outline.points)
    for x, y in shape.edge_points():
        if not point_in_polygon((x, y), polygon):
            raise ContentError(
                FILE,
                field,
                f"the mark goes outside the outline of '{region_id}' near ({x:.0f}, {y:.0f})",
            )
    nerves = [
        drawn_line(path.points)
        for path in content.body_map.nerve
        if path.view == view and path.side == side
    ]
    closest = min(
        (distance_to_polyline(p, nerve) for p in shape.line_points() for nerve in nerves),
        default=math.inf,
    )
    if closest < NEAR_NERVE_UNITS and not mark.near_nerve:
        raise ContentError(
            FILE,
            field.removesuffix(".points") + ".near_nerve",
            f"the mark is {closest:.0f} units from the sciatic nerve on '{region_id}': "
            "set near_nerve: true so the guide asks for gentle pressure there",
        )
