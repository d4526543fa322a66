"""The summary as a one-page PDF and as plain text, made in memory only (never written to disk)."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from sciatica_guide.assessment.summary import Summary

#: Debian's fonts-dejavu-core: a Unicode font, so names such as "Grøvle" print as written.
DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FAMILY = "DejaVu"
#: Font sizes tried in turn until the summary fits on one page.
FONT_SIZES = (11.0, 10.0, 9.0, 8.0, 7.0)

_PLAIN_REPLACEMENTS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
    "\u00a0": " ",
}


def to_text(summary: Summary) -> bytes:
    return summary.as_text().encode("utf-8")


def latin1(text: str) -> str:
    """Text the PDF core fonts can draw: typographic marks simplified, anything else replaced."""
    for char, plain in _PLAIN_REPLACEMENTS.items():
        text = text.replace(char, plain)
    return text.encode("latin-1", "replace").decode("latin-1")


class _Pdf(FPDF):
    def __init__(self, unicode_font: bool) -> None:
        super().__init__(format="A4")
        self.unicode_font = unicode_font
        if unicode_font:
            self.add_font(FONT_FAMILY, "", str(DEJAVU_DIR / "DejaVuSans.ttf"))
            self.add_font(FONT_FAMILY, "B", str(DEJAVU_DIR / "DejaVuSans-Bold.ttf"))
        self.family = FONT_FAMILY if unicode_font else "helvetica"
        self.set_margins(15, 15, 15)
        # One page: the layout shrinks the font instead of breaking onto a second page.
        self.set_auto_page_break(auto=False)
        self.set_creator("Sciatica & Massage Guide")

    def clean(self, text: str) -> str:
        return text if self.unicode_font else latin1(text)

    def write_lines(self, text: str, size: float, style: str = "", indent: float = 0) -> None:
        self.set_font(self.family, style, size)
        self.set_x(self.l_margin + indent)
        self.multi_cell(0, size * 0.5, self.clean(text), new_x="LMARGIN", new_y="NEXT")


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
                pdf.write_lines(f"\u2022 {line}" if pdf.unicode_font else f"- {line}", size)
        pdf.ln(size * 0.4)
    for line in summary.footer:
        pdf.write_lines(line, size - 1)
    return pdf


def to_pdf(summary: Summary, *, unicode_font: bool | None = None) -> bytes:
    """A one-page A4 PDF of the summary. Uses DejaVu when installed, else the core fonts."""
    if unicode_font is None:
        unicode_font = (DEJAVU_DIR / "DejaVuSans.ttf").is_file() and (
            DEJAVU_DIR / "DejaVuSans-Bold.ttf"
        ).is_file()
    pdf = None
    for size in FONT_SIZES:
        pdf = _render(summary, size, unicode_font)
        if pdf.page_no() == 1 and pdf.get_y() <= pdf.h - pdf.b_margin:
            break
    assert pdf is not None
    return bytes(pdf.output())
