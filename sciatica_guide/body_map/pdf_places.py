"""The self-assessment summary's small body figure: both views of the body map's own outlines
(pdf_figure.py draws them), with the places a person chose filled, hatched and outlined, and
each chosen area named beside the figure with a line to it. Colour is never the only cue: the
hatching and the dark outline print in black and white, and every place is named in words."""

from __future__ import annotations

from collections.abc import Sequence

from fpdf.drawing import ClippingPath

from sciatica_guide.assessment.report import area_phrase
from sciatica_guide.body_map.pdf_figure import (
    DETAIL_LINE,
    LABEL_INK,
    Frame,
    draw_body,
    draw_curve,
    path_style,
    trace_curve,
)
from sciatica_guide.body_map.svg import VIEWS
from sciatica_guide.content import Content
from sciatica_guide.content.models import Region, View
from sciatica_guide.pdf import GuidePdf
from sciatica_guide.shapes.geometry import Point

#: Millimetres: each view's figure, the label column on its outer side, the gap between a label
#: and its figure, and the gap between the two views.
FIGURE_WIDTH = 15.0
LABEL_WIDTH = 21.0
LABEL_GAP = 1.5
VIEW_GAP = 5.0
#: A chosen place: a warm fill, dark hatching (what prints in black and white) and outline.
PLACE_FILL = "#f6c1a8"
HATCH_INK = "#7a2e14"
HATCH_STEP = 1.1
#: Which side of its figure each view's names go: the outer side, so no name sits between them.
LABEL_SIDE: dict[View, str] = {"back": "left", "front": "right"}


def _hatch(pdf: GuidePdf, frame: Frame, points: Sequence[Point]) -> None:
    """Diagonal lines inside the outline (clipped to it): the place's pattern."""
    corners = [frame.at(p) for p in points]
    left = min(x for x, _ in corners)
    right = max(x for x, _ in corners)
    top = min(y for _, y in corners)
    bottom = max(y for _, y in corners)
    clip = ClippingPath()
    trace_curve(clip, frame, points, closed=True)
    with pdf.new_path() as path:
        path.clipping_path = clip
        path_style(path, None, HATCH_INK, 0.18)
        start = left - (bottom - top)
        while start < right:
            path.move_to(start, bottom)
            path.line_to(start + (bottom - top), top)
            start += HATCH_STEP


def _label_text(pdf: GuidePdf, phrase: str) -> str:
    """A place's name as it fits its column: too long, it breaks before its sides, "(...)"."""
    text = pdf.clean(phrase)
    if pdf.get_string_width(text) > LABEL_WIDTH and " (" in text:
        head, _, tail = text.partition(" (")
        text = f"{head}\n({tail}"
    return text


class SummaryFigure:
    """The summary's figure for one content: `width` mm across, drawn by `draw`."""

    width = 2 * (LABEL_WIDTH + LABEL_GAP + FIGURE_WIDTH) + VIEW_GAP

    def __init__(self, content: Content) -> None:
        self.content = content

    def _frames(self, left: float, top: float) -> dict[View, Frame]:
        x = left + LABEL_WIDTH + LABEL_GAP
        return {
            view: Frame(x + i * (FIGURE_WIDTH + VIEW_GAP), top, FIGURE_WIDTH)
            for i, view in enumerate(VIEWS)
        }

    def draw(
        self, pdf: GuidePdf, regions: Sequence[str], left: float, top: float, size: float
    ) -> float:
        """Both views from (`left`, `top`), `regions` marked and named in `size` pt; returns the
        height drawn (the names may run below the figures)."""
        content = self.content
        chosen = [r for rid in regions if (r := content.region(rid)) is not None]
        frames = self._frames(left, top)
        for view, frame in frames.items():
            draw_body(pdf, content, view, frame, line_width=0.3)
            for detail in content.body_map.figure(view).details:
                draw_curve(pdf, frame, detail, closed=False, fill=None, line=DETAIL_LINE, width=0.2)
            for region in chosen:
                outline = content.body_map.outline(region.id)
                if region.view != view or outline is None:
                    continue
                draw_curve(
                    pdf,
                    frame,
                    outline.points,
                    closed=True,
                    fill=PLACE_FILL,
                    line=LABEL_INK,
                    width=0.1,
                )
                _hatch(pdf, frame, outline.points)
                draw_curve(
                    pdf, frame, outline.points, closed=True, fill=None, line=LABEL_INK, width=0.45
                )
        bottom = self._view_names(pdf, frames, size)
        return max(bottom, self._names(pdf, frames, chosen, left, size)) - top

    def _view_names(self, pdf: GuidePdf, frames: dict[View, Frame], size: float) -> float:
        """Each view's name under its figure (wrapped to the figure and half the gaps)."""
        pdf.set_font(pdf.family, "", size)
        pdf.set_text_color(17, 17, 17)
        bottom = 0.0
        for view, frame in frames.items():
            width = FIGURE_WIDTH + VIEW_GAP - 1
            pdf.set_xy(frame.left + FIGURE_WIDTH / 2 - width / 2, frame.top + frame.height + 1)
            text = pdf.clean(self.content.body_map.ui.views[view])
            pdf.multi_cell(width, size * 0.42, text, align="C", new_x="LEFT", new_y="NEXT")
            bottom = max(bottom, pdf.get_y())
        pdf.set_text_color(0, 0, 0)
        return bottom

    def _names(
        self,
        pdf: GuidePdf,
        frames: dict[View, Frame],
        chosen: Sequence[Region],
        left: float,
        size: float,
    ) -> float:
        """Each chosen area's name ("Calf (both sides)", the answers' own words) in its view's
        outer column, level with the place, with a line to the place nearest it."""
        content = self.content
        ids = {r.id for r in chosen}
        bottom = 0.0
        pdf.set_font(pdf.family, "", size)
        line_height = size * 0.42
        for view, frame in frames.items():
            side = LABEL_SIDE[view]
            column = left if side == "left" else frame.left + FIGURE_WIDTH + LABEL_GAP
            placed = frame.top
            for area in content.areas.areas:
                sides = [s for s in ("left", "right") if f"{area.id}-{s}" in ids]
                if area.view != view or not sides:
                    continue
                anchors = []
                for s in sides:
                    outline = content.body_map.outline(f"{area.id}-{s}")
                    assert outline is not None  # the loader checks every region has one
                    anchors.append(frame.at(outline.label_at))
                # The place nearest the names' column gets the line.
                anchor = min(anchors, key=lambda a: abs(a[0] - column))
                text = _label_text(pdf, area_phrase(content, area.id, sides))
                lines = pdf.multi_cell(LABEL_WIDTH, line_height, text, dry_run=True, output="LINES")
                assert isinstance(lines, list)
                height = len(lines) * line_height
                y = max(anchor[1] - height / 2, placed)
                placed = y + height + 1
                pdf.set_text_color(17, 17, 17)
                pdf.set_xy(column, y)
                pdf.multi_cell(LABEL_WIDTH, line_height, text, align="R" if side == "left" else "L")
                start = (
                    (column + LABEL_WIDTH + 0.4, y + height / 2)
                    if side == "left"
                    else (column - 0.4, y + height / 2)
                )
                pdf.set_draw_color(40, 40, 40)
                pdf.set_line_width(0.2)
                pdf.line(*start, *anchor)
                pdf.set_fill_color(17, 17, 17)
                pdf.ellipse(anchor[0] - 0.5, anchor[1] - 0.5, 1.0, 1.0, style="F")
                bottom = max(bottom, placed)
        pdf.set_draw_color(0, 0, 0)
        pdf.set_text_color(0, 0, 0)
        return bottom
