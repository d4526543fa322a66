"""Country packs (content/countries/<code>.yaml): where to get help, and which numbers to call.

One file per country. Every number and service the guide shows comes from a pack (or from the
SCIATICA_GUIDE_EMERGENCY_NUMBER setting, which overrides the pack's emergency number): nothing
outside the packs names a phone number or a health service (tests/test_no_hard_coded_numbers.py).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from sciatica_guide.content.base import Id, Strict
from sciatica_guide.content.placeholders import Placeholders

#: The folder of the packs, inside the content folder.
COUNTRIES_DIR = "countries"
#: A pack's code is its file name: "sg" for countries/sg.yaml.
CODE_PATTERN = r"^[a-z]{2,5}$"
#: The urgency levels every pack must cover, most urgent first. red_flags.yaml may use fewer
#: (every level it uses must be here: checked at load).
PACK_LEVELS: tuple[str, ...] = ("emergency", "today", "days", "gp")
#: As people read a number: digit groups split by single spaces, perhaps a leading +.
_SHOWN = r"^\+?[0-9]+( [0-9]+)*$"
#: As a phone dials it: digits, perhaps a leading +.
_DIAL = r"^\+?[0-9]{2,15}$"

ShownNumber = Annotated[str, StringConstraints(pattern=_SHOWN, max_length=20)]
DialNumber = Annotated[str, StringConstraints(pattern=_DIAL)]
#: What a level says to call: the pack's emergency number, its advice line, or nothing.
CallKind = Literal["emergency", "advice_line", "none"]


class PackPhone(Strict):
    """A number as shown and as dialled, and what it reaches, in plain words."""

    shown: ShownNumber
    dial: DialNumber
    label: str

    @model_validator(mode="after")
    def _same_number(self) -> PackPhone:
        if re.sub(r"\D", "", self.shown) != re.sub(r"\D", "", self.dial):
            raise ValueError("'shown' and 'dial' must be the same number")
        return self


class AdviceLine(PackPhone):
    """A non-emergency advice line, where the country has one."""

    name: str


class PackLevel(Strict):
    #: Where to go, in plain words, beside the call button; may hold {emergency_number}.
    where: Annotated[str, Placeholders("emergency_number")]
    call: CallKind


class CountryPack(Strict):
    #: The country's name, as the urgent-help box shows it ("Numbers for: Singapore").
    name: str
    #: When a person last checked every number and service against the sources.
    checked: dt.date
    #: Ids in sources.yaml; required when the pack names any number.
    sources: list[Id]
    #: The emergency number, or None where the pack names no number (emergency_words instead).
    emergency: PackPhone | None = None
    #: The words for the emergency number where the pack has none ("your local emergency number").
    emergency_words: str | None = None
    advice_line: AdviceLine | None = None
    levels: dict[str, PackLevel] = Field(min_length=1)
