"""The summary as a one-page PDF and as plain text, made in memory only (never written to disk)."""

from __future__ import annotations

import secrets

from sciatica_guide.assessment.summary import Summary
from sciatica_guide.pdf import DEJAVU_DIR, GuidePdf, dejavu_available, latin1

__all__ = ["DEJAVU_DIR", "latin1", "to_pdf", "to_text"]

#: Font sizes tried in turn until the summary fits on one page.
FONT_SIZES = (11.0, 10.0, 9.0, 8.0, 7.0)


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
