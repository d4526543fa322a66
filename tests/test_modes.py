"""Clinic and presenter modes: the pure rules (mode choice, idle reset, stepping) and settings."""

from __future__ import annotations

import pytest

from sciatica_guide.modes import (
    IDLE_RESET_NOTICE_KEY,
    LAST_ACTIVITY_KEY,
    MODE_KEY,
    is_idle,
    presenter_step,
    reset_if_idle,
    resolve_mode,
)
from sciatica_guide.qr import qr_png
from sciatica_guide.session import PAIN_REGIONS, SELECTED_REGION
from sciatica_guide.settings import Mode, Settings, SettingsError, load_settings


class FakeClock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_url_flag_picks_the_mode() -> None:
    assert resolve_mode(Settings(), {"mode": "clinic"}).mode is Mode.CLINIC
    assert resolve_mode(Settings(), {"mode": "Presenter"}).mode is Mode.PRESENTER
    assert resolve_mode(Settings(), {}).mode is Mode.STANDARD


def test_session_keeps_its_mode_when_a_page_link_drops_the_flag() -> None:
    assert resolve_mode(Settings(), {}, remembered=Mode.CLINIC).mode is Mode.CLINIC


def test_deployment_mode_cannot_be_changed_by_a_link() -> None:
    locked = Settings(mode=Mode.CLINIC)
    assert resolve_mode(locked, {"mode": "standard"}).mode is Mode.CLINIC


def test_unknown_mode_is_reported_briefly_and_changes_nothing() -> None:
    choice = resolve_mode(Settings(), {"mode": "x" * 500}, remembered=Mode.PRESENTER)
    assert choice.mode is Mode.PRESENTER
    assert choice.unknown_request == "x" * 40


@pytest.mark.parametrize(
    ("last", "now", "idle"),
    [(None, 10_000.0, False), (100.0, 279.9, False), (100.0, 280.0, True), (100.0, 900.0, True)],
)
def test_idle_exactly_at_the_timeout(last: float | None, now: float, idle: bool) -> None:
    assert is_idle(last, now, timeout=180.0) is idle


def test_idle_reset_clears_the_person_but_not_the_mode() -> None:
    clock = FakeClock(1000.0)
    state = {
        MODE_KEY: Mode.CLINIC,
        LAST_ACTIVITY_KEY: 1000.0,
        SELECTED_REGION: "calf-left",
        PAIN_REGIONS: ["calf-left"],
        "guide.answer.back_pain": 7,
    }
    settings = Settings(idle_reset_seconds=180.0)
    clock.now = 1179.0
    assert reset_if_idle(state, settings, clock) is False
    assert state[SELECTED_REGION] == "calf-left"
    clock.now = 1180.0
    assert reset_if_idle(state, settings, clock) is True
    assert not [key for key in state if key.startswith("guide.")]
    assert state[MODE_KEY] is Mode.CLINIC
    assert state[IDLE_RESET_NOTICE_KEY] is True
    assert state[LAST_ACTIVITY_KEY] == 1180.0


@pytest.mark.parametrize(
    ("current", "delta", "total", "expected"),
    [
        (0, -1, 14, 0),
        (0, 1, 14, 1),
        (12, 1, 14, 13),
        (13, 1, 14, 13),
        (99, 0, 14, 13),
        (3, 1, 0, 0),
    ],
)
def test_presenter_steps_stay_inside_the_article(
    current: int, delta: int, total: int, expected: int
) -> None:
    assert presenter_step(current, delta, total) == expected


def test_settings_from_the_environment() -> None:
    settings = load_settings(
        {
            "SCIATICA_GUIDE_MODE": "Clinic",
            "SCIATICA_GUIDE_CLINIC_NAME": "Riverside Physio",
            "SCIATICA_GUIDE_IDLE_RESET_SECONDS": "90",
            "SCIATICA_GUIDE_PUBLIC_URL": "https://guide.example.org",
        }
    )
    assert settings.mode is Mode.CLINIC
    assert settings.clinic_name == "Riverside Physio"
    assert settings.idle_reset_seconds == 90.0
    assert settings.public_url == "https://guide.example.org"
    assert load_settings({}).idle_reset_seconds == 180.0


@pytest.mark.parametrize(
    ("name", "value"),
    [("MODE", "kiosk"), ("IDLE_RESET_SECONDS", "soon"), ("IDLE_RESET_SECONDS", "-5")],
)
def test_bad_settings_say_which_and_why(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=f"SCIATICA_GUIDE_{name}"):
        load_settings({f"SCIATICA_GUIDE_{name}": value})


def test_qr_code_decodes_to_the_configured_address() -> None:
    import io

    import zxingcpp
    from PIL import Image

    url = "https://guide.example.org/body-map?region=calf-left"
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr_png(url))))
    assert [code.text for code in found] == [url]
