"""Help where the person is: the session's numbers and services, resolved once, read everywhere.

`LocalHelp` is the one object every screen, file and message reads the emergency number and the
services from: the country pack in use (content/countries/<code>.yaml), with the deployment's
SCIATICA_GUIDE_EMERGENCY_NUMBER winning over the pack's emergency number. Pure: no Streamlit.
The session's own copy comes from `sciatica_guide.ui.country.session_help()`.

- `help.number`: the words for {emergency_number} (the number as shown, or the pack's words for it).
- `help.fill(text)`: a content text with {emergency_number} filled in.
- `help.level(level_id)`: where to go and what to call for an urgency level (red_flags.yaml).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sciatica_guide.content.models import Content, CountryPack
from sciatica_guide.settings import Mode, Settings, SettingsError

#: The URL value that picks a country for the session: ?country=uk.
COUNTRY_PARAM = "country"
#: What a notice may repeat of an unknown ?country= value: a short word, else "…".
_PLAIN_CODE = re.compile(r"^[A-Za-z-]{1,20}$")
UNSHOWN_REQUEST = "…"


@dataclass(frozen=True)
class Phone:
    """A number to call: as shown (digit groups), as dialled (digits only), what it reaches."""

    shown: str
    dial: str
    #: What the number reaches; empty when unknown (a deployment's own number).
    label: str

    @property
    def href(self) -> str:
        return f"tel:{self.dial}"


@dataclass(frozen=True)
class LevelHelp:
    """For one urgency level: what to call (or None) and where to go, in plain words."""

    level: str
    where: str
    call: Phone | None


@dataclass(frozen=True)
class LocalHelp:
    #: The pack's code ("sg") and the country's name ("Singapore").
    country: str
    country_name: str
    #: The words {emergency_number} becomes: the number as shown, or the pack's words.
    number: str
    #: The emergency number to call, or None where the guide names no number.
    emergency: Phone | None
    #: A non-emergency advice line, where there is one.
    advice_line: Phone | None
    #: When the pack's numbers were last checked against its sources.
    checked: dt.date
    levels: Mapping[str, LevelHelp] = field(hash=False, compare=True)

    def fill(self, text: str) -> str:
        """A content text with {emergency_number} filled in."""
        return text.format(emergency_number=self.number)

    def level(self, level: str) -> LevelHelp:
        """Where to go and what to call for a level; the most urgent level's for an unknown one
        (never less help than asked for)."""
        found = self.levels.get(level)
        return found if found is not None else self.levels["emergency"]

    def phones(self, level: str) -> list[Phone]:
        """The numbers to show for a level: its own call first, then the emergency number."""
        phones = [p for p in (self.level(level).call, self.emergency) if p is not None]
        return list(dict.fromkeys(phones))


def _dial(number: str) -> str:
    return re.sub(r"[^0-9+]", "", number)


def resolve_help(content: Content, country: str, emergency_number: str | None = None) -> LocalHelp:
    """The help of a country pack; a configured emergency number wins over the pack's."""
    pack: CountryPack = content.countries[country]
    emergency: Phone | None = None
    if pack.emergency is not None:
        emergency = Phone(pack.emergency.shown, pack.emergency.dial, pack.emergency.label)
    if emergency_number:
        # The deployment's own number: the pack's words for what it reaches only when it is the
        # pack's own number (a clinic's number may reach something else).
        same = emergency is not None and emergency.dial == _dial(emergency_number)
        label = emergency.label if same and emergency is not None else ""
        emergency = Phone(emergency_number, _dial(emergency_number), label)
    number = emergency.shown if emergency else (pack.emergency_words or "")
    line = pack.advice_line
    advice = Phone(line.shown, line.dial, line.label) if line else None
    calls = {"emergency": emergency, "advice_line": advice, "none": None}
    levels = {
        level_id: LevelHelp(
            level_id, level.where.format(emergency_number=number), calls[level.call]
        )
        for level_id, level in pack.levels.items()
    }
    return LocalHelp(
        country=country,
        country_name=pack.name,
        number=number,
        emergency=emergency,
        advice_line=advice,
        checked=pack.checked,
        levels=levels,
    )


def settings_help(content: Content, settings: Settings) -> LocalHelp:
    """The deployment's own help: its country and its emergency number (no session choice)."""
    return resolve_help(content, settings.country, settings.emergency_number)


def check_country_setting(content: Content, settings: Settings) -> None:
    """SCIATICA_GUIDE_COUNTRY names a pack in the content folder (checked at start)."""
    if settings.country not in content.countries:
        codes = ", ".join(sorted(content.countries))
        raise SettingsError(
            "SCIATICA_GUIDE_COUNTRY must be the code of a country pack in content/countries: "
            + codes
        )


@dataclass(frozen=True)
class CountryChoice:
    country: str
    #: What to repeat of an unknown ?country= value (a short word, else "…"); None when all is well.
    unknown_request: str | None = None
    #: The ?country= value this choice took from the address, to take it only once.
    taken_request: str | None = None


def _requested(query: Mapping[str, Any]) -> str | None:
    value = query.get(COUNTRY_PARAM)
    if isinstance(value, list):
        value = value[-1] if value else None
    text = str(value).strip() if value is not None else ""
    return text or None


def resolve_country(
    content: Content,
    settings: Settings,
    mode: Mode,
    query: Mapping[str, Any],
    remembered: str | None = None,
    taken: str | None = None,
) -> CountryChoice:
    """The session's country: a clinic's tablet always has the deployment's; else a ?country=
    value the session has not taken yet; else what the session chose; else the deployment's.

    An address value is taken once (`taken`), so a person's own choice in the urgent-help box
    wins over a link they opened earlier. An unknown value keeps the current country and is
    reported (for a quiet note) for as long as the address carries it.
    """
    default = settings.country
    if mode is Mode.CLINIC:
        return CountryChoice(default)
    current = remembered if remembered in content.countries else default
    requested = _requested(query)
    if requested is None:
        return CountryChoice(current)
    code = requested.lower()
    if code not in content.countries:
        shown = requested[:20] if _PLAIN_CODE.match(requested[:20]) else UNSHOWN_REQUEST
        return CountryChoice(current, unknown_request=shown, taken_request=taken)
    if requested == taken:
        return CountryChoice(current, taken_request=taken)
    return CountryChoice(code, taken_request=requested)
