"""The handout's body map: the map's own outlines drawn on paper with fpdf2, each region labelled
with its name and the techniques that fit it (the same data as the map on screen)."""

from __future__ import annotations

from collections.abc import Sequence

from fpdf.drawing import ClippingPath, PaintedPath

from sciatica_guide.body_map.marks import ShownTechnique, shown_technique, technique_places
from sciatica_guide.body_map.svg import VIEWS, region_order
from sciatica_guide.content import Content
from sciatica_guide.content.models import Side, View
from sciatica_guide.pdf import BODY, SMALL, GuidePdf
from sciatica_guide.shapes.geometry import Point, closed_curve, open_curve, viewer_left_side
from sciatica_guide.shapes.mark_shapes import SPOT_RADIUS

# The body map's own colours (component.py), so paper and screen look alike.
SKIN_FILL = "#efe3d6"
SKIN_LINE = "#6b5744"
DETAIL_LINE = "#8c7561"
REGION_FILL = "#c9dcec"
REGION_LINE = "#1b5788"
LABEL_INK = "#111111"

#: The part of the 380 x 1000 drawing the figure fills (the rest is room for labels on screen).
FIGURE_X = (55.0, 325.0)
FIGURE_Y = (50.0, 950.0)
#: Millimetres on paper: each view's column, the figure inside it and the label columns beside.
VIEW_WIDTH = 90.0
FIGURE_WIDTH = 40.0
LABEL_FONT = 7.5
LABEL_GAP = 1.5
SIDE_INSET = 4.0


class Frame:
    """Maps the drawing's units to millimetres on the page for one view."""

    def __init__(self, left: float, top: float, width: float = FIGURE_WIDTH) -> None:
        self.scale = width / (FIGURE_X[1] - FIGURE_X[0])
        self.width = width
        self.left = left
        self.top = top

    def at(self, point: Point) -> Point:
        x, y = point
        return (
            self.left + (x - FIGURE_X[0]) * self.scale,
            self.top + (y - FIGURE_Y[0]) * self.scale,
        )

    @property
    def height(self) -> float:
        return (FIGURE_Y[1] - FIGURE_Y[0]) * self.scale


def draw_curve(
    pdf: GuidePdf,
    frame: Frame,
    points: Sequence[Point],
    *,
    closed: bool,
    fill: str | None,
    line: str,
    width: float,
) -> None:
    with pdf.new_path() as path:
        path_style(path, fill, line, width)
        trace_curve(path, frame, points, closed=closed)


def trace_curve(
    path: PaintedPath | ClippingPath, frame: Frame, points: Sequence[Point], *, closed: bool
) -> None:
    """The smooth curve through `points` into `path` (drawn, or a clipping outline)."""
    segments = closed_curve(points) if closed else open_curve(points)
    path.move_to(*frame.at(points[0]))
    for c1, c2, end in segments:
        path.curve_to(*frame.at(c1), *frame.at(c2), *frame.at(end))
    if closed:
        path.close()


def path_style(path: PaintedPath, fill: str | None, line: str, width: float) -> None:
    path.style.fill_color = fill
    path.style.stroke_color = line
    path.style.stroke_width = width
    path.style.stroke_join_style = "round"
    path.style.stroke_cap_style = "round"


def draw_body(
    pdf: GuidePdf, content: Content, view: View, frame: Frame, *, line_width: float = 0.3
) -> None:
    """The figure's head and outline, in skin colours."""
    figure = content.body_map.figure(view)
    head = figure.head
    with pdf.new_path() as path:
        path_style(path, SKIN_FILL, SKIN_LINE, line_width)
        cx, cy = frame.at((head.cx, head.cy))
        path.ellipse(cx, cy, head.rx * frame.scale, head.ry * frame.scale)
    draw_curve(
        pdf, frame, figure.outline, closed=True, fill=SKIN_FILL, line=SKIN_LINE, width=line_width
    )


def _figure(pdf: GuidePdf, content: Content, view: View, frame: Frame) -> None:
    figure = content.body_map.figure(view)
    draw_body(pdf, content, view, frame, line_width=0.35)
    for detail in figure.details:
        draw_curve(pdf, frame, detail, closed=False, fill=None, line=DETAIL_LINE, width=0.25)
    for region in region_order(content, view):
        outline = content.body_map.outline(region.id)
        assert outline is not None  # the loader checks every region has one
        draw_curve(
            pdf, frame, outline.points, closed=True, fill=REGION_FILL, line=REGION_LINE, width=0.3
        )


def _label_text(pdf: GuidePdf, name: str, width: float) -> tuple[str, float]:
    """A region's name as it fits beside the figure, and its height.

    A name too long for one line breaks after its last comma ("Buttock," / "your left").
    """
    pdf.set_font(pdf.family, "", LABEL_FONT)
    text = pdf.clean(name)
    if pdf.get_string_width(text) > width and ", " in text:
        head, _, tail = text.rpartition(", ")
        text = f"{head},\n{tail}"
    lines = pdf.multi_cell(width, LABEL_FONT * 0.42, text, dry_run=True, output="LINES")
    assert isinstance(lines, list)  # fpdf2 types the result as what any `output` would give
    return text, len(lines) * LABEL_FONT * 0.42


