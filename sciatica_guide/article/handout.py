"""The printable handout: the whole guide on paper, made in memory as a PDF (never written to disk).

The handout is the same for everyone: it holds nothing about the person, only the content and
the deployment's emergency number and public address. Safety comes first: the urgent-help signs
are on page 1, before anything about massage.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from sciatica_guide.body_map.pdf_figure import (
    TECHNIQUE_FIGURE_HEIGHT,
    draw_body_map,
    draw_technique_figure,
)
from sciatica_guide.content import Content
from sciatica_guide.content.article import ArticleSection
from sciatica_guide.content.glossary import entries_for
from sciatica_guide.content.models import Technique
from sciatica_guide.help_html import help_heading, help_lines
from sciatica_guide.local_help import LocalHelp, settings_help
from sciatica_guide.pdf import BODY, SMALL, GuidePdf
from sciatica_guide.settings import Settings

#: A line of text: the words, font size, style ("" or "B") and indent in mm.
Line = tuple[str, float, str, float]

#: Room at the foot of each page for the footer line.
FOOTER_SPACE = 18.0
#: Millimetres between columns, and under each block of lines.
GUTTER = 6.0
BLOCK_GAP = 1.5
URGENT_INK = (150, 0, 0)
NOTE_INK = (90, 90, 90)


def _balanced_cuts(heights: Sequence[float], count: int) -> tuple[int, ...]:
    """Where to cut `heights` (in order) into at most `count` runs so that the longest run is
    as short as it can be: the columns' lengths, balanced. Few blocks, so every cut is tried."""
    if count <= 1 or len(heights) <= 1:
        return ()
    best: tuple[float, tuple[int, ...]] = (sum(heights), ())
    for first in range(1, len(heights)):
        rest = _balanced_cuts(heights[first:], count - 1)
        bounds = [0, first, *(first + c for c in rest), len(heights)]
        longest = max(sum(heights[a:b]) for a, b in pairwise(bounds))
        if longest < best[0]:
            best = (longest, (first, *(first + c for c in rest)))
    return best[1]


class Handout(GuidePdf):
    def __init__(self, content: Content, unicode_font: bool | None) -> None:
        super().__init__(unicode_font, content.language)
        self.content = content
        words = content.modes.handout
        self.set_title(self.clean(words.heading))
        self.set_author(self.clean(content.site.name))
        self.set_auto_page_break(auto=True, margin=FOOTER_SPACE)
        self.alias_nb_pages()
        #: Line height as a share of the font size in points (mm per point): the booklet's
        #: roomy lines; the leaflet sets them closer.
        self.leading = 0.5
        #: Space under each line of a block, as a share of its font size.
        self.line_gap = 0.12
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

    def text_height(self, line: Line) -> float:
        text, size, style, indent = line
        self.set_font(self.family, style, size)
        lines = self.multi_cell(
            self.epw - indent, size * 0.5, self.clean(text), dry_run=True, output="LINES"
        )
        assert isinstance(lines, list)  # fpdf2 types the result as what any `output` would give
        return len(lines) * size * 0.5

    def block_height(self, block: Sequence[Line], width: float) -> float:
        """How tall `block` is when written `width` mm wide (write_block)."""
        height = 0.0
        for text, size, style, indent in block:
            self.set_font(self.family, style, size)
            lines = self.multi_cell(
                width - indent, size * self.leading, self.clean(text), dry_run=True, output="LINES"
            )
            assert isinstance(lines, list)  # fpdf2 types the result as what any output gives
            height += len(lines) * size * self.leading + size * self.line_gap
        return height + BLOCK_GAP

    def write_block(self, block: Sequence[Line], x: float, width: float) -> None:
        """Lines kept together, `width` mm wide from `x`, from the current height."""
        for text, size, style, indent in block:
            self.set_font(self.family, style, size)
            self.set_x(x + indent)
            self.multi_cell(
                width - indent,
                size * self.leading,
                self.clean(text),
                align="L",
                new_x="LEFT",
                new_y="NEXT",
            )
            self.set_y(self.get_y() + size * self.line_gap)
        self.set_y(self.get_y() + BLOCK_GAP)

    def _split(
        self, blocks: Sequence[Sequence[Line]], count: int, left: float
    ) -> tuple[float, list[list[Sequence[Line]]], float]:
        """Column width, the blocks of each column in reading order (the columns about as
        long as each other, each block in one column) and the longest column's height."""
        width = (self.w - self.r_margin - left - GUTTER * (count - 1)) / count
        heights = [self.block_height(b, width) for b in blocks]
        cuts = _balanced_cuts(heights, count)
        bounds = [0, *cuts, len(blocks)]
        split = [list(blocks[a:b]) for a, b in pairwise(bounds)]
        filled = [sum(heights[a:b]) for a, b in pairwise(bounds)]
        return width, split, max(filled)

    def columns_height(
        self, blocks: Sequence[Sequence[Line]], count: int = 2, left: float | None = None
    ) -> float:
        return self._split(blocks, count, self.l_margin if left is None else left)[2]

    def columns(
        self, blocks: Sequence[Sequence[Line]], count: int = 2, left: float | None = None
    ) -> None:
        """`blocks` in `count` columns from the current height, in reading order (down the
        first column, then the next); the cursor ends under the longest."""
        left = self.l_margin if left is None else left
        width, split, _ = self._split(blocks, count, left)
        top = self.get_y()
        bottom = top
        for index, column_blocks in enumerate(split):
            self.set_y(top)
            for block in column_blocks:
                self.write_block(block, left + index * (width + GUTTER), width)
            bottom = max(bottom, self.get_y())
        self.set_y(bottom)

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
def _title(pdf: Handout, content: Content, settings: Settings) -> None:
    words = content.modes.handout
    pdf.write_lines(words.heading, 18, "B")
    pdf.ln(2)
    pdf.paragraph(content.site.tagline)
    pdf.paragraph(content.attribution(), SMALL)
    if settings.public_url:
        pdf.paragraph(words.guide_link.format(url=settings.public_url), SMALL)
    pdf.ln(2)


