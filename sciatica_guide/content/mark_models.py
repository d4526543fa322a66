"""Models of content/technique_marks.yaml: where each massage technique is drawn on the body map.

Kept apart from models.py (which imports this) so the body map's marks stay one small module.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from sciatica_guide.content.placeholders import Placeholders
from sciatica_guide.shapes.mark_shapes import MarkKind

#: A point in the body map's own drawing units (body_map.yaml's view_box).
MarkPoint = tuple[float, float]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_min_length=1)


class MarkDrawing(_Strict):
    """How one technique is drawn, and the words that say what its marks mean."""

    kind: MarkKind
    #: What the marks show, in words ("Arrows: the direction of ..."): the legend.
    legend: str


class Mark(_Strict):
    """One mark on an area, drawn on your left side; your right side gets its mirror image.

    stroke: an arrow through `points` (two or more), pointing the way the hands move.
    spot: a numbered dot at the one point. stretch: two arrows pulling apart from the middle
    of the two points.
    """

    points: list[MarkPoint] = Field(min_length=1)
    #: The mark in words, shown beside the picture and read by screen readers.
    text: str
    #: Near the sciatic nerve's path: the guide adds "gentle pressure only" and draws the nerve.
    near_nerve: bool = False


class AreaMarks(_Strict):
    """The marks of one technique on one area (areas.yaml says the technique fits there)."""

    area: str
    technique: str
    sources: list[str] = Field(min_length=1)
    marks: list[Mark] = Field(min_length=1)


class MarksUi(_Strict):
    """The words around the marks."""

    chooser: str
    hide: str
    words_heading: str
    spot_note: str
    near_nerve: str
    nerve_label: str
    #: A technique the person's answers rule out here: "{technique}" and "{reasons}".
    withheld: Annotated[str, Placeholders("technique", "reasons")]
    #: When an urgent-help sign was ticked: nothing is drawn. "{action}" is the level's action.
    urgent: Annotated[str, Placeholders("action")]
    #: When the self-assessment asks a sign again (numbness, two legs): nothing is drawn yet.
    recheck: str
    figure_heading: str
    #: The small figure's name for screen readers: "{technique}".
    figure_name: Annotated[str, Placeholders("technique")]
    sources: str


class TechniqueMarksFile(_Strict):
    ui: MarksUi
    #: Technique id -> how it is drawn. Every technique has one.
    drawings: dict[str, MarkDrawing]
    marks: list[AreaMarks] = Field(min_length=1)

    def for_pair(self, area_id: str, technique_id: str) -> AreaMarks | None:
        return next(
            (m for m in self.marks if m.area == area_id and m.technique == technique_id), None
        )
