"""Which technique marks the body map draws on a region, as plain data, SVG and words.

Safety decides first: the person's self-assessment answers (when given) go through the same
rules as the result page (`assessment.rules.evaluate`), so a technique their precautions rule
out is never drawn, and an urgent-help sign means nothing is drawn at all.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from html import escape
from typing import Any

from sciatica_guide.assessment.rules import Answers, evaluate
from sciatica_guide.content import Content
from sciatica_guide.content.mark_models import Mark, MarkKind
from sciatica_guide.content.models import Level, Precaution, Region, Technique, View
from sciatica_guide.shapes.geometry import smooth_open_path
from sciatica_guide.shapes.mark_shapes import (
    SPOT_RADIUS,
    Arrow,
    MarkShape,
    Spot,
    mark_shape,
)
from sciatica_guide.text import escape_markdown


@dataclass(frozen=True)
class ShownTechnique:
    """A technique the map may draw on this region: its marks, placed on the region's side."""

    technique: Technique
    kind: MarkKind
    legend: str
    marks: tuple[Mark, ...]
    shapes: tuple[MarkShape, ...]
    sources: tuple[str, ...]

    @property
    def near_nerve(self) -> bool:
        return any(mark.near_nerve for mark in self.marks)


@dataclass(frozen=True)
class WithheldTechnique:
    """A technique that fits here but that the person's answers rule out: not drawn."""

    technique: Technique
    reasons: tuple[Precaution, ...]


@dataclass(frozen=True)
class RegionMarks:
    region: Region
    shown: tuple[ShownTechnique, ...]
    withheld: tuple[WithheldTechnique, ...]
    #: The most urgent level of a ticked urgent-help sign: then nothing is drawn.
    urgent_level: Level | None = None
    #: The self-assessment asks a sign again (numbness, two legs): nothing is drawn until "No".
    recheck: bool = False

    @property
    def blocked(self) -> bool:
        """Nothing is drawn: an urgent sign, or a sign still to be checked."""
        return self.urgent_level is not None or self.recheck

    def technique(self, technique_id: str) -> ShownTechnique | None:
        return next((s for s in self.shown if s.technique.id == technique_id), None)


def shown_technique(content: Content, region: Region, technique_id: str) -> ShownTechnique | None:
    """A technique's marks on one region (mirrored on your right side), or None if it has none."""
    entry = content.technique_marks.for_pair(region.area, technique_id)
    if entry is None:
        return None
    drawing = content.technique_marks.drawings[technique_id]
    width = content.body_map.view_box.width if region.side == "right" else None
    shapes = tuple(
        mark_shape(drawing.kind, mark.points, i + 1, width) for i, mark in enumerate(entry.marks)
    )
    return ShownTechnique(
        technique=content.technique(technique_id),
        kind=drawing.kind,
        legend=drawing.legend,
        marks=tuple(entry.marks),
        shapes=shapes,
        sources=tuple(entry.sources),
    )


def region_marks(
    content: Content, region_id: str, answers: Answers | None = None
) -> RegionMarks | None:
    """What the map may draw on a region, after the person's answers; None for an unknown id."""
    region = content.region(region_id)
    if region is None:
        return None
    # The same rules as the self-assessment's result, for this one region.
    here = dataclasses.replace(answers or Answers(), regions=(region.id,))
    result = evaluate(content, here)
    if result.urgent:
        return RegionMarks(region, (), (), urgent_level=result.urgent_levels[0])
    if result.rechecks:
        return RegionMarks(region, (), (), recheck=True)
    plan = next((p for p in result.plans if p.area == region.area), None)
    by_id = {p.id: p for p in content.precautions.precautions}
    shown: list[ShownTechnique] = []
    withheld: list[WithheldTechnique] = []
    for fit in content.area(region.area).techniques:
        reasons = plan.ruled_out.get(fit.id, ()) if plan else ()
        if reasons:
            withheld.append(
                WithheldTechnique(content.technique(fit.id), tuple(by_id[r] for r in reasons))
            )
            continue
        technique = shown_technique(content, region, fit.id)
        if technique is not None:  # the loader checks that every fitting pair has marks
            shown.append(technique)
    return RegionMarks(region, tuple(shown), tuple(withheld))


# --- words ---------------------------------------------------------------------------------------
def mark_words(content: Content, shown: ShownTechnique) -> list[str]:
    """Each mark in words, in drawing order; spots carry their number, as on the picture."""
    ui = content.technique_marks.ui
    words = []
    for shape, mark in zip(shown.shapes, shown.marks, strict=True):
        text = mark.text
        if shape.spot is not None:
            text = f"{shape.spot.number}. {text}"
        if mark.near_nerve:
            text = f"{text} {ui.near_nerve}"
        words.append(text)
    return words


