"""The session's country in AppTest runs (issue 23): the box says whose numbers it shows, a link's
?country= and the box's control change them for the session, an unknown value gets a quiet note
(never echoed as markup), a clinic's tablet keeps the deployment's country with no control, and
Sources & safety shows when each pack was checked ("stale number")."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from guide_testing.apptest import APP
from guide_testing.apptest import run_app as run
from guide_testing.apptest import shown_text as text
from sciatica_guide.content import Content
from sciatica_guide.text import unescape_markdown, unescape_plain
from sciatica_guide.ui.country import COUNTRY_KEY


def switch(at: AppTest) -> list:  # type: ignore[type-arg]
    return [s for s in at.selectbox if s.key == COUNTRY_KEY]


def test_the_box_says_whose_numbers_it_shows_and_can_change_them(content: Content) -> None:
    at = run()
    assert "Numbers for: Singapore" in text(at)
    assert 'href="tel:995"' in text(at)
    (control,) = switch(at)
    assert control.label == content.site.local_help.change_country
    assert control.options[0] == "Singapore" and "United Kingdom" in control.options
    control.set_value("uk").run()
    assert "Numbers for: United Kingdom" in text(at)
    assert 'href="tel:999"' in text(at) and 'href="tel:995"' not in text(at)
    # The same session on another page keeps it.
    at.switch_page("app_pages/self_assessment.py").run()
    assert "Numbers for: United Kingdom" in text(at)


def test_a_link_picks_the_country_and_the_box_still_wins() -> None:
    at = run({"country": "uk"})
    assert "Numbers for: United Kingdom" in text(at)
    switch(at)[0].set_value("sg").run()
    # The address still says uk: the person's own choice wins.
    assert at.query_params.get("country") in ("uk", ["uk"])
    assert "Numbers for: Singapore" in text(at)


@pytest.mark.parametrize(
    "value", ["atlantis", "<img src=x onerror=alert(1)>", "**Call 12345**", "[x](https://e.vil)"]
)
def test_an_unknown_country_gets_a_quiet_note(content: Content, value: str) -> None:
    at = run({"country": value})
    assert not at.error or all("Numbers for" not in str(e.value) for e in at.error)
    notes = [c.value for c in at.caption if "does not know" in c.value]
    assert len(notes) == 1
    shown = value if value == "atlantis" else "…"
    expected = content.site.local_help.unknown_country.format(country=shown, name="Singapore")
    assert unescape_markdown(notes[0]).replace("\u2060", "") == expected
    assert "<img" not in notes[0] and "12345" not in notes[0] and "e.vil" not in notes[0]
    assert "Numbers for: Singapore" in text(at)


def test_a_clinic_tablet_keeps_its_country_without_a_control(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SCIATICA_GUIDE_MODE", "clinic")
    monkeypatch.setenv("SCIATICA_GUIDE_COUNTRY", "uk")
    at = run({"country": "sg"})
    assert switch(at) == []
    assert "Numbers for: United Kingdom" in text(at)
    assert "does not know" not in text(at)


def test_clear_my_answers_forgets_the_country_too() -> None:
    # Where someone is, is about them: "Clear my answers" (and a clinic's reset) forget it.
    at = run(page="self_assessment.py")
    switch(at)[0].set_value("uk").run()
    assert "Numbers for: United Kingdom" in text(at)
    at.button(key="clear-answers").click().run()
    assert "Numbers for: Singapore" in text(at)


def test_sources_and_safety_shows_when_each_pack_was_checked(content: Content) -> None:
    at = run(page="sources.py")
    shown = text(at) + "\n".join(str(s.value) for s in at.subheader)
    words = content.site.local_help
    assert words.packs_heading in shown
    for pack in content.countries.values():
        line = words.checked.format(country=pack.name, date=f"{pack.checked:%d %B %Y}")
        assert line in shown, line


def test_a_setting_for_a_country_without_a_pack_stops_the_guide_calmly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SCIATICA_GUIDE_COUNTRY", "zz")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    errors = [unescape_plain(str(e.value)).replace("\u2060", "") for e in at.error]
    assert any("SCIATICA_GUIDE_COUNTRY must be" in e and "other, sg, uk" in e for e in errors)
