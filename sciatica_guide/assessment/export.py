"""The result as a one-page summary file: PDF or plain text, made in memory only (never on disk).

Both render the one Report (report.py) that the screen renders too: only the choice of blocks,
their headings (the summary's own, in the first person) and the layout differ. The summary is
dated (the day, never the time), and has a short list of the sources it cites.

Two parts come from features above this package in the import layers, so the page hands them in
(SummaryParts, as it hands in the "Where" body map): the gentle movements for the answers
(movements/summary.py) and the small body figure with the chosen places (body_map/pdf_places.py).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from sciatica_guide.assessment.report import Block, Kind, Report, build_report
from sciatica_guide.assessment.rules import Answers, Result
from sciatica_guide.content import Content
from sciatica_guide.help_html import help_heading, help_lines
from sciatica_guide.languages import date_text
from sciatica_guide.local_help import LocalHelp, settings_help
from sciatica_guide.pdf import DEJAVU_DIR, GuidePdf, dejavu_available, latin1
from sciatica_guide.settings import Settings

__all__ = [
    "DEJAVU_DIR",
    "PlacesFigure",
    "Section",
    "Summary",
    "SummaryParts",
    "build_summary",
    "latin1",
    "to_pdf",
    "to_text",
]

#: Font sizes tried in turn until the summary fits on one page.
FONT_SIZES = (11.0, 10.0, 9.0, 8.0, 7.0)
#: Millimetres between the answers and the body figure beside them.
FIGURE_GAP = 4.0


@dataclass(frozen=True)
class Section:
    heading: str
    lines: tuple[str, ...]
    #: An urgent section is drawn first and stands out (framed and bold in the PDF).
    urgent: bool = False
    #: Source ids the section cites (the summary's short source list gathers them).
    sources: tuple[str, ...] = ()
    #: The PDF draws the body figure with the chosen places beside this section (the answers).
    figure: bool = False


@dataclass(frozen=True)
class Summary:
    title: str
    sections: tuple[Section, ...]
    footer: tuple[str, ...]
    #: The day it was made, in words ("Made on 7 December 2026"), under the title.
    dated: str
    made_on: dt.date
    #: The chosen places (region ids), marked on the PDF's body figure.
    places: tuple[str, ...] = ()
    #: The language of its words (the PDF's fonts follow it).
    language: str = "en"

    def as_text(self) -> str:
        """The plain-text version: title, date, sections with underlined headings, footer."""
        out = [self.title, "=" * len(self.title), "", self.dated, ""]
        for section in self.sections:
            heading = section.heading.upper() if section.urgent else section.heading
            out += [heading, "-" * len(heading)]
            out += [f"- {line}" for line in section.lines]
            out.append("")
        out += list(self.footer)
        return "\n".join(out).rstrip() + "\n"


def _lines(block: Block) -> list[str]:
    return [" ".join([item.text, *item.lines]) for item in block.items]


def _grouped_places(content: Content, block: Block) -> list[str]:
    """Places with the same advice said once, in body order: 'Calf and Shin: May suit: ...'."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for item in block.items:
        groups.setdefault(item.lines, []).append(item.text)
    return [
        f"{content.join_words(places)}: " + content.sentences(lines)
        for lines, places in groups.items()
    ]


