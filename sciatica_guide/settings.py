"""Deployment settings read from the environment, so one content folder serves every clinic."""

from __future__ import annotations

import os
from dataclasses import dataclass

EMERGENCY_NUMBER_ENV = "SCIATICA_GUIDE_EMERGENCY_NUMBER"


@dataclass(frozen=True)
class Settings:
    #: The local emergency number shown in urgent-help messages (for example 999, 911, 112).
    emergency_number: str | None = None


def load_settings() -> Settings:
    number = os.environ.get(EMERGENCY_NUMBER_ENV, "").strip()
    return Settings(emergency_number=number or None)