def _labels(pdf: GuidePdf, content: Content, view: View, frame: Frame, column: float) -> None:
    """Every region's name beside the figure, with a line to its place on the body.

    Names sit in the margins, the viewer's left-hand regions on the left, so none covers another.
    """
    label_width = (VIEW_WIDTH - FIGURE_WIDTH) / 2 - LABEL_GAP - 1
    placed: dict[str, float] = {"left": frame.top, "right": frame.top}
    entries = []
    for region in content.regions():
        if region.view != view:
            continue
        outline = content.body_map.outline(region.id)
        assert outline is not None
        anchor = frame.at(outline.label_at)
        side = "left" if outline.label_at[0] < 190 else "right"
        entries.append((anchor[1], side, anchor, region.name))
    for _, side, anchor, name in sorted(entries):
        text, height = _label_text(pdf, name, label_width)
        # Centred on its place on the body, but never over the name above it.
        top = max(anchor[1] - height / 2, placed[side])
        placed[side] = top + height + 1.5
        x = column if side == "left" else column + VIEW_WIDTH - label_width
        pdf.set_font(pdf.family, "", LABEL_FONT)
        pdf.set_text_color(17, 17, 17)
        pdf.set_xy(x, top)
        pdf.multi_cell(
            label_width,
            LABEL_FONT * 0.42,
            text,
            align="R" if side == "left" else "L",
        )
        line_start = (
            (x + label_width + 0.5, top + height / 2)
            if side == "left"
            else (
                x - 0.5,
                top + height / 2,
            )
        )
        pdf.set_draw_color(40, 40, 40)
        pdf.set_line_width(0.2)
        pdf.line(*line_start, *anchor)
        pdf.set_fill_color(17, 17, 17)
        pdf.ellipse(anchor[0] - 0.6, anchor[1] - 0.6, 1.2, 1.2, style="F")
    pdf.set_draw_color(0, 0, 0)
    pdf.set_text_color(0, 0, 0)


def _view(pdf: GuidePdf, content: Content, view: View, column: float, top: float) -> float:
    ui = content.body_map.ui
    pdf.set_font(pdf.family, "B", 11)
    pdf.set_xy(column, top)
    pdf.cell(VIEW_WIDTH, 6, pdf.clean(ui.views[view]), align="C")
    # Whose left is which, above the figure: seen from the front, your left is on the right.
    left_side = viewer_left_side(view)
    right_side: Side = "right" if left_side == "left" else "left"
    pdf.set_font(pdf.family, "B", 8)
    # Inset from the column's edges, so the two views' side names never run together.
    pdf.set_xy(column + SIDE_INSET, top + 7)
    pdf.cell(
        VIEW_WIDTH / 2 - SIDE_INSET,
        5,
        pdf.clean(ui.viewer_side["left"].format(side=content.areas.sides[left_side])),
        align="L",
    )
    pdf.cell(
        VIEW_WIDTH / 2 - SIDE_INSET,
        5,
        pdf.clean(ui.viewer_side["right"].format(side=content.areas.sides[right_side])),
        align="R",
    )
    frame = Frame(column + (VIEW_WIDTH - FIGURE_WIDTH) / 2, top + 14)
    _figure(pdf, content, view, frame)
    _labels(pdf, content, view, frame, column)
    return top + 14 + frame.height


def draw_body_map(pdf: GuidePdf, content: Content) -> None:
    words = content.modes.handout
    pdf.add_page()
    pdf.write_lines(words.body_map_heading, 17, "B")
    pdf.ln(1)
    pdf.paragraph(words.body_map_intro)
    top = pdf.get_y() + 2
    columns = [pdf.l_margin + i * VIEW_WIDTH for i in range(len(VIEWS))]
    bottom = max(_view(pdf, content, view, x, top) for x, view in zip(columns, VIEWS, strict=True))
    # A line between the views: each one is a separate picture of the same body.
    pdf.set_draw_color(150, 150, 150)
    pdf.line(pdf.l_margin + VIEW_WIDTH, top, pdf.l_margin + VIEW_WIDTH, bottom)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_xy(pdf.l_margin, bottom + 4)
    pdf.heading(words.regions_heading, 13)
    ui = content.body_map.ui
    for area in content.areas.areas:
        names = words.list_separator.join(content.technique(t.id).name for t in area.techniques)
        line = words.regions_line.format(
            area=area.name, view=ui.views[area.view].lower(), techniques=names
        )
        pdf.write_lines(f"{pdf.bullet} {line}", BODY, indent=2)
    pdf.ln(2)
    pdf.paragraph(ui.techniques_note, SMALL)