def _urgent_parts(
    pdf: Handout, content: Content, help: LocalHelp, heading: float, body: float
) -> tuple[list[Line], list[list[Line]], list[Line]]:
    """The box's heading lines, a block per group of signs, and where to go."""
    red_flags = content.red_flags
    number = help.number
    head: list[Line] = [
        (content.modes.handout.urgent_heading, heading, "B", 0),
        (red_flags.intro, body + 0.5, "B", 0),
    ]
    groups: list[list[Line]] = []
    for group in red_flags.groups:
        block: list[Line] = [(red_flags.heading(group, number), body + 0.5, "B", 0)]
        block += [(f"{pdf.bullet} {flag.text}", body, "", 2.5) for flag in group.flags]
        groups.append(block)
    where: list[Line] = [(help_heading(content, help), body + 0.5, "B", 0)]
    where += [(f"{pdf.bullet} {line}", body, "", 2.5) for line in help_lines(content, help)]
    return head, groups, where


URGENT_INSET = 3.0


def urgent_box_height(
    pdf: Handout, content: Content, help: LocalHelp, heading: float, body: float
) -> float:
    head, groups, where = _urgent_parts(pdf, content, help, heading, body)
    inner = pdf.l_margin + URGENT_INSET
    pdf.set_right_margin(pdf.r_margin + URGENT_INSET)
    height = pdf.block_height(head, pdf.w - pdf.r_margin - inner)
    height += pdf.columns_height([*groups, where], left=inner)
    pdf.set_right_margin(pdf.r_margin - URGENT_INSET)
    return height + 2 * URGENT_INSET + 1


def draw_urgent_box(
    pdf: Handout, content: Content, help: LocalHelp, heading: float, body: float
) -> None:
    """Every urgent sign, grouped by what to do, in two columns inside a thick frame, then what
    to call and where to go with the numbers of `help`'s country. A thick frame and bold type:
    unmistakable on paper, without relying on colour. Font sizes: `heading`, `body` points."""
    head, groups, where = _urgent_parts(pdf, content, help, heading, body)
    top = pdf.get_y() + 1
    left, right = pdf.l_margin, pdf.r_margin
    pdf.set_y(top + URGENT_INSET)
    pdf.set_left_margin(left + URGENT_INSET)
    pdf.set_right_margin(right + URGENT_INSET)
    pdf.write_block(head, pdf.l_margin, pdf.epw)
    # Where to go and what to call ends the second column: no space left empty under the signs.
    pdf.columns([*groups, where])
    pdf.set_left_margin(left)
    pdf.set_right_margin(right)
    bottom = pdf.get_y()
    pdf.set_draw_color(*URGENT_INK)
    pdf.set_line_width(1.1)
    pdf.rect(left, top, pdf.epw, bottom - top)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    pdf.set_y(bottom + 3)


#: The booklet's urgent box sizes, largest first: the first that fits under the title is used,
#: so urgent help is on page 1.
URGENT_SIZES = ((14.0, BODY), (13.0, 9.5), (13.0, 9.0), (12.0, 8.5), (12.0, 8.0))


def _urgent(pdf: Handout, content: Content, help: LocalHelp) -> None:
    room = pdf.page_break_trigger - pdf.get_y()
    heading, body = next(
        (sizes for sizes in URGENT_SIZES if urgent_box_height(pdf, content, help, *sizes) < room),
        URGENT_SIZES[-1],
    )
    draw_urgent_box(pdf, content, help, heading, body)
    pdf.paragraph(content.site.disclaimer.full, SMALL)


