"""Country packs (issue 23): every pack loads, a broken pack stops the guide with one line naming
the file and the field, the deployment's number wins, and a link's ?country= falls back quietly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from guide_testing.content_copy import edited_content
from sciatica_guide.content import Content, ContentError, load_content
from sciatica_guide.help_html import call_row_html, help_lines
from sciatica_guide.local_help import (
    UNSHOWN_REQUEST,
    check_country_setting,
    resolve_country,
    resolve_help,
    settings_help,
)
from sciatica_guide.settings import Mode, Settings, SettingsError, load_settings
from sciatica_guide.ui.country import help_for

Edit = Callable[[dict[str, Any]], None]


def broken(tmp_path: Path, code: str, edit: Edit) -> ContentError:
    folder = edited_content(tmp_path, edit, name=f"countries/{code}.yaml")
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    return caught.value


# --- every pack loads ----------------------------------------------------------------------------
def test_every_pack_loads_with_a_level_for_every_urgency(content: Content) -> None:
    assert {"sg", "uk", "other"} <= set(content.countries)
    for code in content.countries:
        help = resolve_help(content, code)
        for level in content.red_flags.levels:
            assert help.level(level).where
        for level in ("emergency", "today", "days", "gp"):
            assert level in help.levels


def test_singapore_calls_995_for_an_ambulance_and_nursefirst_for_advice(content: Content) -> None:
    help = resolve_help(content, "sg")
    assert help.country_name == "Singapore"
    assert help.number == "995"
    assert help.emergency is not None and help.emergency.href == "tel:995"
    assert "SCDF" in help.emergency.label
    assert help.advice_line is not None
    assert (help.advice_line.shown, help.advice_line.href) == ("6262 6262", "tel:62626262")
    assert "NurseFirst" in help.advice_line.label
    assert "A&E" in help.level("emergency").where
    assert "polyclinic" in help.level("today").where
    # In Singapore 999 is the police, and the 1777 line ends on 1 January 2027.
    text = " ".join([*help_lines(content, help), *(lv.where for lv in help.levels.values())])
    assert "999" not in text and "1777" not in text


def test_the_uk_calls_999_and_nhs_111(content: Content) -> None:
    help = resolve_help(content, "uk")
    assert help.number == "999" and help.emergency is not None
    assert help.emergency.href == "tel:999"
    assert help.advice_line is not None and help.advice_line.href == "tel:111"
    assert "NHS 111" in help.advice_line.label
    assert "A&E" in help.level("emergency").where


def test_anywhere_else_names_no_number(content: Content) -> None:
    help = resolve_help(content, "other")
    assert help.emergency is None and help.advice_line is None
    assert help.number == "your local emergency number"
    assert all(level.call is None for level in help.levels.values())
    assert "tel:" not in "".join(call_row_html(content, help, lv) for lv in help.levels)


def test_each_pack_names_when_it_was_checked_and_real_sources(content: Content) -> None:
    ids = {s.id for s in content.sources.sources}
    for code, pack in content.countries.items():
        assert pack.checked.year >= 2026, code
        assert set(pack.sources) <= ids
        if pack.emergency:
            assert pack.sources, code


# --- broken packs: one line naming the file and the field -----------------------------------------
def _delete(*path: str) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return edit


def _set(value: Any, *path: str) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return edit


@pytest.mark.parametrize(
    ("edit", "field", "words"),
    [
        (_delete("name"), "name", "Field required"),
        (_delete("checked"), "checked", "Field required"),
        (_set("last week", "checked"), "checked", "date"),
        (_delete("sources"), "sources", "Field required"),
        (_set(["no-such-source"], "sources"), "sources[0]", "unknown source id 'no-such-source'"),
        (_set([], "sources"), "sources", "must list its sources"),
        (_delete("emergency"), "emergency", "either"),
        (_delete("emergency", "shown"), "emergency.shown", "Field required"),
        (_delete("emergency", "dial"), "emergency.dial", "Field required"),
        (_set("nine nine five", "emergency", "shown"), "emergency.shown", "pattern"),
        (_set("995; rm", "emergency", "dial"), "emergency.dial", "pattern"),
        (_set("999", "emergency", "dial"), "emergency", "same number"),
        (_delete("emergency", "label"), "emergency.label", "Field required"),
        (_set("", "emergency", "label"), "emergency.label", "at least 1 character"),
        (_delete("advice_line"), "levels.today.call", "no 'advice_line'"),
        (_delete("advice_line", "name"), "advice_line.name", "Field required"),
        (_delete("levels"), "levels", "Field required"),
        (_delete("levels", "today"), "levels.today", "missing"),
        (_delete("levels", "days"), "levels.days", "missing"),
        (_delete("levels", "emergency", "where"), "levels.emergency.where", "Field required"),
        (_set("ambulance", "levels", "emergency", "call"), "levels.emergency.call", "Input"),
        (_set("Call {number}", "levels", "gp", "where"), "levels.gp.where", "{number}"),
        (_set("<a href='x'>A&E</a>", "levels", "gp", "where"), "levels.gp.where", "plain text"),
        (_set("x", "surprise"), "surprise", "Extra inputs"),
    ],
)
def test_a_broken_pack_names_its_file_and_field(
    tmp_path: Path, edit: Edit, field: str, words: str
) -> None:
    error = broken(tmp_path, "sg", edit)
    message = str(error)
    assert "\n" not in message
    assert error.file == "countries/sg.yaml"
    assert error.field == field, message
    assert message.startswith(f"Content error in countries/sg.yaml, field '{field}'")
    assert words in message


def test_a_pack_without_a_number_or_words_is_refused(tmp_path: Path) -> None:
    error = broken(tmp_path, "other", _delete("emergency_words"))
    assert (error.file, error.field) == ("countries/other.yaml", "emergency")


def test_a_missing_required_pack_is_named(tmp_path: Path) -> None:
    folder = edited_content(tmp_path, lambda data: None, name="countries/sg.yaml")
    (folder / "countries" / "sg.yaml").unlink()
    with pytest.raises(ContentError, match=r"countries/sg\.yaml: the file is missing"):
        load_content(folder)


def test_a_badly_named_pack_is_refused(tmp_path: Path) -> None:
    folder = edited_content(tmp_path, lambda data: None, name="countries/uk.yaml")
    (folder / "countries" / "uk.yaml").rename(folder / "countries" / "United Kingdom.yaml")
    with pytest.raises(ContentError, match="file name must be its code"):
        load_content(folder)


def test_a_level_red_flags_uses_must_be_in_every_pack(tmp_path: Path) -> None:
    # The urgency levels come from red_flags.yaml: a pack must say where to go for each.
    def edit(data: dict[str, Any]) -> None:
        data["levels"]["soon"] = data["levels"].pop("days")

    error = broken(tmp_path, "uk", edit)
    assert (error.file, error.field) == ("countries/uk.yaml", "levels.days")


# --- the deployment's settings ------------------------------------------------------------------
def test_the_country_setting_defaults_to_singapore() -> None:
    assert load_settings({}).country == "sg"
    assert load_settings({"SCIATICA_GUIDE_COUNTRY": "UK"}).country == "uk"


@pytest.mark.parametrize("value", ["united kingdom", "s", "<b>x</b>", "sg\nuk", "../sg"])
def test_a_country_setting_of_the_wrong_shape_stops_the_guide(value: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings({"SCIATICA_GUIDE_COUNTRY": value})
    assert str(caught.value).startswith("SCIATICA_GUIDE_COUNTRY must be")
    assert len(value) < 3 or value not in str(caught.value)


def test_a_country_without_a_pack_stops_the_guide(content: Content) -> None:
    with pytest.raises(SettingsError, match=r"SCIATICA_GUIDE_COUNTRY must be .*other, sg, uk"):
        check_country_setting(content, Settings(country="fr"))
    check_country_setting(content, Settings(country="uk"))


def test_the_deployment_number_wins_over_the_pack(content: Content) -> None:
    help = settings_help(content, Settings(country="sg", emergency_number="+65 6123 4567"))
    assert help.number == "+65 6123 4567"
    assert help.emergency is not None and help.emergency.href == "tel:+6561234567"
    # A number that is not the pack's own: the pack's words for what 995 reaches are not shown.
    assert help.emergency.label == ""
    assert "+65 6123 4567" in help.level("today").where
    assert help.level("emergency").call == help.emergency
    # "Anywhere else" gets a number when the deployment sets one.
    other = settings_help(content, Settings(country="other", emergency_number="112"))
    assert other.number == "112" and other.emergency is not None
    assert 'href="tel:112"' in call_row_html(content, other, "emergency")


# --- the session's country ----------------------------------------------------------------------
def _choose(content: Content, query: dict[str, Any], **kwargs: Any) -> Any:
    settings = kwargs.pop("settings", Settings())
    mode = kwargs.pop("mode", Mode.STANDARD)
    return resolve_country(content, settings, mode, query, **kwargs)


def test_a_link_picks_the_country_once(content: Content) -> None:
    first = _choose(content, {"country": "uk"})
    assert (first.country, first.unknown_request, first.taken_request) == ("uk", None, "uk")
    # The person then picks Singapore in the box; the address still says uk: their choice wins.
    later = _choose(content, {"country": "uk"}, remembered="sg", taken="uk")
    assert later.country == "sg"
    assert _choose(content, {"country": ["sg", "UK"]}).country == "uk"
    assert _choose(content, {}).country == "sg"
    assert _choose(content, {}, settings=Settings(country="uk")).country == "uk"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("fr", "fr"),
        ("atlantis", "atlantis"),
        ("<script>alert(1)</script>", UNSHOWN_REQUEST),
        ("**call 12345**", UNSHOWN_REQUEST),
        ("[x](https://evil.example)", UNSHOWN_REQUEST),
        ("uk\n999", UNSHOWN_REQUEST),
    ],
)
def test_an_unknown_country_in_a_link_falls_back_quietly(
    content: Content, value: str, shown: str
) -> None:
    choice = _choose(content, {"country": value}, remembered="uk")
    assert choice.country == "uk"
    assert choice.unknown_request == shown
    assert _choose(content, {"country": value}).country == "sg"


def test_a_clinic_tablet_keeps_the_deployment_country(content: Content) -> None:
    settings = Settings(country="uk", mode=Mode.CLINIC)
    for query, remembered in (({"country": "sg"}, None), ({}, "sg"), ({"country": "zz"}, "sg")):
        choice = _choose(content, query, settings=settings, mode=Mode.CLINIC, remembered=remembered)
        assert (choice.country, choice.unknown_request) == ("uk", None)


# --- one model, rendered many ways ---------------------------------------------------------------
def test_the_call_row_is_a_tel_link_saying_call_and_the_number(content: Content) -> None:
    help = resolve_help(content, "sg")
    row = call_row_html(content, help, "emergency")
    assert '<a class="call-link" href="tel:995" target="_self">Call 995</a>' in row
    assert "Emergency Department (A&amp;E)" in row
    today = call_row_html(content, help, "today", emergency=False)
    assert 'href="tel:62626262" target="_self">Call 6262 6262</a>' in today
    assert "tel:995" not in today
    assert 'href="tel:995"' in call_row_html(content, help, "today")


def test_paper_carries_the_same_numbers_and_services(content: Content) -> None:
    for code, numbers in (("sg", ["Call 995", "Call 6262 6262"]), ("uk", ["Call 999", "Call 111"])):
        lines = " ".join(help_lines(content, resolve_help(content, code)))
        for number in numbers:
            assert number in lines, code
    assert "Call" not in " ".join(help_lines(content, resolve_help(content, "other"))).replace(
        "Call your local", ""
    )


def test_every_packs_words_read_at_grade_6_or_lower(content: Content) -> None:
    from guide_testing.readability import grade

    for code in content.countries:
        help = resolve_help(content, code)
        texts = [level.where for level in help.levels.values()]
        texts += [p.label + "." for p in (help.emergency, help.advice_line) if p and p.label]
        assert grade(" ".join(texts)) <= 6, code


def test_the_deployment_number_stays_with_the_deployments_country(content: Content) -> None:
    # A Singapore clinic sets its own emergency number; a visitor who switches to the UK must
    # get 999, not the clinic's number.
    settings = Settings(country="sg", emergency_number="+65 6123 4567")
    assert help_for(content, settings, "sg").number == "+65 6123 4567"
    uk = help_for(content, settings, "uk")
    assert uk.number == "999" and uk.emergency is not None and uk.emergency.href == "tel:999"
    assert help_for(content, settings, None).number == "+65 6123 4567"
