"""The printable handout: the whole guide on paper, made in memory as a PDF (never written to disk).

The handout is the same for everyone: it holds nothing about the person, only the content and
the deployment's emergency number and public address. Safety comes first: the urgent-help signs
are on page 1, before anything about massage.
"""

from __future__ import annotations

from collections.abc import Sequence

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
URGENT_INK = (150, 0, 0)
NOTE_INK = (90, 90, 90)


def _source_list(content: Content, ids: Sequence[str]) -> str:
    return "; ".join(content.source(sid).short for sid in ids)


def _attribution(content: Content) -> str:
    meta = content.site.article
    return content.site.attribution.format(
        title=meta.title, publisher=meta.publisher, date=meta.date
    )


class Handout(GuidePdf):
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

    def text_height(self, line: Line) -> float:
        text, size, style, indent = line
        self.set_font(self.family, style, size)
        lines = self.multi_cell(
            self.epw - indent, size * 0.5, self.clean(text), dry_run=True, output="LINES"
        )
        assert isinstance(lines, list)  # fpdf2 types the result as what any `output` would give
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
def _title(pdf: Handout, content: Content, settings: Settings) -> None:
    words = content.modes.handout
    pdf.write_lines(words.heading, 18, "B")
    pdf.ln(2)
    pdf.paragraph(content.site.tagline)
    pdf.paragraph(_attribution(content), SMALL)
    if settings.public_url:
        pdf.paragraph(words.guide_link.format(url=settings.public_url), SMALL)
    pdf.ln(2)


def _urgent(pdf: Handout, content: Content, help: LocalHelp) -> None:
    red_flags = content.red_flags
    number = help.number

    lines: list[Line] = [
        (content.modes.handout.urgent_heading, 14, "B", 3),
        (red_flags.intro, BODY + 1, "B", 3),
    ]
    for group in red_flags.groups:
        lines.append((red_flags.heading(group, number), BODY + 1, "B", 3))
        lines.extend((f"{pdf.bullet} {flag.text}", BODY + 0.5, "", 5) for flag in group.flags)
    # Where to go and what to call, with the same numbers as the screens (the country pack).
    lines.append((help_heading(content, help), BODY + 1, "B", 3))
    lines.extend((f"{pdf.bullet} {line}", BODY + 0.5, "", 5) for line in help_lines(content, help))
    # A thick frame and bold type: unmistakable on paper, without relying on colour.
    pdf.ln(2)
    pdf.framed(lines, URGENT_INK, bar=False)
    pdf.paragraph(content.site.disclaimer.full, SMALL)


def _evidence_note(pdf: Handout, content: Content, text: str, sources: Sequence[str]) -> None:
    labels = content.site.labels

    # Set apart by a grey bar and its own label, so nobody mistakes it for the article's words.
    pdf.framed(
        [
            (f"{labels.evidence_note}: {text}", BODY - 0.5, "", 4),
            (f"{labels.sources}: {_source_list(content, sources)}", SMALL, "", 4),
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
    pdf.paragraph(_attribution(content), SMALL)
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
    pdf.paragraph(f"{labels.sources}: {_source_list(content, technique.sources)}", SMALL)
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
