"""The result as a one-page summary file: PDF or plain text, made in memory only (never on disk).

Both render the one Report (report.py) that the screen renders too: only the choice of blocks,
their headings (the summary's own, in the first person) and the layout differ.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sciatica_guide.assessment.report import Block, Kind, Report, build_report, join_words, sentence
from sciatica_guide.assessment.rules import Answers, Result
from sciatica_guide.content import Content
from sciatica_guide.help_html import help_heading, help_lines
from sciatica_guide.local_help import LocalHelp, settings_help
from sciatica_guide.pdf import DEJAVU_DIR, GuidePdf, dejavu_available, latin1
from sciatica_guide.settings import Settings

__all__ = ["DEJAVU_DIR", "Summary", "build_summary", "latin1", "to_pdf", "to_text"]

#: Font sizes tried in turn until the summary fits on one page.
FONT_SIZES = (11.0, 10.0, 9.0, 8.0, 7.0)


@dataclass(frozen=True)
class Section:
    heading: str
    lines: tuple[str, ...]
    #: An urgent section is drawn first and stands out (framed and bold in the PDF).
    urgent: bool = False


@dataclass(frozen=True)
class Summary:
    title: str
    sections: tuple[Section, ...]
    footer: tuple[str, ...]

    def as_text(self) -> str:
        """The plain-text version: title, sections with underlined headings, footer."""
        out = [self.title, "=" * len(self.title), ""]
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
        f"{join_words(content, places)}: " + " ".join(sentence(line) for line in lines)
        for lines, places in groups.items()
    ]


def date_text(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def summary_of(
    content: Content,
    report: Report,
    help: LocalHelp | None = None,
    made_on: dt.date | None = None,
) -> Summary:
    """The file's view of the report: urgent help first, then what to see a GP about, what to
    watch for (dated), where to get help (the session's numbers and services), the answers, care,
    massage, other care and sources."""
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
        lines = [r.safety_net.dated.format(date=date_text(made_on)), net.intro]
        lines += [f"{item.text} " + "; ".join(item.lines) + "." for item in net.items]
        sections.append(Section(net.heading, tuple(lines), urgent=True))
    if help is not None:
        sections.append(Section(help_heading(content, help), tuple(help_lines(content, help))))
    if tell := report.block(Kind.TELL):
        sections.append(Section(s.answers_heading, tuple(_lines(tell))))
    if care := report.block(Kind.CARE):
        sections.append(Section(s.care_heading, tuple(_lines(care))))
    if techniques := report.block(Kind.TECHNIQUES):
        lines = _grouped_places(content, techniques)
        if techniques.note:
            lines.append(techniques.note)
        sections.append(Section(s.techniques_heading, tuple(lines)))
    if combine := report.block(Kind.COMBINE):
        sections.append(Section(s.combine_heading, tuple(_lines(combine))))
    if sources := report.block(Kind.SOURCES):
        sections.append(Section(s.sources_heading, tuple(_lines(sources))))
    return Summary(title=report.title, sections=tuple(sections), footer=report.footer)


def build_summary(
    content: Content,
    answers: Answers,
    result: Result,
    settings: Settings,
    help: LocalHelp | None = None,
) -> Summary:
    """The summary with `help`'s numbers (the session's), else the deployment's."""
    help = help or settings_help(content, settings)
    return summary_of(content, build_report(content, answers, result, help.number), help)


def to_text(summary: Summary) -> bytes:
    return summary.as_text().encode("utf-8")


class _Pdf(GuidePdf):
    def __init__(self, unicode_font: bool) -> None:
        super().__init__(unicode_font)
        # One page: the layout shrinks the font instead of breaking onto a second page.
        self.set_auto_page_break(auto=False)

    def file_id(self) -> str:
        # A random document id (128 bits) instead of fpdf2's hash of the content and the time:
        # Streamlit names a download after a hash of its bytes, so this makes the address of
        # every summary PDF unguessable, even to someone who knows the answers.
        identifier = secrets.token_hex(16).upper()
        return f"<{identifier}><{identifier}>"


def _render(summary: Summary, size: float, unicode_font: bool) -> _Pdf:
    pdf = _Pdf(unicode_font)
    pdf.add_page()
    pdf.write_lines(summary.title, size + 5, "B")
    pdf.ln(size * 0.3)
    for section in summary.sections:
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
        pdf.ln(size * 0.4)
    for line in summary.footer:
        pdf.write_lines(line, size - 1)
    return pdf


def to_pdf(summary: Summary, *, unicode_font: bool | None = None) -> bytes:
    """A one-page A4 PDF of the summary. Uses DejaVu when installed, else the core fonts."""
    if unicode_font is None:
        unicode_font = dejavu_available()
    pdf = None
    for size in FONT_SIZES:
        pdf = _render(summary, size, unicode_font)
        if pdf.page_no() == 1 and pdf.get_y() <= pdf.h - pdf.b_margin:
            break
    assert pdf is not None
    return bytes(pdf.output())
