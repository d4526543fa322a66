"""Every setting is checked at start-up: a value that would inject, break or hang stops the guide
with one line that names the setting (issue #12, part 4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from sciatica_guide.settings import SettingsError, load_settings

HOSTILE_SETTINGS = [
    ("EMERGENCY_NUMBER", "[999](https://evil.example)"),
    ("EMERGENCY_NUMBER", "999\n\n# Do not call 999"),
    ("EMERGENCY_NUMBER", "9" * 5000),
    ("EMERGENCY_NUMBER", "call us"),
    ("EMERGENCY_NUMBER", "<b>999</b>"),
    ("PUBLIC_URL", "javascript:alert(1)"),
    ("PUBLIC_URL", "[the guide](https://evil.example)"),
    ("PUBLIC_URL", "https://guide.example.org/" + "a" * 5000),
    ("PUBLIC_URL", "https://guide.example.org@evil.example/"),
    ("PUBLIC_URL", "ftp://guide.example.org"),
    ("PUBLIC_URL", "https:///no-host"),
    ("PUBLIC_URL", "https://guide.example.org/\n# heading"),
    ("CLINIC_LOGO", "/etc/passwd"),
    ("CLINIC_LOGO", "/no/such/logo.png"),
    ("CLINIC_LOGO", "/etc"),
    ("CLINIC_NAME", "R" * 5000),
    ("CLINIC_NAME", "Riverside\n\n# Do not call 999"),
    ("CLINIC_CONTACT", "x" * 5000),
    ("CLINIC_CONTACT", "01234\r567890"),
    ("IDLE_RESET_SECONDS", "nan"),
    ("IDLE_RESET_SECONDS", "inf"),
    ("IDLE_RESET_SECONDS", "-inf"),
    ("IDLE_RESET_SECONDS", "1e400"),
    ("IDLE_RESET_SECONDS", "0.0"),
    ("IDLE_RESET_SECONDS", "604800"),
    ("IDLE_CHECK_SECONDS", "0.001"),
    ("IDLE_CHECK_SECONDS", "nan"),
    ("IDLE_CHECK_SECONDS", "3600"),
]


@pytest.mark.parametrize(("name", "value"), HOSTILE_SETTINGS)
def test_hostile_settings_stop_the_guide_naming_the_setting(name: str, value: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings({f"SCIATICA_GUIDE_{name}": value})
    message = str(caught.value)
    assert message.startswith(f"SCIATICA_GUIDE_{name} ")
    assert "\n" not in message
    # The message is shown on the page: it never repeats the value.
    assert value.strip() not in message
    assert len(message) < 200


@pytest.mark.parametrize(
    ("name", "value", "field", "expected"),
    [
        ("EMERGENCY_NUMBER", "999", "emergency_number", "999"),
        ("EMERGENCY_NUMBER", "+44 20 7946 0000", "emergency_number", "+44 20 7946 0000"),
        ("PUBLIC_URL", "http://192.168.1.20:8501/", "public_url", "http://192.168.1.20:8501/"),
        (
            "PUBLIC_URL",
            "https://guide.example.org/body-map?region=calf-left",
            "public_url",
            "https://guide.example.org/body-map?region=calf-left",
        ),
        # Checked, but shown as plain text: these characters are fine in a name.
        ("CLINIC_NAME", "St. Mary's [Physio] & Co", "clinic_name", "St. Mary's [Physio] & Co"),
        ("IDLE_RESET_SECONDS", "5", "idle_reset_seconds", 5.0),
        ("IDLE_RESET_SECONDS", "86400", "idle_reset_seconds", 86400.0),
        ("IDLE_CHECK_SECONDS", "1", "idle_check_seconds", 1.0),
        ("IDLE_CHECK_SECONDS", "60", "idle_check_seconds", 60.0),
    ],
)
def test_sensible_settings_are_kept(name: str, value: str, field: str, expected: object) -> None:
    assert getattr(load_settings({f"SCIATICA_GUIDE_{name}": value}), field) == expected


def test_a_real_image_is_a_logo_and_a_renamed_text_file_is_not(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (64, 64), "#0b6e69").save(logo)
    assert load_settings({"SCIATICA_GUIDE_CLINIC_LOGO": str(logo)}).clinic_logo == logo
    fake = tmp_path / "fake.png"
    fake.write_text("root:x:0:0:root:/root:/bin/bash\n")
    with pytest.raises(SettingsError, match="SCIATICA_GUIDE_CLINIC_LOGO"):
        load_settings({"SCIATICA_GUIDE_CLINIC_LOGO": str(fake)})
