"""The fonts for scripts DejaVu cannot draw (Chinese, Tamil), where they are installed.

Kept apart from pdf.py, which imports fpdf2: the start-up check names a missing font package
without loading fpdf2 into a server that may never make a PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: Debian's fonts-noto-core and fonts-noto-cjk. Read at call time, as DEJAVU_DIR.
NOTO_DIR = Path("/usr/share/fonts/truetype/noto")
NOTO_CJK_DIR = Path("/usr/share/fonts/opentype/noto")
#: The Simplified Chinese face in Noto Sans CJK's collection (JP, KR, SC, TC, HK).
CJK_SC_INDEX = 2
#: Languages whose script needs shaping (letters that join and reorder), not just glyphs.
SHAPED_LANGUAGES = frozenset({"ta"})
#: Languages written without spaces between words.
CHARACTER_WRAPPED = frozenset({"zh"})


@dataclass(frozen=True)
class ScriptFont:
    family: str
    regular: Path
    bold: Path
    collection_index: int = 0
    #: The font for all the text (it has Latin letters too), not only a fallback.
    main: bool = False


#: The Debian package that holds each script font (the start-up line names it when missing).
FONT_PACKAGES = {"ta": "fonts-noto-core", "zh": "fonts-noto-cjk"}


def missing_font_package(language: str) -> str | None:
    """The package to install for `language`'s PDFs when its font is not here; else None."""
    if language in FONT_PACKAGES and not script_fonts(language):
        return FONT_PACKAGES[language]
    return None


def script_fonts(language: str) -> list[ScriptFont]:
    """The fallback fonts for `language`'s script, where installed. Only the language's own:
    reading the Chinese collection costs about 2 s, which an English PDF need not pay."""
    fonts = {
        "ta": ScriptFont(
            "NotoSansTamil",
            NOTO_DIR / "NotoSansTamil-Regular.ttf",
            NOTO_DIR / "NotoSansTamil-Bold.ttf",
        ),
        "zh": ScriptFont(
            "NotoSansSC",
            NOTO_CJK_DIR / "NotoSansCJK-Regular.ttc",
            NOTO_CJK_DIR / "NotoSansCJK-Bold.ttc",
            CJK_SC_INDEX,
            main=True,
        ),
    }
    font = fonts.get(language)
    return [font] if font and font.regular.is_file() and font.bold.is_file() else []
