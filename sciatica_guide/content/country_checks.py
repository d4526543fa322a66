"""Load and check the country packs: each failure is one ContentError naming the file and field."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sciatica_guide.content.checks import check_refs, check_templates
from sciatica_guide.content.country_models import (
    CODE_PATTERN,
    COUNTRIES_DIR,
    PACK_LEVELS,
    CountryPack,
)
from sciatica_guide.content.errors import ContentError

if TYPE_CHECKING:
    from sciatica_guide.content.models import Content

#: The pack a fresh guide uses: the article is Singapore's (settings.DEFAULT_COUNTRY names it too).
REQUIRED_PACKS = ("sg", "other")


def pack_file(code: str) -> str:
    return f"{COUNTRIES_DIR}/{code}.yaml"


def check_pack(file: str, pack: CountryPack) -> None:
    """What one pack must hold beyond its fields' own shapes."""
    if (pack.emergency is None) == (pack.emergency_words is None):
        raise ContentError(
            file, "emergency", "give either 'emergency' (a number) or 'emergency_words', not both"
        )
    for level in PACK_LEVELS:
        if level not in pack.levels:
            raise ContentError(file, f"levels.{level}", "missing: every level needs an entry")
    for level_id, pack_level in pack.levels.items():
        if pack_level.call == "advice_line" and pack.advice_line is None:
            raise ContentError(
                file,
                f"levels.{level_id}.call",
                "calls the advice line, but there is no 'advice_line'",
            )
    if (pack.emergency or pack.advice_line) and not pack.sources:
        raise ContentError(file, "sources", "a pack that names a number must list its sources")
    check_templates(file, "", pack)


def pack_codes(folder: Path) -> list[str]:
    """The codes of the packs in a content folder, sorted; a badly named file is an error."""
    directory = folder / COUNTRIES_DIR
    if not directory.is_dir():
        raise ContentError(COUNTRIES_DIR, None, "the folder of country packs is missing")
    codes = []
    for path in sorted(directory.glob("*.yaml")):
        if not re.match(CODE_PATTERN, path.stem):
            raise ContentError(
                pack_file(path.stem),
                None,
                "a pack's file name must be its code: 2 to 5 letters a-z",
            )
        codes.append(path.stem)
    for code in REQUIRED_PACKS:
        if code not in codes:
            raise ContentError(pack_file(code), None, "the file is missing")
    return codes


def check_countries(content: Content) -> None:
    """Every pack's sources exist, and every level red_flags.yaml uses has an entry in it."""
    source_ids = {s.id for s in content.sources.sources}
    for code, pack in content.countries.items():
        file = pack_file(code)
        check_refs(file, "sources", pack.sources, source_ids, "source")
        for level in content.red_flags.levels:
            if level not in pack.levels:
                raise ContentError(
                    file, f"levels.{level}", "missing: red_flags.yaml has this level"
                )
