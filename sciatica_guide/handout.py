"""The printable handout: the whole guide on paper, made in memory as a PDF (never written to disk).

The handout is the same for everyone: it holds nothing about the person, only the content and
the deployment's emergency number and public address. Safety comes first: the urgent-help signs
are on page 1, before anything about massage.
"""

from __future__ import annotations

from collections.abc import Sequence

from fpdf.drawing import PaintedPath

from sciatica_guide.body_map.geometry import Point, closed_curve, open_curve, viewer_left_side
from sciatica_guide.body_map.svg import VIEWS, region_order
from sciatica_guide.content import Content
from sciatica_guide.content.article import ArticleSection
from sciatica_guide.content.models import Technique, View
from sciatica_guide.pdf import GuidePdf
from sciatica_guide.settings import Settings

BODY = 10.0
SMALL = 8.5
#: Room at the foot of each page for the footer line.
FOOTER_SPACE = 18.0
URGENT_INK = (150, 0, 0)
NOTE_INK = (90, 90, 90)
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

#: A line of text: the words, font size, style ("" or "B") and indent in mm.
Line = tuple[str, float, str, float]


def _source_list(content: Content, ids: Sequence[str]) -> str:
    return "; ".join(content.source(sid).short for sid in ids)


def _attribution(content: Content) -> str:
    meta = content.site.article
    return content.site.attribution.format(
        title=meta.title, publisher=meta.publisher, date=meta.date
    )


class _Handout(GuidePdf):
    def __init__(self, content: Content, unicode_font: bool | None) -> None:
        super().__init__(unicode_font)
        self.content = content
        words = content.modes.handout
        self.set_title(self.clean(words.heading))
        self.set_author(self.clean(content.site.name))
        self.set_auto_page_break(auto=True, margin=FOOTER_SPACE)
        self.alias_nb_pages()
        # Ragged right: even word spacing reads more easily, and long web addresses stay tidy.
        self.align = "L"

    def footer(self) -> None:
        words = self.content.modes.handout
        review = self.content.site.review
        self.set_y(-12)
        self.set_font(self.family, "", 7.5)
        self.set_text_color(60, 60, 60)
        text = words.footer.format(date=f"{review.last_reviewed:%d %B %Y}")
        page = words.page_label.format(page=self.page_no(), pages=self.str_alias_nb_pages)
        self.cell(self.epw * 0.8, 5, self.clean(text), align="L")
        self.cell(self.epw * 0.2, 5, self.clean(page), align="R")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, size: float) -> None:
        # Never leave a heading alone at the foot of a page.
        if self.get_y() + 30 > self.page_break_trigger:
            self.add_page()
        self.ln(size * 0.25)
        self.write_lines(text, size, "B")
        self.ln(size * 0.15)

    def paragraph(self, text: str, size: float = BODY, style: str = "", indent: float = 0) -> None:
        self.write_lines(text, size, style, indent)
        self.ln(size * 0.2)

    def bullets(self, lines: Sequence[str], size: float = BODY, indent: float = 0) -> None:
        for line in lines:
            self.write_lines(f"{self.bullet} {line}", size, indent=indent + 2)
        self.ln(size * 0.2)

    def text_height(self, line: Line) -> float:
        text, size, style, indent = line
        self.set_font(self.family, style, size)
        lines = self.multi_cell(
            self.epw - indent, size * 0.5, self.clean(text), dry_run=True, output="LINES"
        )
        return len(lines) * size * 0.5

    def framed(self, lines: Sequence[Line], ink: tuple[int, int, int], *, bar: bool) -> None:
        """A block set apart by a frame (or a bar down its left edge), kept on one page."""
        gap = 1.5
        height = sum(self.text_height(line) for line in lines) + gap * (len(lines) - 1)
        if self.get_y() + height + 3 > self.page_break_trigger:
            self.add_page()
        top = self.get_y()
        for i, (text, size, style, indent) in enumerate(lines):
            if i:
                self.ln(gap)
            self.write_lines(text, size, style, indent)
        bottom = self.get_y()
        self.set_draw_color(*ink)
        self.set_line_width(0.9 if not bar else 1.2)
        if bar:
            self.line(self.l_margin + 1, top, self.l_margin + 1, bottom)
        else:
            self.rect(self.l_margin, top - 2, self.epw, bottom - top + 4)
        self.set_draw_color(0, 0, 0)
        self.set_line_width(0.2)
        self.ln(5)


