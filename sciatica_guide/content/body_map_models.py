"""Models of areas.yaml and body_map.yaml: the parts of the body and the map's drawing."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Annotated, Any, Literal, Self

from pydantic import Field

from sciatica_guide.content.base import Id, Strict
from sciatica_guide.content.placeholders import Placeholders

# --- areas.yaml ---------------------------------------------------------------------------------
Side = Literal["left", "right"]
View = Literal["back", "front"]


#: Nerve roots whose typical areas the body map can show.
Root = Literal["L4", "L5", "S1"]


class AreaTechnique(Strict):
    """A technique that fits an area, and how a therapist uses it there."""

    id: Id
    how: str


class Area(Strict):
    id: Id
    view: View
    name: str
    #: What is there, in plain words (the same for your left and your right).
    description: str
    muscles: list[str] = Field(min_length=1)
    #: The nerve roots whose typical areas include this area, and how sciatica shows up here.
    roots: list[Root] = Field(min_length=1)
    typical: str
    techniques: list[AreaTechnique] = Field(min_length=1)
    #: Precautions (precautions.yaml ids) that matter most here; same-day ones are shown first.
    precautions: list[Id] = []
    #: Urgent-help signs (red_flags.yaml flag ids) that concern this area.
    red_flags: list[Id] = []
    #: Care that belongs to this area only.
    care: list[str] = []
    sources: list[Id] = Field(min_length=1)


class Region(Strict):
    """One side of one area: what a person taps on the body map or ticks in the list."""

    id: Id
    area: Id
    side: Side
    view: View
    name: str


class AreasFile(Strict):
    sides: dict[Side, str]
    region_name: Annotated[str, Placeholders("area", "side")]
    areas: list[Area] = Field(min_length=1)

    def regions(self) -> list[Region]:
        """Every region, area by area, your left before your right."""
        return list(self._region_index[0])

    def region(self, region_id: str) -> Region | None:
        return self._region_index[1].get(region_id)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        # A copy with other names or areas builds its own regions (the cache is in __dict__).
        copy = super().model_copy(update=update, deep=deep)
        copy.__dict__.pop("_region_index", None)
        return copy

    @cached_property
    def _region_index(self) -> tuple[tuple[Region, ...], dict[str, Region]]:
        # Built once per loaded content (the model is frozen): a page run builds every region's
        # panel and looks regions up about 40 times (docs/performance.md, "Instant body map").
        regions = tuple(
            Region(
                id=f"{area.id}-{side}",
                area=area.id,
                side=side,
                view=area.view,
                name=self.region_name.format(area=area.name, side=self.sides[side]),
            )
            for area in self.areas
            for side in ("left", "right")
        )
        return regions, {r.id: r for r in regions}


# --- body_map.yaml ------------------------------------------------------------------------------
Point = tuple[float, float]


class ViewBox(Strict):
    width: float = Field(gt=0)
    height: float = Field(gt=0)
    #: Where the map on screen starts: the figure is cropped to where sciatica is felt, so on a
    #: tablet the lower back, buttocks and thighs are in the first screen. 0 shows it all.
    top: float = Field(default=0, ge=0)


class Ellipse(Strict):
    cx: float
    cy: float
    rx: float = Field(gt=0)
    ry: float = Field(gt=0)


class Figure(Strict):
    """A person's silhouette in one view: a head and one smooth outline through the points."""

    view: View
    head: Ellipse
    outline: list[Point] = Field(min_length=3)
    #: Thin lines that help people tell the views apart (spine, kneecaps, toes): open curves.
    details: list[list[Point]] = []


class RegionOutline(Strict):
    """Where one region (area and side) is drawn: a closed smooth outline through the points."""

    region: Id
    points: list[Point] = Field(min_length=3)
    #: Where the region's name is written when it is selected.
    label_at: Point


class NervePath(Strict):
    view: View
    side: Side
    points: list[Point] = Field(min_length=2)


class RootArea(Strict):
    """A typical area of one nerve root on one side, for the educator overlay."""

    root: Root
    view: View
    side: Side
    points: list[Point] = Field(min_length=3)
    label_at: Point


class BodyMapUi(Strict):
    """Every word the body map page shows, apart from the region facts in areas.yaml."""

    views: dict[View, str]
    view_control: str
    map_name: Annotated[str, Placeholders("view")]
    viewer_side: dict[Literal["left", "right"], Annotated[str, Placeholders("side")]]
    list_label: str
    list_placeholder: str
    list_view_suffix: Annotated[str, Placeholders("view")]
    overlays_heading: str
    overlay_nerve: str
    overlay_roots: str
    legend_nerve: str
    legend_nerve_short: str
    legend_roots: dict[Root, str]
    not_diagnosis: str
    roots_caption: str
    prompt: str
    #: The one line above the figure before a tap, where the panel is below the map (phones).
    tap_prompt: str
    unknown_region: str
    what_is_here: str
    muscles: str
    sciatica_here: str
    roots_line: Annotated[str, Placeholders("roots")]
    take_care: str
    techniques: str
    check_first: str
    sign_if: Annotated[str, Placeholders("sign", "action")]
    only_if_none: str
    techniques_note: str
    read_more: Annotated[str, Placeholders("technique")]
    sources: str
    share: Annotated[str, Placeholders("name")]


class BodyMapFile(Strict):
    view_box: ViewBox
    figures: list[Figure] = Field(min_length=2, max_length=2)
    outlines: list[RegionOutline] = Field(min_length=1)
    nerve: list[NervePath] = []
    root_areas: list[RootArea] = []
    ui: BodyMapUi

    def figure(self, view: View) -> Figure:
        return next(f for f in self.figures if f.view == view)

    def outline(self, region_id: Id) -> RegionOutline | None:
        return next((o for o in self.outlines if o.region == region_id), None)