def summary_of(
    content: Content,
    report: Report,
    help: LocalHelp | None = None,
    made_on: dt.date | None = None,
    *,
    places: Sequence[str] = (),
    movements: Section | None = None,
) -> Summary:
    """The file's view of the report: urgent help first, then what to see a GP about, what to
    watch for (dated), where to get help (the session's numbers and services), the answers (the
    body figure with `places` beside them), care, massage, the `movements` section, other care
    and a short list of the sources all these cite."""
    s = content.assessment.summary
    r = content.assessment.result
    sections: list[Section] = []
    made_on = made_on or dt.date.today()
    if urgent := report.block(Kind.URGENT):
        lines = [" ".join([item.text, *item.lines]) for item in urgent.items if item.lines]
        if report.ticked:
            lines.append(f"{r.urgent.you_ticked} " + "; ".join(report.ticked))
        lines += [item.text for item in urgent.items if not item.lines]
        lines.append(urgent.note)
        sections.append(Section(urgent.heading, tuple(lines), urgent=True))
    asks = (Kind.RECHECK, Kind.WEAKNESS_CHECK)
    gp = [b for b in report.blocks if b.kind in asks] + [
        b for b in (report.block(Kind.GP_FIRST), report.block(Kind.SEE_GP)) if b
    ]
    if gp:
        lines = []
        for block in gp:
            lines += (
                [f"{block.heading} {block.items[0].text}"]
                if block.kind in asks
                else [f"{block.heading} {block.intro}", *_lines(block)]
                if block.kind is Kind.GP_FIRST
                else _lines(block)
            )
        sections.append(Section(r.see_gp.heading, tuple(lines)))
    if net := report.block(Kind.SAFETY_NET):
        day = date_text(made_on, content.language)
        lines = [r.safety_net.dated.format(date=day), net.intro]
        lines += [f"{item.text} " + content.sentence("; ".join(item.lines)) for item in net.items]
        sections.append(Section(net.heading, tuple(lines), urgent=True))
    if help is not None:
        sections.append(Section(help_heading(content, help), tuple(help_lines(content, help))))
    if tell := report.block(Kind.TELL):
        sections.append(Section(s.answers_heading, tuple(_lines(tell)), figure=bool(places)))
    if care := report.block(Kind.CARE):
        sections.append(Section(s.care_heading, tuple(_lines(care))))
    if techniques := report.block(Kind.TECHNIQUES):
        lines = _grouped_places(content, techniques)
        if techniques.note:
            lines.append(techniques.note)
        sections.append(Section(s.techniques_heading, tuple(lines)))
    if movements is not None:
        sections.append(movements)
    if combine := report.block(Kind.COMBINE):
        sections.append(Section(s.combine_heading, tuple(_lines(combine))))
    # Every source the report cites (its blocks and the precautions behind the advice), then the
    # movements': short names, the full list being on the guide's Sources page.
    cited = report.block(Kind.SOURCES)
    used = [*(cited.sources if cited else ()), *(movements.sources if movements else ())]
    if used:
        short = content.source_names(dict.fromkeys(used))
        sections.append(Section(s.sources_heading, (content.sentence(short), s.sources_note)))
    return Summary(
        title=report.title,
        sections=tuple(sections),
        footer=report.footer,
        dated=s.made_on.format(date=date_text(made_on, content.language)),
        language=content.language,
        made_on=made_on,
        places=tuple(places),
    )


#: The summary's movements section for these answers, given the emergency number.
MovementsSection = Callable[[Content, Answers, str], Section]


class PlacesFigure(Protocol):
    """Draws the small body figure with the chosen places marked (body_map/pdf_places.py)."""

    @property
    def width(self) -> float:
        """Millimetres across, with the places' names."""
        ...

    def draw(
        self, pdf: GuidePdf, regions: Sequence[str], left: float, top: float, size: float
    ) -> float:
        """Draws from (`left`, `top`) with names in `size` pt; returns the height drawn."""
        ...


@dataclass(frozen=True)
class SummaryParts:
    """The summary's parts made above this package, handed in by the page (module docstring)."""

    movements: MovementsSection | None = None
    figure: Callable[[Content], PlacesFigure] | None = None

    def summary(
        self,
        content: Content,
        answers: Answers,
        report: Report,
        help: LocalHelp,
        made_on: dt.date | None = None,
    ) -> Summary:
        """The summary of `report` (made from `answers`), with these parts."""
        movements = self.movements(content, answers, help.number) if self.movements else None
        return summary_of(
            content, report, help, made_on, places=answers.regions, movements=movements
        )

    def pdf(self, content: Content, summary: Summary) -> bytes:
        return to_pdf(summary, figure=self.figure(content) if self.figure else None)