def technique_notes(content: Content, shown: ShownTechnique) -> list[str]:
    """What the whole picture needs said: the legend, 'typical places', where the nerve is."""
    ui = content.technique_marks.ui
    notes = [shown.legend]
    if shown.kind == "spot":
        notes.append(ui.spot_note)
    if shown.near_nerve:
        notes.append(ui.nerve_label)
    return notes


def withheld_text(content: Content, withheld: WithheldTechnique) -> str:
    reasons = "; ".join(p.label for p in withheld.reasons)
    return content.technique_marks.ui.withheld.format(
        technique=withheld.technique.name, reasons=reasons
    )


def blocked_texts(content: Content, marks: RegionMarks, emergency_number: str) -> list[str]:
    """Why something is not drawn: an urgent sign, or the answers that rule techniques out."""
    if marks.urgent_level is not None:
        action = content.red_flags.action(marks.urgent_level, emergency_number)
        return [content.technique_marks.ui.urgent.format(action=action)]
    if marks.recheck:
        return [content.technique_marks.ui.recheck]
    texts = [withheld_text(content, w) for w in marks.withheld]
    # A same-day warning (a possible blood clot) comes with its advice, in place of the marks.
    reasons = {p.id: p for w in marks.withheld for p in w.reasons}
    for reason in reasons.values():
        if reason.same_day_advice:
            texts.append(f"{reason.label}. {reason.advice_text(emergency_number)}")
    return texts


# --- drawing -------------------------------------------------------------------------------------
def _head_path(arrow: Arrow) -> str:
    (x1, y1), (x2, y2), (x3, y3) = arrow.head
    return f"M{x1:.1f} {y1:.1f}L{x2:.1f} {y2:.1f}L{x3:.1f} {y3:.1f}Z"


def _arrow_svg(arrow: Arrow, near: bool) -> str:
    shaft = smooth_open_path(arrow.shaft)
    dashed = " is-gentle" if near else ""
    return (
        f'<path class="bm-mark-halo" d="{shaft}"/>'
        f'<path class="bm-mark-halo-head" d="{_head_path(arrow)}"/>'
        f'<path class="bm-mark-line{dashed}" d="{shaft}"/>'
        f'<path class="bm-mark-head" d="{_head_path(arrow)}"/>'
    )


def _spot_svg(spot: Spot, near: bool, number: bool) -> str:
    x, y = spot.at
    # A dashed ring marks a gentle-pressure spot without relying on colour.
    ring = (
        f'<circle class="bm-mark-ring-halo" cx="{x:g}" cy="{y:g}" r="{SPOT_RADIUS + 4:g}"/>'
        f'<circle class="bm-mark-ring" cx="{x:g}" cy="{y:g}" r="{SPOT_RADIUS + 4:g}"/>'
        if near
        else ""
    )
    text = (
        f'<text class="bm-mark-number" x="{x:g}" y="{y:g}" dy="0.35em"'
        f' text-anchor="middle">{spot.number}</text>'
        if number
        else ""
    )
    return f'{ring}<circle class="bm-mark-spot" cx="{x:g}" cy="{y:g}" r="{SPOT_RADIUS:g}"/>{text}'


def shapes_svg(shown: ShownTechnique, *, numbers: bool = True) -> str:
    """The marks alone (no group): arrows and spots, gentle ones dashed or ringed."""
    parts = []
    for shape, mark in zip(shown.shapes, shown.marks, strict=True):
        for arrow in shape.arrows:
            parts.append(_arrow_svg(arrow, mark.near_nerve))
        if shape.spot is not None:
            parts.append(_spot_svg(shape.spot, mark.near_nerve, numbers))
    return "".join(parts)


def nerve_svg(content: Content, region: Region) -> str:
    """The sciatic nerve on the region's side and view, drawn with the marks near it."""
    return "".join(
        f'<path class="bm-mark-nerve" d="{smooth_open_path(path.points)}"/>'
        for path in content.body_map.nerve
        if path.view == region.view and path.side == region.side
    )


def marks_svg(content: Content, region: Region, shown: ShownTechnique) -> str:
    """One technique's marks on one region, as an SVG group named for screen readers."""
    label = f"{shown.technique.name}, {region.name}: " + " ".join(mark_words(content, shown))
    nerve = nerve_svg(content, region) if shown.near_nerve else ""
    return (
        f'<g class="bm-marks" data-technique="{escape(shown.technique.id, quote=True)}"'
        f' data-marks-region="{escape(region.id, quote=True)}" role="img"'
        f' aria-label="{escape(label, quote=True)}">{nerve}{shapes_svg(shown)}</g>'
    )