# --- a technique's marks (the techniques section of the handout) ----------------------------------
#: Millimetres: each small figure's width, and the room for its view's name below it.
SMALL_FIGURE_WIDTH = 24.0
SMALL_FIGURE_GAP = 14.0
#: Millimetres the two small figures take, with their view names.
TECHNIQUE_FIGURE_HEIGHT = (FIGURE_Y[1] - FIGURE_Y[0]) * SMALL_FIGURE_WIDTH / (
    FIGURE_X[1] - FIGURE_X[0]
) + 6
MARK_INK = "#111111"
MARK_HIGHLIGHT = "#ffd43b"


def _marks(pdf: GuidePdf, frame: Frame, shown: ShownTechnique) -> None:
    """Arrows and dots as on screen: gentle ones dashed or ringed, never by colour alone."""
    for shape, mark in zip(shown.shapes, shown.marks, strict=True):
        for arrow in shape.arrows:
            pdf.set_dash_pattern(dash=1.2, gap=0.8) if mark.near_nerve else pdf.set_dash_pattern()
            draw_curve(pdf, frame, arrow.shaft, closed=False, fill=None, line=MARK_INK, width=0.6)
            pdf.set_dash_pattern()
            with pdf.new_path() as path:
                path_style(path, MARK_INK, MARK_INK, 0.2)
                path.move_to(*frame.at(arrow.head[0]))
                for corner in arrow.head[1:]:
                    path.line_to(*frame.at(corner))
                path.close()
        if shape.spot is not None:
            cx, cy = frame.at(shape.spot.at)
            radius = SPOT_RADIUS * frame.scale
            if mark.near_nerve:
                pdf.set_dash_pattern(dash=0.6, gap=0.5)
                with pdf.new_path() as path:
                    path_style(path, None, MARK_INK, 0.3)
                    path.circle(cx, cy, radius * 1.6)
                pdf.set_dash_pattern()
            with pdf.new_path() as path:
                path_style(path, MARK_INK, "#ffffff", 0.3)
                path.circle(cx, cy, radius)


def draw_technique_views(
    pdf: GuidePdf,
    content: Content,
    technique_id: str,
    left: float,
    top: float,
    *,
    width: float = SMALL_FIGURE_WIDTH,
    gap: float = SMALL_FIGURE_GAP,
) -> list[tuple[View, Frame]]:
    """Both views, `width` mm each from (`left`, `top`), with the regions where the technique
    fits shaded and its marks drawn. Returns each view's frame (for its name below)."""
    frames = []
    for i, view in enumerate(VIEWS):
        frame = Frame(left + i * (width + gap), top, width)
        frames.append((view, frame))
        draw_body(pdf, content, view, frame)
        for region in content.regions():
            shown = shown_technique(content, region, technique_id)
            outline = content.body_map.outline(region.id)
            if region.view != view or shown is None or outline is None:
                continue
            draw_curve(
                pdf,
                frame,
                outline.points,
                closed=True,
                fill=MARK_HIGHLIGHT,
                line=LABEL_INK,
                width=0.3,
            )
            _marks(pdf, frame, shown)
    return frames


def view_names(
    pdf: GuidePdf,
    content: Content,
    frames: list[tuple[View, Frame]],
    size: float = LABEL_FONT,
    spare: float | None = None,
) -> float:
    """Each view's name under its figure, centred in its width plus `spare` mm each side (a
    quarter of the width unless given); returns the names' bottom edge."""
    pdf.set_font(pdf.family, "", size)
    pdf.set_text_color(17, 17, 17)
    bottom = 0.0
    for view, frame in frames:
        spare = frame.width * 0.25 if spare is None else spare
        pdf.set_xy(frame.left - spare, frame.top + frame.height + 1)
        label = pdf.clean(content.body_map.ui.views[view])
        pdf.cell(frame.width + 2 * spare, size * 0.45, label, align="C")
        bottom = max(bottom, frame.top + frame.height + 1 + size * 0.45)
    pdf.set_text_color(0, 0, 0)
    return bottom


def draw_technique_figure(pdf: GuidePdf, content: Content, technique_id: str) -> None:
    """Both views, small, with the regions where the technique fits shaded and its marks drawn
    (the techniques page's figure, on paper), then every mark in words: the text equivalent."""
    top = pdf.get_y() + 2
    frames = draw_technique_views(pdf, content, technique_id, pdf.l_margin + 6, top)
    view_names(pdf, content, frames)
    pdf.set_xy(pdf.l_margin, top + frames[0][1].height + 6)
    words = technique_places(content, technique_id)
    pdf.paragraph(words.legend, SMALL)
    pdf.bullets([f"{name}: {text}" for name, text in words.places], SMALL)
    pdf.paragraph(f"{content.technique_marks.ui.sources}: {words.sources}", SMALL)
