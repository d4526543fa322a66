"""Which language a session reads in (issue 28): ?lang= once, then the person's choice, then the
browser's languages, then the deployment's default; unknown values fall back quietly; the
deployment's list is checked at start."""

from __future__ import annotations

import datetime as dt

import pytest

from sciatica_guide.languages import (
    browser_languages,
    check_language_setting,
    date_text,
    offered_languages,
    resolve_language,
)
from sciatica_guide.settings import Settings, SettingsError, load_settings

OFFERED = ["en", "zh", "ms"]


def test_a_link_wins_once_then_the_persons_choice() -> None:
    first = resolve_language(OFFERED, {"lang": "zh"}, None, None)
    assert first.language == "zh" and first.taken_request == "zh"
    # Later runs: the address still says zh, the person chose ms.
    later = resolve_language(OFFERED, {"lang": "zh"}, "ms", first.taken_request)
    assert later.language == "ms"


def test_the_browser_chooses_the_first_language_only() -> None:
    preferred = browser_languages("ms-SG,zh;q=0.9,en;q=0.8", "ms-SG")
    assert preferred == ["ms", "zh", "en"]
    assert resolve_language(OFFERED, {}, None, None, preferred).language == "ms"
    assert resolve_language(OFFERED, {}, "en", None, preferred).language == "en"
    assert resolve_language(OFFERED, {}, None, None, ["fr"]).language == "en"


@pytest.mark.parametrize(
    "value",
    [
        "<script>alert(1)</script>",
        'zh"><img src=x onerror=alert(1)>',
        "x" * 5000,
        "../../etc/passwd",
        "",
        "  ",
        "fr",
        ["zh", "<b>"],
    ],
)
def test_unknown_or_hostile_values_fall_back_quietly(value: object) -> None:
    choice = resolve_language(OFFERED, {"lang": value}, None, None)
    assert choice.language == "en"
    assert choice.taken_request is None


def test_case_and_spaces_do_not_matter() -> None:
    assert resolve_language(OFFERED, {"lang": " ZH "}, None, None).language == "zh"


def test_malformed_accept_language_is_skipped() -> None:
    assert browser_languages("zh;q=abc,<x>,ta;q=0,ms;q=0.5", None) == ["ms"]
    assert browser_languages(None, None) == []


def test_the_deployment_limits_and_orders_the_list() -> None:
    settings = load_settings({"SCIATICA_GUIDE_LANGUAGES": "zh, en"})
    assert settings.languages == ("zh", "en")
    assert offered_languages(["en", "zh", "ms"], "en", settings) == ["zh", "en"]
    # A listed language that is not complete on safety is left out; English always loads.
    assert offered_languages(["en"], "en", settings) == ["en"]
    assert offered_languages(["en", "zh"], "en", Settings()) == ["en", "zh"]


@pytest.mark.parametrize("value", ["zh,,en", "chinese", "en,en", "<b>", ",".join(["en"] * 13)])
def test_a_bad_language_setting_stops_the_guide_with_one_line(value: str) -> None:
    with pytest.raises(SettingsError, match=r"^SCIATICA_GUIDE_LANGUAGES must") as error:
        load_settings({"SCIATICA_GUIDE_LANGUAGES": value})
    assert value not in str(error.value) or value == "en,en"


def test_a_language_the_content_does_not_have_is_refused_at_start() -> None:
    with pytest.raises(SettingsError, match="SCIATICA_GUIDE_LANGUAGES must list codes"):
        check_language_setting(["en", "zh"], load_settings({"SCIATICA_GUIDE_LANGUAGES": "en,fr"}))


def test_dates_are_written_as_each_language_writes_them() -> None:
    day = dt.date(2026, 12, 7)
    assert date_text(day) == "7 December 2026"
    assert date_text(day, "zh") == "2026年12月7日"
    assert date_text(day, "ms") == "7 Disember 2026"