def build_summary(
    content: Content,
    answers: Answers,
    result: Result,
    settings: Settings,
    help: LocalHelp | None = None,
    parts: SummaryParts | None = None,
    made_on: dt.date | None = None,
) -> Summary:
    """The summary with `help`'s numbers (the session's), else the deployment's."""
    help = help or settings_help(content, settings)
    report = build_report(content, answers, result, help.number)
    return (parts or SummaryParts()).summary(content, answers, report, help, made_on)


def to_text(summary: Summary) -> bytes:
    return summary.as_text().encode("utf-8")


class _Pdf(GuidePdf):
    def __init__(self, unicode_font: bool, made_on: dt.date, language: str) -> None:
        super().__init__(unicode_font, language)
        # One page: the layout shrinks the font instead of breaking onto a second page.
        self.set_auto_page_break(auto=False)
        # The file's own date says the day, as the page does, never the time it was made.
        self.set_creation_date(dt.datetime(made_on.year, made_on.month, made_on.day, tzinfo=dt.UTC))

    def file_id(self) -> str:
        # A random document id (128 bits) instead of fpdf2's hash of the content and the time:
        # Streamlit names a download after a hash of its bytes, so this makes the address of
        # every summary PDF unguessable, even to someone who knows the answers.
        identifier = secrets.token_hex(16).upper()
        return f"<{identifier}><{identifier}>"


def _section(pdf: _Pdf, section: Section, size: float) -> None:
    if section.urgent:
        # A framed, bold block: unmistakable on paper, without relying on colour.
        pdf.set_draw_color(170, 0, 0)
        pdf.set_line_width(0.8)
        top = pdf.get_y()
        pdf.write_lines(section.heading, size + 3, "B", indent=2)
        for line in section.lines:
            pdf.write_lines(line, size + 1, "B", indent=2)
        pdf.rect(pdf.l_margin, top - 1, pdf.epw, pdf.get_y() - top + 2)
        pdf.set_draw_color(0, 0, 0)
        pdf.set_line_width(0.2)
    else:
        pdf.write_lines(section.heading, size + 2, "B")
        for line in section.lines:
            pdf.write_lines(f"{pdf.bullet} {line}", size)


def _beside_figure(
    pdf: _Pdf, section: Section, places: Sequence[str], figure: PlacesFigure, size: float
) -> None:
    """The section in a narrower column, the figure to its right; below both after."""
    top = pdf.get_y()
    margin = pdf.r_margin
    left = pdf.w - margin - figure.width
    pdf.set_right_margin(margin + figure.width + FIGURE_GAP)
    _section(pdf, section, size)
    pdf.set_right_margin(margin)
    text_bottom = pdf.get_y()
    height = figure.draw(pdf, places, left, top + 1, max(6.0, size - 3.5))
    pdf.set_xy(pdf.l_margin, max(text_bottom, top + 1 + height))


def _render(summary: Summary, size: float, unicode_font: bool, figure: PlacesFigure | None) -> _Pdf:
    pdf = _Pdf(unicode_font, summary.made_on, summary.language)
    pdf.add_page()
    pdf.write_lines(summary.title, size + 5, "B")
    pdf.write_lines(summary.dated, size)
    pdf.ln(size * 0.3)
    for section in summary.sections:
        if section.figure and figure is not None and summary.places:
            _beside_figure(pdf, section, summary.places, figure, size)
        else:
            _section(pdf, section, size)
        pdf.ln(size * 0.4)
    for line in summary.footer:
        pdf.write_lines(line, size - 1)
    return pdf


def to_pdf(
    summary: Summary, *, figure: PlacesFigure | None = None, unicode_font: bool | None = None
) -> bytes:
    """A one-page A4 PDF of the summary, with `figure` beside the answers when there are places.
    Uses DejaVu when installed, else the core fonts."""
    if unicode_font is None:
        unicode_font = dejavu_available()
    pdf = None
    for size in FONT_SIZES:
        pdf = _render(summary, size, unicode_font, figure)
        if pdf.page_no() == 1 and pdf.get_y() <= pdf.h - pdf.b_margin:
            break
    assert pdf is not None
    return bytes(pdf.output())
