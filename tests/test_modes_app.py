"""AppTest runs of clinic and presenter modes."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from guide_testing.workshop import control
from sciatica_guide.content import Content
from sciatica_guide.modes import LAST_ACTIVITY_KEY
from sciatica_guide.session import SELECTED_REGION
from sciatica_guide.text import unescape_markdown, unescape_plain

APP = str(Path(__file__).parent.parent / "app.py")


def start(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def test_clinic_mode_shows_start_over_on_every_page(content: Content) -> None:
    at = start({"mode": "clinic"})
    for spec in content.pages_in("clinic"):
        at.switch_page(f"app_pages/{spec.script}").run()
        assert not at.exception
        assert at.button(key="start-over").label == content.modes.clinic.start_over


def test_start_over_clears_everything_and_returns_to_the_start(content: Content) -> None:
    at = start({"mode": "clinic"})
    at.switch_page("app_pages/techniques.py").run()
    at.session_state[SELECTED_REGION] = "calf-left"
    at.session_state["guide.answer"] = 5
    at.button(key="start-over").click().run()
    assert not at.exception
    assert SELECTED_REGION not in at.session_state
    assert "guide.answer" not in at.session_state
    assert at.title[0].value == content.page("overview").title


def test_idle_tablet_is_cleared_before_the_next_person_sees_it(content: Content) -> None:
    at = start({"mode": "clinic"})
    at.session_state[SELECTED_REGION] = "calf-left"
    # The last tap was long ago: the next run must clear before showing anything.
    at.session_state[LAST_ACTIVITY_KEY] = at.session_state[LAST_ACTIVITY_KEY] - 10_000
    at.run()
    assert SELECTED_REGION not in at.session_state
    assert content.modes.clinic.idle_notice in [i.value for i in at.info]


def test_recent_activity_keeps_the_answers() -> None:
    at = start({"mode": "clinic"})
    at.session_state[SELECTED_REGION] = "calf-left"
    at.run()
    assert at.session_state[SELECTED_REGION] == "calf-left"


def test_clinic_mode_has_no_links_out_of_the_guide(content: Content) -> None:
    at = start({"mode": "clinic"})
    at.switch_page("app_pages/sources.py").run()
    text = "\n".join(m.value for m in at.markdown)
    assert "http" not in text
    standard = start()
    standard.switch_page("app_pages/sources.py").run()
    assert "https://" in "\n".join(m.value for m in standard.markdown)


def test_clinic_name_and_contact_come_from_configuration(
    monkeypatch: pytest.MonkeyPatch, content: Content
) -> None:
    monkeypatch.setenv("SCIATICA_GUIDE_MODE", "clinic")
    monkeypatch.setenv("SCIATICA_GUIDE_CLINIC_NAME", "Riverside Physio")
    monkeypatch.setenv("SCIATICA_GUIDE_CLINIC_CONTACT", "01234 567890")
    at = start({"mode": "standard"})  # a link cannot take a clinic tablet out of clinic mode
    assert "**Riverside Physio**" in [m.value for m in at.markdown]
    assert any("01234 567890" in c.value for c in at.caption)
    assert at.button(key="start-over")


def test_unknown_mode_gets_a_calm_notice(content: Content) -> None:
    at = start({"mode": "clinc"})
    assert not at.exception
    notice = content.modes.unknown_mode_notice.format(mode="clinc")
    assert notice in [i.value for i in at.info]


def test_bad_setting_stops_with_one_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCIATICA_GUIDE_IDLE_RESET_SECONDS", "soon")
    at = start()
    assert not at.exception
    assert "SCIATICA_GUIDE_IDLE_RESET_SECONDS must be a number" in unescape_plain(at.error[1].value)


def test_presenter_steps_through_the_article(content: Content) -> None:
    at = start({"mode": "presenter"})
    at.switch_page("app_pages/present.py").run()
    sections = content.article.all_sections()
    label = content.modes.presenter.step_label
    assert unescape_markdown(at.header[0].value) == sections[0].heading
    assert control(at, "present-previous").disabled
    control(at, "present-next").click().run()
    assert unescape_markdown(at.subheader[0].value) == sections[1].heading
    assert label.format(number=2, total=len(sections)) in str(at.get("progress")[0].proto)
    control(at, "present-previous").click().run()
    assert unescape_markdown(at.header[0].value) == sections[0].heading


def test_presenter_page_is_only_in_presenter_mode(content: Content) -> None:
    assert content.page("present") not in content.pages_in("standard")
    at = start({"mode": "presenter"})
    at.switch_page("app_pages/present.py").run()
    assert at.title[0].value == content.modes.presenter.page_title


def test_presenter_shows_a_qr_code_of_the_public_address(
    monkeypatch: pytest.MonkeyPatch, content: Content
) -> None:
    monkeypatch.setenv("SCIATICA_GUIDE_PUBLIC_URL", "https://guide.example.org")
    at = start({"mode": "presenter"})
    at.switch_page("app_pages/present.py").run()
    caption = content.modes.presenter.qr_caption.format(url="https://guide.example.org")
    # In the strip along the top of the slide (the sidebar stays closed on a projector).
    assert caption in [unescape_plain(c.value) for c in at.main.caption]