def marks_data(
    content: Content, marks: RegionMarks | None, emergency_number: str
) -> dict[str, Any]:
    """What the body map component needs to draw a region's marks and their words."""
    if marks is None:
        return {}
    ui = content.technique_marks.ui
    return {
        "region": marks.region.id,
        "view": marks.region.view,
        "chooser": ui.chooser,
        "hide": ui.hide,
        "techniques": [
            {
                "id": s.technique.id,
                "name": s.technique.name,
                "kind": s.kind,
                "svg": marks_svg(content, marks.region, s),
                "words": mark_words(content, s),
                "notes": technique_notes(content, s),
            }
            for s in marks.shown
        ],
        "blocked": blocked_texts(content, marks, emergency_number),
    }


# --- the techniques page: one small figure per technique ------------------------------------------
#: The part of the drawing the small figure shows: the lower back down to the feet.
FIGURE_TOP, FIGURE_BOTTOM = 340.0, 960.0


def technique_figure_svg(content: Content, technique_id: str) -> str:
    """Both views side by side, the regions where the technique fits shaded, with its marks on
    both sides. Named for screen readers; the words beside it say every mark."""
    from sciatica_guide.shapes.geometry import smooth_closed_path

    body_map = content.body_map
    width = body_map.view_box.width
    technique = content.technique(technique_id)
    views = []
    both: tuple[View, View] = ("back", "front")
    for i, view in enumerate(both):
        figure = body_map.figure(view)
        parts = [
            f'<g transform="translate({i * width:g} 0)">',
            f'<path class="tf-body" d="{smooth_closed_path(figure.outline)}"/>',
            # Under the feet, where nothing else is drawn.
            f'<text class="tf-title" x="{width / 2:g}" y="{FIGURE_BOTTOM + 24:g}"'
            f' text-anchor="middle">{escape(body_map.ui.views[view])}</text>',
        ]
        for region in content.regions():
            if region.view != view:
                continue
            shown = shown_technique(content, region, technique_id)
            outline = body_map.outline(region.id)
            if shown is None or outline is None:
                continue
            parts.append(f'<path class="tf-region" d="{smooth_closed_path(outline.points)}"/>')
            parts.append(shapes_svg(shown, numbers=False))
        parts.append("</g>")
        views.append("".join(parts))
    name = content.technique_marks.ui.figure_name.format(technique=technique.name)
    height = FIGURE_BOTTOM - FIGURE_TOP + 32
    return (
        f'<svg class="tf-svg" xmlns="http://www.w3.org/2000/svg" role="img"'
        f' aria-label="{escape(name, quote=True)}"'
        f' viewBox="0 {FIGURE_TOP:g} {2 * width:g} {height:g}">' + "".join(views) + "</svg>"
    )


@dataclass(frozen=True)
class TechniquePlaces:
    """A technique's picture in words: its legend, each place with its marks, the sources."""

    legend: str
    #: (area name, the marks there in words), in body order.
    places: tuple[tuple[str, str], ...]
    sources: str


def technique_places(content: Content, technique_id: str) -> TechniquePlaces:
    """Every place the technique is drawn, with each mark in words (your left; the right side
    is its mirror image). Plain text, for the techniques page and the handout alike."""
    ui = content.technique_marks.ui
    drawing = content.technique_marks.drawings[technique_id]
    legend = drawing.legend + (f" {ui.spot_note}" if drawing.kind == "spot" else "")
    places = []
    for area in content.areas.areas:
        entry = content.technique_marks.for_pair(area.id, technique_id)
        if entry is None:
            continue
        texts = [m.text + (f" {ui.near_nerve}" if m.near_nerve else "") for m in entry.marks]
        places.append((area.name, " ".join(texts)))
    sources = "; ".join(
        dict.fromkeys(
            content.source(s).short
            for e in content.technique_marks.marks
            if e.technique == technique_id
            for s in e.sources
        )
    )
    return TechniquePlaces(legend, tuple(places), sources)


def technique_places_markdown(content: Content, technique_id: str) -> str:
    """technique_places as Markdown, every content text escaped."""
    words = technique_places(content, technique_id)
    e = escape_markdown
    items = "\n".join(f"- **{e(name)}:** {e(text)}" for name, text in words.places)
    sources = f"{e(content.technique_marks.ui.sources)}: {e(words.sources)}"
    return "\n\n".join([e(words.legend), items, sources])
