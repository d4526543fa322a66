"""Deployment settings read from the environment, so one content folder serves every clinic.

Every value is checked at start-up: a value the guide cannot use stops it with one line naming
the setting (never echoing the value: it is shown on the page, and could be long or hostile).
Checked values are still shown as plain text wherever they appear (text.plain_markdown).
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

ENV_PREFIX = "SCIATICA_GUIDE_"
DEFAULT_IDLE_RESET_SECONDS = 180.0
DEFAULT_IDLE_CHECK_SECONDS = 10.0
#: Idle reset: 5 s (tests) to a day. Beyond a day a shared tablet effectively never resets.
IDLE_RESET_RANGE = (5.0, 86_400.0)
#: How often an open page checks: each check is a fragment run (CPU on the server), so at most
#: once a second; at least once a minute, so a reset is never much later than asked.
IDLE_CHECK_RANGE = (1.0, 60.0)
#: Emergency numbers are short: three digits, or "+44 20 7946 0000" at most.
EMERGENCY_NUMBER_SHAPE = re.compile(r"^\+?[0-9]+( [0-9]+)*$")
MAX_EMERGENCY_NUMBER = 20
#: The country pack a fresh guide uses (content/countries/sg.yaml): the article is Singapore's.
DEFAULT_COUNTRY = "sg"
#: A pack's code: its file name in content/countries/ (content.country_models.CODE_PATTERN).
COUNTRY_SHAPE = re.compile(r"^[a-z]{2,5}$")
#: A language's code (content.language_models.LANGUAGE_CODE_PATTERN); a deployment lists a few.
LANGUAGE_SHAPE = re.compile(r"^[a-z]{2,3}$")
MAX_LANGUAGES = 12
#: One line of text each; longer values would push the urgent-help box off a phone's screen.
MAX_CLINIC_NAME = 80
MAX_CLINIC_CONTACT = 160
#: A QR code for a longer address is too dense to scan from a projector.
MAX_PUBLIC_URL = 200
#: The logo is read into every clinic page; a few hundred KB is plenty for 64 px.
MAX_LOGO_BYTES = 2 * 1024 * 1024
LOGO_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}
#: Workshop rooms end by themselves after this long without the presenter doing anything.
DEFAULT_ROOM_TTL_HOURS = 4.0
#: Where workshop rooms live: "memory" (one process) or a redis:// address (several replicas).
MEMORY_ROOM_STORE = "memory"
ROOM_STORE_SCHEMES = ("redis://", "rediss://", "unix://")


class Mode(StrEnum):
    STANDARD = "standard"
    CLINIC = "clinic"
    PRESENTER = "presenter"


@dataclass(frozen=True)
class Settings:
    #: Overrides the country pack's emergency number when set (digits, spaces, a leading +).
    emergency_number: str | None = None
    #: The country pack whose numbers and services the guide shows (content/countries/<code>.yaml).
    country: str = DEFAULT_COUNTRY
    #: The mode set by the deployment. When set, a URL cannot change it (a clinic's tablet must
    #: not be talked out of clinic mode by a link).
    mode: Mode | None = None
    clinic_name: str | None = None
    clinic_logo: Path | None = None
    clinic_contact: str | None = None
    #: Seconds without a tap before clinic mode clears everything and starts over.
    idle_reset_seconds: float = DEFAULT_IDLE_RESET_SECONDS
    #: How often an open page checks for idleness.
    idle_check_seconds: float = DEFAULT_IDLE_CHECK_SECONDS
    #: The guide's public address, for the presenter's QR code.
    public_url: str | None = None
    #: Where workshop rooms live (see MEMORY_ROOM_STORE, ROOM_STORE_SCHEMES).
    room_store: str = MEMORY_ROOM_STORE
    #: Hours without the presenter doing anything before a workshop room ends by itself.
    room_ttl_hours: float = DEFAULT_ROOM_TTL_HOURS
    #: Serve Streamlit's /_stcore/metrics (off unless asked for: it is for the operator).
    metrics: bool = False
    #: The languages offered, the deployment's default first (codes in content/languages.yaml);
    #: None offers every language whose translation is complete on safety, English first.
    languages: tuple[str, ...] | None = None


class SettingsError(ValueError):
    """A setting has a value the guide cannot use."""


#: The settings read from the environment, in the order _parse reads them.
_NAMES = (
    "EMERGENCY_NUMBER",
    "COUNTRY",
    "MODE",
    "CLINIC_NAME",
    "CLINIC_LOGO",
    "CLINIC_CONTACT",
    "IDLE_RESET_SECONDS",
    "IDLE_CHECK_SECONDS",
    "PUBLIC_URL",
    "ROOM_STORE",
    "ROOM_TTL_HOURS",
    "METRICS",
    "LANGUAGES",
)


def _fail(name: str, why: str) -> SettingsError:
    return SettingsError(f"{ENV_PREFIX}{name} {why}")


def _text(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(ENV_PREFIX + name, "").strip()
    return value or None


def _line(value: str | None, name: str, limit: int) -> str | None:
    """One line of plain text: no line breaks or control characters, at most `limit` long."""
    if value is None:
        return None
    if len(value) > limit:
        raise _fail(name, f"must be at most {limit} characters")
    if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in value):
        raise _fail(name, "must be one line of text, without line breaks or control characters")
    return value


def _emergency_number(value: str | None) -> str | None:
    if value is None:
        return None
    if len(value) > MAX_EMERGENCY_NUMBER or not EMERGENCY_NUMBER_SHAPE.match(value):
        raise _fail(
            "EMERGENCY_NUMBER",
            f"must be a phone number of at most {MAX_EMERGENCY_NUMBER} characters: digits, "
            "single spaces and a leading +, for example 995",
        )
    return value


def _country(value: str | None) -> str:
    if value is None:
        return DEFAULT_COUNTRY
    code = value.lower()
    if not COUNTRY_SHAPE.match(code):
        raise _fail(
            "COUNTRY", "must be the code of a country pack in content/countries, such as sg or uk"
        )
    return code


def _seconds(value: str | None, name: str, default: float, bounds: tuple[float, float]) -> float:
    if value is None:
        return default
    low, high = bounds
    try:
        seconds = float(value)
    except ValueError:
        raise _fail(name, "must be a number of seconds") from None
    # float() accepts "nan", "inf" and "1e400" (inf): a NaN timeout never expires.
    if not math.isfinite(seconds) or not low <= seconds <= high:
        raise _fail(name, f"must be a number of seconds from {low:g} to {high:g}")
    return seconds


def _public_url(value: str | None) -> str | None:
    if value is None:
        return None
    why = f"must be an http:// or https:// address of at most {MAX_PUBLIC_URL} characters"
    if len(value) > MAX_PUBLIC_URL or any(c.isspace() or ord(c) < 32 for c in value):
        raise _fail("PUBLIC_URL", why)
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        raise _fail("PUBLIC_URL", why) from None
    # No user name or password: "https://guide.example.org@evil.example" reads as the guide.
    if parts.scheme not in ("http", "https") or not host or "@" in parts.netloc:
        raise _fail("PUBLIC_URL", why)
    return value


def _logo(value: str | None) -> Path | None:
    if value is None:
        return None
    from PIL import Image, UnidentifiedImageError

    path = Path(value)
    why = (
        "must name a PNG, JPEG, GIF or WebP image the guide can read, "
        f"at most {MAX_LOGO_BYTES // (1024 * 1024)} MB"
    )
    try:
        if not path.is_file() or path.stat().st_size > MAX_LOGO_BYTES:
            raise _fail("CLINIC_LOGO", why)
        with Image.open(path) as image:
            image.verify()
            if image.format not in LOGO_FORMATS:
                raise _fail("CLINIC_LOGO", why)
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError) as error:
        if isinstance(error, SettingsError):
            raise
        raise _fail("CLINIC_LOGO", why) from None
    return path


def _room_store(value: str | None) -> str:
    if value is None or value.lower() == MEMORY_ROOM_STORE:
        return MEMORY_ROOM_STORE
    if not value.lower().startswith(ROOM_STORE_SCHEMES) or len(value) > 500:
        raise _fail("ROOM_STORE", f"must be {MEMORY_ROOM_STORE!r} or a redis:// address")
    return value


def _room_ttl_hours(value: str | None) -> float:
    if value is None:
        return DEFAULT_ROOM_TTL_HOURS
    try:
        hours = float(value)
    except ValueError:
        raise _fail("ROOM_TTL_HOURS", "must be a number of hours") from None
    # Up to a week: a forgotten room must not outlive the week's workshops.
    if not math.isfinite(hours) or not 0 < hours <= 168:
        raise _fail("ROOM_TTL_HOURS", "must be a number of hours, more than 0 and at most 168")
    return hours


def _switch(value: str | None, name: str) -> bool:
    if value is None or value.lower() in ("off", "false", "0", "no"):
        return False
    if value.lower() in ("on", "true", "1", "yes"):
        return True
    raise _fail(name, "must be on or off")


def _mode(value: str | None) -> Mode | None:
    if value is None:
        return None
    try:
        return Mode(value.lower())
    except ValueError:
        choices = ", ".join(m.value for m in Mode)
        raise _fail("MODE", f"must be one of {choices}") from None


def _languages(value: str | None) -> tuple[str, ...] | None:
    """A comma-separated list of language codes ("zh,en"): the first is the default."""
    if value is None:
        return None
    codes = tuple(code.strip().lower() for code in value.split(","))
    if (
        len(codes) > MAX_LANGUAGES
        or not all(LANGUAGE_SHAPE.match(code) for code in codes)
        or len(set(codes)) != len(codes)
    ):
        raise _fail(
            "LANGUAGES",
            "must be language codes from content/languages.yaml, separated by commas, the "
            "default first, for example en,zh,ms,ta",
        )
    return codes


@lru_cache(maxsize=16)
def _parse(values: tuple[str | None, ...]) -> Settings:
    raw = dict(zip(_NAMES, values, strict=True))
    return Settings(
        emergency_number=_emergency_number(raw["EMERGENCY_NUMBER"]),
        country=_country(raw["COUNTRY"]),
        mode=_mode(raw["MODE"]),
        clinic_name=_line(raw["CLINIC_NAME"], "CLINIC_NAME", MAX_CLINIC_NAME),
        clinic_logo=_logo(raw["CLINIC_LOGO"]),
        clinic_contact=_line(raw["CLINIC_CONTACT"], "CLINIC_CONTACT", MAX_CLINIC_CONTACT),
        idle_reset_seconds=_seconds(
            raw["IDLE_RESET_SECONDS"],
            "IDLE_RESET_SECONDS",
            DEFAULT_IDLE_RESET_SECONDS,
            IDLE_RESET_RANGE,
        ),
        idle_check_seconds=_seconds(
            raw["IDLE_CHECK_SECONDS"],
            "IDLE_CHECK_SECONDS",
            DEFAULT_IDLE_CHECK_SECONDS,
            IDLE_CHECK_RANGE,
        ),
        public_url=_public_url(raw["PUBLIC_URL"]),
        room_store=_room_store(raw["ROOM_STORE"]),
        room_ttl_hours=_room_ttl_hours(raw["ROOM_TTL_HOURS"]),
        metrics=_switch(raw["METRICS"], "METRICS"),
        languages=_languages(raw["LANGUAGES"]),
    )


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """The validated settings; raises SettingsError naming the first setting that is wrong.

    Read on every rerun, so parsing is cached on the values themselves: a changed environment
    (as in tests) is read afresh, an unchanged one costs a dict lookup.
    """
    env = os.environ if env is None else env
    return _parse(tuple(_text(env, name) for name in _NAMES))
