"""The leaflet: both sides of one A4 sheet (issue 27), made in memory as a PDF (never on disk).

Page 1: urgent help first (every sign, with the numbers of the guide's country), then what the
article says (quoted word for word, attributed) and how strong the evidence is. Page 2: the three
techniques with where they are used, what to tell the therapist first, and the gentle movements
with when to stop. A QR code leads back to the guide when the deployment knows its address.

The same for everyone: nothing about the person. Sizes shrink step by step until it fits two
pages; `build_leaflet_pdf` refuses to return more.
"""

from __future__ import annotations

from sciatica_guide.article.handout import (
    GUTTER,
    NOTE_INK,
    URGENT_INK,
    Handout,
    Line,
    draw_urgent_box,
)
from sciatica_guide.body_map.pdf_figure import draw_technique_views, view_names
from sciatica_guide.content import Content
from sciatica_guide.local_help import LocalHelp, settings_help
from sciatica_guide.qr import qr_png
from sciatica_guide.settings import Settings

#: The size steps tried in turn until the leaflet fits two pages.
SCALES = (1.0, 0.95, 0.9, 0.85, 0.8, 0.75)
PAGES = 2
MARGIN = 11.0
QR_SIZE = 21.0
#: Millimetres between a technique's two small figures: room for their views' names.
FIGURE_GAP = 12.0

#: A block: lines kept together in one column.
Block = list[Line]


class LeafletTooLong(RuntimeError):
    """The content does not fit two pages even at the smallest size."""


class Leaflet(Handout):
    def __init__(self, content: Content, unicode_font: bool | None, scale: float) -> None:
        super().__init__(content, unicode_font)
        self.scale = scale
        # Closer lines than the booklet's: a leaflet is read in short pieces.
        self.leading = 0.42
        self.line_gap = 0.08
        self.set_title(self.clean(content.modes.leaflet.heading))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=16)

    def size(self, points: float) -> float:
        return round(points * self.scale, 2)


def _bar(pdf: Leaflet, top: float, ink: tuple[int, int, int]) -> None:
    """A bar down the left edge from `top` to the block just written: it sets the block apart
    (not by colour alone: the bar is there in black and white too)."""
    pdf.set_draw_color(*ink)
    pdf.set_line_width(1.0)
    pdf.line(pdf.l_margin + 0.6, top, pdf.l_margin + 0.6, pdf.get_y() - 2)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)


def _title(pdf: Leaflet, content: Content, settings: Settings) -> None:
    words = content.modes.leaflet
    top = pdf.get_y()
    room = pdf.epw - (QR_SIZE + 6 if settings.public_url else 0)
    pdf.set_font(pdf.family, "B", pdf.size(19))
    pdf.multi_cell(room, pdf.size(19) * 0.5, pdf.clean(words.heading), new_x="LMARGIN")
    pdf.set_font(pdf.family, "", pdf.size(10.5))
    pdf.multi_cell(room, pdf.size(10.5) * 0.5, pdf.clean(words.subheading), new_x="LMARGIN")
    pdf.ln(1)
    if settings.public_url:
        guide = content.modes.handout.guide_link.format(url=settings.public_url)
        pdf.set_font(pdf.family, "", pdf.size(8))
        pdf.multi_cell(room, pdf.size(8) * 0.5, pdf.clean(guide), new_x="LMARGIN")
        x = pdf.w - pdf.r_margin - QR_SIZE
        pdf.image(qr_png(settings.public_url), x=x, y=top, w=QR_SIZE, h=QR_SIZE)
        pdf.set_xy(x - 4, top + QR_SIZE)
        pdf.set_font(pdf.family, "", pdf.size(7))
        pdf.cell(QR_SIZE + 8, 3.5, pdf.clean(words.qr_caption), align="C")
        pdf.set_y(max(pdf.get_y(), top + QR_SIZE + 4))
    pdf.ln(2)


def _urgent(pdf: Leaflet, content: Content, help: LocalHelp) -> None:
    """Every urgent sign with what to call and where to go: the booklet's box, smaller."""
    draw_urgent_box(pdf, content, help, pdf.size(13), pdf.size(8.3))
    pdf.write_block([(content.site.disclaimer.short, pdf.size(7.5), "", 0)], pdf.l_margin, pdf.epw)


def _key_points(pdf: Leaflet, content: Content) -> None:
    words = content.modes.leaflet
    labels = content.site.labels
    pdf.write_block([(words.key_points_heading, pdf.size(12.5), "B", 0)], pdf.l_margin, pdf.epw)
    quotes: Block = [(content.attribution(), pdf.size(7.5), "", 0)]
    quotes += [(f"{pdf.bullet} “{point}”", pdf.size(9.5), "", 2) for point in words.key_points]
    pdf.write_block(quotes, pdf.l_margin, pdf.epw)
    top = pdf.get_y()
    for heading in words.evidence_notes:
        for note in content.notes_for(heading):
            pdf.write_block(
                [
                    (f"{labels.evidence_note}: {note.text}", pdf.size(8.5), "", 3),
                    (f"{labels.sources}: {content.source_names(note.sources)}", pdf.size(7), "", 3),
                ],
                pdf.l_margin,
                pdf.epw,
            )
    # A grey bar down the notes' left edge: the guide's words, not the article's.
    _bar(pdf, top, NOTE_INK)


