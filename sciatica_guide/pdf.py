"""What every PDF the guide makes shares: the font, text the font can draw, and a few helpers.

DejaVu (Debian's fonts-dejavu-core) is used when installed, so names such as "Grøvle" print as
written. Without it the PDF falls back to the built-in core fonts, whose text must be latin-1.
Scripts DejaVu lacks (Chinese, Tamil) take Noto Sans (Debian's fonts-noto-cjk and
fonts-noto-core, SIL Open Font License 1.1) as fallbacks, and Tamil is shaped with HarfBuzz.
Everything is made in memory: nothing is written to disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import WrapMode

from sciatica_guide.fonts import CHARACTER_WRAPPED, SHAPED_LANGUAGES, script_fonts

#: Text sizes (points) shared by the handout and its body map page.
BODY = 10.0
SMALL = 8.5

#: Debian's fonts-dejavu-core. Read at call time, so tests can point it elsewhere.
DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FAMILY = "DejaVu"
CORE_FAMILY = "helvetica"
CREATOR = "Sciatica & Massage Guide"

_PLAIN_REPLACEMENTS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
    "\u00a0": " ",
    "\u2022": "-",
    "\u25c0": "<",
    "\u25b6": ">",
}


def latin1(text: str) -> str:
    """Text the PDF core fonts can draw: typographic marks simplified, anything else replaced."""
    for char, plain in _PLAIN_REPLACEMENTS.items():
        text = text.replace(char, plain)
    return text.encode("latin-1", "replace").decode("latin-1")


def _font_files() -> tuple[Path, Path]:
    return DEJAVU_DIR / "DejaVuSans.ttf", DEJAVU_DIR / "DejaVuSans-Bold.ttf"


def dejavu_available() -> bool:
    return all(path.is_file() for path in _font_files())


class GuidePdf(FPDF):
    """An A4 FPDF with the guide's font and text helpers."""

    def __init__(self, unicode_font: bool | None = None, language: str = "en") -> None:
        super().__init__(format="A4")
        if unicode_font is None:
            unicode_font = dejavu_available()
        self.unicode_font = unicode_font
        if unicode_font:
            regular, bold = _font_files()
            self.add_font(FONT_FAMILY, "", str(regular))
            self.add_font(FONT_FAMILY, "B", str(bold))
            fonts = script_fonts(language)
            for font in fonts:
                index = font.collection_index
                self.add_font(font.family, "", font.regular, collection_font_number=index)
                self.add_font(font.family, "B", font.bold, collection_font_number=index)
            if language in SHAPED_LANGUAGES:
                self.set_text_shaping(True)
        self.family = FONT_FAMILY if unicode_font else CORE_FAMILY
        if unicode_font and fonts:
            # Chinese: the CJK face sets everything (it has Latin letters and digits too), which
            # is several times faster than looking up a fallback for each character. Tamil: a
            # fallback for its letters, DejaVu for the rest.
            if fonts[0].main:
                self.family = fonts[0].family
            else:
                self.set_fallback_fonts([f.family for f in fonts], exact_match=False)
        self.set_margins(15, 15, 15)
        self.set_creator(CREATOR)
        #: How paragraphs are set: "J" (justified) or "L" (ragged right, easier to read).
        self.align = "J"
        #: Chinese has no spaces between words: a line may break between any two characters.
        self.wrapmode = WrapMode.CHAR if language in CHARACTER_WRAPPED else WrapMode.WORD

    def multi_cell(self, *args: Any, **kwargs: Any) -> Any:
        """fpdf2's multi_cell, breaking lines as the PDF's language does unless told."""
        kwargs.setdefault("wrapmode", self.wrapmode)
        return super().multi_cell(*args, **kwargs)

    @property
    def bullet(self) -> str:
        return "\u2022" if self.unicode_font else "-"

    def clean(self, text: str) -> str:
        return text if self.unicode_font else latin1(text)

    def write_lines(self, text: str, size: float, style: str = "", indent: float = 0) -> None:
        """A paragraph at the left margin (plus `indent` mm), wrapped to the page width."""
        self.set_font(self.family, style, size)
        self.set_x(self.l_margin + indent)
        self.multi_cell(
            self.epw - indent,
            size * 0.5,
            self.clean(text),
            align=self.align,
            new_x="LMARGIN",
            new_y="NEXT",
        )

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