# --- the parts, in the order they are printed --------------------------------------------------
def _title(pdf: _Handout, content: Content, settings: Settings) -> None:
    words = content.modes.handout
    pdf.write_lines(words.heading, 18, "B")
    pdf.ln(2)
    pdf.paragraph(content.site.tagline)
    pdf.paragraph(_attribution(content), SMALL)
    if settings.public_url:
        pdf.paragraph(words.guide_link.format(url=settings.public_url), SMALL)
    pdf.ln(2)


def _urgent(pdf: _Handout, content: Content, settings: Settings) -> None:
    red_flags = content.red_flags
    number = red_flags.emergency_number_text(settings.emergency_number)

    lines: list[Line] = [
        (content.modes.handout.urgent_heading, 14, "B", 3),
        (red_flags.intro, BODY + 1, "B", 3),
    ]
    for group in red_flags.groups:
        lines.append((red_flags.heading(group, number), BODY + 1, "B", 3))
        lines.extend((f"{pdf.bullet} {flag.text}", BODY + 0.5, "", 5) for flag in group.flags)
    # A thick frame and bold type: unmistakable on paper, without relying on colour.
    pdf.ln(2)
    pdf.framed(lines, URGENT_INK, bar=False)
    pdf.paragraph(content.site.disclaimer.full, SMALL)


def _evidence_note(pdf: _Handout, content: Content, text: str, sources: Sequence[str]) -> None:
    labels = content.site.labels

    # Set apart by a grey bar and its own label, so nobody mistakes it for the article's words.
    pdf.framed(
        [
            (f"{labels['evidence_note']}: {text}", BODY - 0.5, "", 4),
            (f"{labels['sources']}: {_source_list(content, sources)}", SMALL, "", 4),
        ],
        NOTE_INK,
        bar=True,
    )


def _section(pdf: _Handout, content: Content, section: ArticleSection) -> None:
    size = {1: 15.0, 2: 13.0}.get(section.level, 11.5)
    pdf.heading(section.heading, size)
    for paragraph in section.paragraphs:
        pdf.paragraph(paragraph)
    for note in content.notes_for(section.heading):
        _evidence_note(pdf, content, note.text, note.sources)
    for child in section.children:
        _section(pdf, content, child)


def _article(pdf: _Handout, content: Content) -> None:
    pdf.add_page()
    pdf.write_lines(content.modes.handout.article_heading, 17, "B")
    pdf.paragraph(_attribution(content), SMALL)
    for section in content.article.sections:
        _section(pdf, content, section)


def _technique(pdf: _Handout, content: Content, technique: Technique, settings: Settings) -> None:
    labels = content.site.labels
    pdf.heading(technique.name, 12.5)
    pdf.paragraph(f"{labels['technique_card_does']}: {technique.what_it_does}")
    pdf.paragraph(f"{labels['technique_card_feels']}: {technique.feels_like}")
    pdf.paragraph(f"{labels['technique_card_suits']}: {technique.may_suit}")
    pdf.paragraph(
        f"{labels['technique_card_evidence']}: {technique.evidence_level}. {technique.evidence}"
    )
    pdf.paragraph(f"{labels['technique_card_effects']}: {technique.common_effects}")
    care = content.precautions_for_technique(technique.id)
    if care:
        pdf.write_lines(f"{labels['technique_card_care']}:", BODY, "B")
        number = content.red_flags.emergency_number_text(settings.emergency_number)
        pdf.bullets([f"{p.label}: {p.advice_text(number)}" for p in care])
    pdf.paragraph(f"{labels['sources']}: {_source_list(content, technique.sources)}", SMALL)


def _techniques(pdf: _Handout, content: Content, settings: Settings) -> None:
    pdf.add_page()
    pdf.write_lines(content.modes.handout.techniques_heading, 17, "B")
    for technique in content.techniques.techniques:
        _technique(pdf, content, technique, settings)


# --- the body map picture ----------------------------------------------------------------------
class _Frame:
    """Maps the drawing's units to millimetres on the page for one view."""

    def __init__(self, left: float, top: float) -> None:
        self.scale = FIGURE_WIDTH / (FIGURE_X[1] - FIGURE_X[0])
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