def _techniques(pdf: Leaflet, content: Content) -> None:
    words = content.modes.leaflet
    pdf.write_block([(words.techniques_heading, pdf.size(12.5), "B", 0)], pdf.l_margin, pdf.epw)
    techniques = content.techniques.techniques
    width = (pdf.epw - GUTTER * (len(techniques) - 1)) / len(techniques)
    figure_width = min(13.0, (width - FIGURE_GAP) / 2)
    top = pdf.get_y()
    columns = [pdf.l_margin + i * (width + GUTTER) for i in range(len(techniques))]
    # Names and words first, then the figures side by side at one height.
    figures_top = top
    for x, technique in zip(columns, techniques, strict=True):
        pdf.set_y(top)
        words_block: Block = [
            (technique.name, pdf.size(10), "B", 0),
            (technique.what_it_does, pdf.size(7.8), "", 0),
        ]
        pdf.write_block(words_block, x, width)
        figures_top = max(figures_top, pdf.get_y())
    bottom = figures_top
    for x, technique in zip(columns, techniques, strict=True):
        left = x + (width - 2 * figure_width - FIGURE_GAP) / 2
        frames = draw_technique_views(
            pdf, content, technique.id, left, figures_top, width=figure_width, gap=FIGURE_GAP
        )
        names = view_names(pdf, content, frames, size=6.5, spare=FIGURE_GAP / 2)
        bottom = max(bottom, names)
    pdf.set_y(bottom + 3)
    # What to tell the therapist first: one flowing list (bullets in columns took twice the room).
    labels = " · ".join(p.label for p in content.precautions.precautions)
    care: Block = [(words.techniques_note, pdf.size(8.3), "B", 0), (labels, pdf.size(7.6), "", 0)]
    pdf.write_block(care, pdf.l_margin, pdf.epw)


def _movements(pdf: Leaflet, content: Content) -> None:
    movements = content.movements
    ui = movements.ui
    pdf.write_block(
        [(content.modes.leaflet.movements_heading, pdf.size(12.5), "B", 0)],
        pdf.l_margin,
        pdf.epw,
    )
    pdf.write_block([(ui.intro, pdf.size(8), "", 0)], pdf.l_margin, pdf.epw)
    stop: Block = [(ui.stop_heading + ":", pdf.size(9), "B", 0)]
    stop += [(f"{pdf.bullet} {sign}", pdf.size(8.5), "", 2) for sign in movements.stop_signs]
    top = pdf.get_y()
    pdf.write_block(stop, pdf.l_margin + 3, pdf.epw - 3)
    _bar(pdf, top, URGENT_INK)
    blocks: list[Block] = []
    for movement in movements.movements:
        block: Block = [(movement.name, pdf.size(9.5), "B", 0)]
        block += [
            (f"{number}. {step}", pdf.size(8), "", 2)
            for number, step in enumerate(movement.steps, start=1)
        ]
        block.append((f"{ui.dose_label}: {movement.dose}", pdf.size(8), "", 2))
        block.append((f"{ui.stop_label}: {' '.join(movement.stop_if)}", pdf.size(8), "", 2))
        blocks.append(block)
    pdf.columns(blocks, count=3)
    # Who should leave which out, and why: the same rules that take movements away from a
    # person's own list after the self-assessment (movements/plan.py).
    words = content.modes.leaflet
    names = {m.id: m.name for m in movements.movements}
    labels = {p.id: p.label for p in content.precautions.precautions}
    left_out: Block = [(words.movements_check, pdf.size(8.5), "B", 0)]
    for rule in movements.precautions:
        line = words.movements_left_out.format(
            precaution=labels[rule.precaution],
            names=content.modes.handout.list_separator.join(names[m] for m in rule.rules_out),
            why=rule.why,
        )
        left_out.append((f"{pdf.bullet} {line}", pdf.size(8), "", 2))
    pdf.write_block(left_out, pdf.l_margin, pdf.epw)


def _sources(pdf: Leaflet, content: Content) -> None:
    ids: list[str] = []
    for technique in content.techniques.techniques:
        ids += technique.sources
    for movement in content.movements.movements:
        ids += movement.sources
    ids += content.movements.stop_sources
    for rule in content.movements.precautions:
        ids += rule.sources
    line = content.modes.leaflet.sources_line.format(
        sources=content.source_names(list(dict.fromkeys(ids)))
    )
    pdf.write_block([(line, pdf.size(7), "", 0)], pdf.l_margin, pdf.epw)


def _build(
    content: Content, settings: Settings, help: LocalHelp, font: bool | None, scale: float
) -> tuple[Leaflet, int]:
    pdf = Leaflet(content, font, scale)
    pdf.add_page()
    _title(pdf, content, settings)
    _urgent(pdf, content, help)
    _key_points(pdf, content)
    first_page_ends = pdf.page_no()
    pdf.add_page()
    _techniques(pdf, content)
    _movements(pdf, content)
    _sources(pdf, content)
    return pdf, first_page_ends


def _fitted(
    content: Content, settings: Settings, help: LocalHelp | None, unicode_font: bool | None
) -> tuple[Leaflet, float]:
    help = help or settings_help(content, settings)
    for scale in SCALES:
        pdf, first_page_ends = _build(content, settings, help, unicode_font, scale)
        if first_page_ends == 1 and pdf.page_no() == PAGES:
            return pdf, scale
    raise LeafletTooLong("the leaflet's content does not fit two pages")


def fitted_scale(
    content: Content,
    settings: Settings,
    *,
    help: LocalHelp | None = None,
    unicode_font: bool | None = None,
) -> float:
    """The size step the leaflet is printed at (1.0: full size), for the tests that keep its
    type readable."""
    return _fitted(content, settings, help, unicode_font)[1]


def build_leaflet_pdf(
    content: Content,
    settings: Settings,
    *,
    help: LocalHelp | None = None,
    unicode_font: bool | None = None,
) -> bytes:
    """The leaflet as PDF bytes: exactly two pages, at the largest size that fits. Its numbers
    are `help`'s (the session's), else the deployment's country and number."""
    return bytes(_fitted(content, settings, help, unicode_font)[0].output())