def _evidence_note(pdf: Handout, content: Content, text: str, sources: Sequence[str]) -> None:
    labels = content.site.labels

    # Set apart by a grey bar and its own label, so nobody mistakes it for the article's words.
    pdf.framed(
        [
            (f"{labels.evidence_note}: {text}", BODY - 0.5, "", 4),
            (f"{labels.sources}: {content.source_names(sources)}", SMALL, "", 4),
        ],
        NOTE_INK,
        bar=True,
    )


def _section(pdf: Handout, content: Content, section: ArticleSection) -> None:
    size = {1: 15.0, 2: 13.0}.get(section.level, 11.5)
    pdf.heading(section.heading, size)
    for paragraph in section.paragraphs:
        pdf.paragraph(paragraph)
    for note in content.notes_for(section.heading):
        _evidence_note(pdf, content, note.text, note.sources)
    for child in section.children:
        _section(pdf, content, child)


def _article(pdf: Handout, content: Content) -> None:
    pdf.add_page()
    pdf.write_lines(content.modes.handout.article_heading, 17, "B")
    pdf.paragraph(content.attribution(), SMALL)
    for section in content.article.sections:
        _section(pdf, content, section)


def _technique(pdf: Handout, content: Content, technique: Technique, help: LocalHelp) -> None:
    labels = content.site.labels
    pdf.heading(technique.name, 12.5)
    pdf.paragraph(f"{labels.technique_card_does}: {technique.what_it_does}")
    pdf.paragraph(f"{labels.technique_card_feels}: {technique.feels_like}")
    pdf.paragraph(f"{labels.technique_card_suits}: {technique.may_suit}")
    pdf.paragraph(
        f"{labels.technique_card_evidence}: {technique.evidence_level}. {technique.evidence}"
    )
    pdf.paragraph(f"{labels.technique_card_effects}: {technique.common_effects}")
    care = content.precautions_for_technique(technique.id)
    if care:
        pdf.write_lines(f"{labels.technique_card_care}:", BODY, "B")
        pdf.bullets([f"{p.label}: {p.advice_text(help.number)}" for p in care])
    pdf.paragraph(f"{labels.sources}: {content.source_names(technique.sources)}", SMALL)
    # Where it is used, drawn as on the body map, with the same words (issue 17).
    if pdf.get_y() + TECHNIQUE_FIGURE_HEIGHT + 40 > pdf.h - pdf.b_margin:
        pdf.add_page()
    pdf.write_lines(content.technique_marks.ui.figure_heading, BODY, "B")
    draw_technique_figure(pdf, content, technique.id)
    pdf.ln(2)


def _techniques(pdf: Handout, content: Content, help: LocalHelp) -> None:
    pdf.add_page()
    pdf.write_lines(content.modes.handout.techniques_heading, 17, "B")
    for technique in content.techniques.techniques:
        _technique(pdf, content, technique, help)


def _words(pdf: Handout, content: Content) -> None:
    """The glossary words the handout uses: plain name, the word, what it means."""
    texts: list[str] = []
    for section in content.article.sections:
        texts += [section.heading, *section.paragraphs]
        for child in section.children:
            texts += [child.heading, *child.paragraphs]
    for technique in content.techniques.techniques:
        texts += [technique.what_it_does, technique.feels_like, technique.may_suit]
        texts += [technique.evidence, technique.common_effects]
    texts += [f"{p.label} {p.advice}" for p in content.precautions.precautions]
    entries = entries_for(content, texts)
    if not entries:
        return
    pdf.ln(3)
    pdf.write_lines(content.site.labels.words_explained.format(count=len(entries)), 14, "B")
    pdf.bullets([f"{e.plain} ({e.term}): {e.definition}" for e in entries])


# --- the body map picture ----------------------------------------------------------------------
def _sources(pdf: Handout, content: Content) -> None:
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
    pdf.paragraph(f"{labels.last_reviewed}: {review.last_reviewed:%d %B %Y}", SMALL + 0.5)
    pdf.paragraph(f"{labels.next_review_due}: {review.next_review_due:%d %B %Y}", SMALL + 0.5)
    pdf.paragraph(f"{labels.reviewed_by}: {review.reviewed_by}", SMALL + 0.5)


def build_handout_pdf(
    content: Content,
    settings: Settings,
    *,
    help: LocalHelp | None = None,
    unicode_font: bool | None = None,
) -> bytes:
    """The handout as PDF bytes. Uses DejaVu when installed, else the PDF core fonts. Its
    numbers are `help`'s (the session's), else the deployment's country and number."""
    help = help or settings_help(content, settings)
    pdf = Handout(content, unicode_font)
    pdf.add_page()
    _title(pdf, content, settings)
    _urgent(pdf, content, help)
    _article(pdf, content)
    _techniques(pdf, content, help)
    _words(pdf, content)
    draw_body_map(pdf, content)
    _sources(pdf, content)
    return bytes(pdf.output())