def _curve(
    pdf: _Handout,
    frame: _Frame,
    points: Sequence[Point],
    *,
    closed: bool,
    fill: str | None,
    line: str,
    width: float,
) -> None:
    segments = closed_curve(points) if closed else open_curve(points)
    with pdf.new_path() as path:
        _style(path, fill, line, width)
        path.move_to(*frame.at(points[0]))
        for c1, c2, end in segments:
            path.curve_to(*frame.at(c1), *frame.at(c2), *frame.at(end))
        if closed:
            path.close()


def _style(path: PaintedPath, fill: str | None, line: str, width: float) -> None:
    path.style.fill_color = fill
    path.style.stroke_color = line
    path.style.stroke_width = width
    path.style.stroke_join_style = "round"
    path.style.stroke_cap_style = "round"


def _figure(pdf: _Handout, content: Content, view: View, frame: _Frame) -> None:
    figure = content.body_map.figure(view)
    head = figure.head
    with pdf.new_path() as path:
        _style(path, SKIN_FILL, SKIN_LINE, 0.35)
        cx, cy = frame.at((head.cx, head.cy))
        path.ellipse(cx, cy, head.rx * frame.scale, head.ry * frame.scale)
    _curve(pdf, frame, figure.outline, closed=True, fill=SKIN_FILL, line=SKIN_LINE, width=0.35)
    for detail in figure.details:
        _curve(pdf, frame, detail, closed=False, fill=None, line=DETAIL_LINE, width=0.25)
    for region in region_order(content, view):
        outline = content.body_map.outline(region.id)
        assert outline is not None  # the loader checks every region has one
        _curve(
            pdf, frame, outline.points, closed=True, fill=REGION_FILL, line=REGION_LINE, width=0.3
        )


def _label_text(pdf: _Handout, name: str, width: float) -> tuple[str, float]:
    """A region's name as it fits beside the figure, and its height.

    A name too long for one line breaks after its last comma ("Buttock," / "your left").
    """
    pdf.set_font(pdf.family, "", LABEL_FONT)
    text = pdf.clean(name)
    if pdf.get_string_width(text) > width and ", " in text:
        head, _, tail = text.rpartition(", ")
        text = f"{head},\n{tail}"
    lines = pdf.multi_cell(width, LABEL_FONT * 0.42, text, dry_run=True, output="LINES")
    return text, len(lines) * LABEL_FONT * 0.42


def _labels(pdf: _Handout, content: Content, view: View, frame: _Frame, column: float) -> None:
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


def _view(pdf: _Handout, content: Content, view: View, column: float, top: float) -> float:
    ui = content.body_map.ui
    pdf.set_font(pdf.family, "B", 11)
    pdf.set_xy(column, top)
    pdf.cell(VIEW_WIDTH, 6, pdf.clean(ui.views[view]), align="C")
    # Whose left is which, above the figure: seen from the front, your left is on the right.
    left_side = viewer_left_side(view)
    right_side = "right" if left_side == "left" else "left"
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
    frame = _Frame(column + (VIEW_WIDTH - FIGURE_WIDTH) / 2, top + 14)
    _figure(pdf, content, view, frame)
    _labels(pdf, content, view, frame, column)
    return top + 14 + frame.height


def _body_map(pdf: _Handout, content: Content) -> None:
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


def _sources(pdf: _Handout, content: Content) -> None:
    pdf.add_page()
    pdf.write_lines(content.modes.handout.sources_heading, 17, "B")
    pdf.ln(2)
    for number, source in enumerate(content.sources.sources, start=1):
        text = f"{number}. {source.citation}"
        if source.url:
            text += f" {source.url}"
        pdf.paragraph(text, SMALL + 0.5)
    review = content.site.review
    labels = content.site.labels
    pdf.ln(2)
    pdf.paragraph(f"{labels['last_reviewed']}: {review.last_reviewed:%d %B %Y}", SMALL + 0.5)
    pdf.paragraph(f"{labels['next_review_due']}: {review.next_review_due:%d %B %Y}", SMALL + 0.5)
    pdf.paragraph(f"{labels['reviewed_by']}: {review.reviewed_by}", SMALL + 0.5)


def build_handout_pdf(
    content: Content, settings: Settings, *, unicode_font: bool | None = None
) -> bytes:
    """The handout as PDF bytes. Uses DejaVu when installed, else the PDF core fonts."""
    pdf = _Handout(content, unicode_font)
    pdf.add_page()
    _title(pdf, content, settings)
    _urgent(pdf, content, settings)
    _article(pdf, content)
    _techniques(pdf, content, settings)
    _body_map(pdf, content)
    _sources(pdf, content)
    return bytes(pdf.output())
