"""Deployment settings read from the environment, so one content folder serves every clinic."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

ENV_PREFIX = "SCIATICA_GUIDE_"
DEFAULT_IDLE_RESET_SECONDS = 180.0
DEFAULT_IDLE_CHECK_SECONDS = 10.0
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
    #: The local emergency number shown in urgent-help messages (for example 999, 911, 112).
    emergency_number: str | None = None
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


class SettingsError(ValueError):
    """A setting has a value the guide cannot use."""


def _text(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(ENV_PREFIX + name, "").strip()
    return value or None


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    raw = _text(env, name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(
            f"{ENV_PREFIX}{name} must be a number of seconds, not {raw!r}"
        ) from None
    if value <= 0:
        raise SettingsError(f"{ENV_PREFIX}{name} must be more than 0 seconds")
    return value


def _room_store(env: Mapping[str, str]) -> str:
    raw = _text(env, "ROOM_STORE")
    if raw is None or raw.lower() == MEMORY_ROOM_STORE:
        return MEMORY_ROOM_STORE
    if not raw.lower().startswith(ROOM_STORE_SCHEMES) or len(raw) > 500:
        raise SettingsError(
            f"{ENV_PREFIX}ROOM_STORE must be {MEMORY_ROOM_STORE!r} or a redis:// address"
        )
    return raw


def _room_ttl_hours(env: Mapping[str, str]) -> float:
    raw = _text(env, "ROOM_TTL_HOURS")
    if raw is None:
        return DEFAULT_ROOM_TTL_HOURS
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(
            f"{ENV_PREFIX}ROOM_TTL_HOURS must be a number of hours, not {raw[:40]!r}"
        ) from None
    # Up to a week: a forgotten room must not outlive the week's workshops.
    if not 0 < value <= 168:
        raise SettingsError(f"{ENV_PREFIX}ROOM_TTL_HOURS must be more than 0 and at most 168")
    return value


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if env is None else env
    mode_text = _text(env, "MODE")
    mode: Mode | None = None
    if mode_text is not None:
        try:
            mode = Mode(mode_text.lower())
        except ValueError:
            choices = ", ".join(m.value for m in Mode)
            raise SettingsError(f"{ENV_PREFIX}MODE must be one of {choices}") from None
    logo = _text(env, "CLINIC_LOGO")
    return Settings(
        emergency_number=_text(env, "EMERGENCY_NUMBER"),
        mode=mode,
        clinic_name=_text(env, "CLINIC_NAME"),
        clinic_logo=Path(logo) if logo else None,
        clinic_contact=_text(env, "CLINIC_CONTACT"),
        idle_reset_seconds=_seconds(env, "IDLE_RESET_SECONDS", DEFAULT_IDLE_RESET_SECONDS),
        idle_check_seconds=_seconds(env, "IDLE_CHECK_SECONDS", DEFAULT_IDLE_CHECK_SECONDS),
        public_url=_text(env, "PUBLIC_URL"),
        room_store=_room_store(env),
        room_ttl_hours=_room_ttl_hours(env),
    )
