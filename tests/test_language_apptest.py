"""The session's language in AppTest runs (issue 28): a link's ?lang=, the language button,
the unchecked-translation line with the same page in English, hostile values falling back
quietly, and a clinic's Start over returning to the default language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from guide_testing.apptest import run_app as run
from guide_testing.apptest import shown_text as text
from sciatica_guide import APP_ROOT
from sciatica_guide.content import Content, load_content
from sciatica_guide.content.loader import CONTENT_DIR_ENV
from sciatica_guide.ui.state import LANGUAGE_KEY


def language_control(at: AppTest):  # type: ignore[no-untyped-def]
    (control,) = [r for r in at.radio if r.key == LANGUAGE_KEY]
    return control


def test_a_link_opens_the_guide_in_chinese_with_the_unchecked_line(content: Content) -> None:
    zh = load_content(None, "zh")
    at = run({"lang": "zh"}, page="body_map.py")
    shown = text(at)
    assert zh.red_flags.title in shown
    assert content.red_flags.title not in shown
    assert at.title[0].value == zh.page("body-map").title
    # One line: not checked by a health professional, and the same page in English.
    assert zh.languages.words.unreviewed in shown
    assert f"]({'/'}" in shown or "?lang=en)" in shown
    assert "?lang=en)" in shown
    # Numbers and services from the country pack, whatever the language.
    assert 'href="tel:995"' in shown


def test_the_button_switches_the_language_and_it_is_kept_across_pages(content: Content) -> None:
    ms = load_content(None, "ms")
    at = run()
    control = language_control(at)
    assert control.label == content.languages.words.control
    assert [control.format_func(o) for o in control.options][:2] == ["English", "简体中文"]
    assert content.languages.words.unreviewed not in text(at)
    control.set_value("ms").run()
    assert ms.red_flags.title in text(at)
    at.switch_page("app_pages/self_assessment.py").run()
    assert ms.red_flags.title in text(at)
    assert at.session_state[LANGUAGE_KEY] == "ms"


@pytest.mark.parametrize(
    "value",
    ["<script>alert(1)</script>", 'zh"><img src=x onerror=alert(1)>', "x" * 3000, "../../etc"],
)
def test_hostile_lang_values_fall_back_quietly(content: Content, value: str) -> None:
    at = run({"lang": value})
    shown = text(at)
    assert content.red_flags.title in shown
    assert value not in shown and "onerror" not in shown and "<script" not in shown
    assert not at.error or all("Content error" not in e.value for e in at.error)


def test_start_over_on_a_clinic_tablet_returns_to_the_default_language(content: Content) -> None:
    zh = load_content(None, "zh")
    at = run({"mode": "clinic"})
    language_control(at).set_value("zh").run()
    assert zh.red_flags.title in text(at)
    at.button(key="start-over").click().run()
    assert not at.exception
    assert content.red_flags.title in text(at)


def test_a_checked_translation_names_its_reviewer_and_drops_the_unchecked_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "content"
    shutil.copytree(APP_ROOT / "content", folder)
    review = folder / "translations/ms/review.yaml"
    checked = "{reviewed_by: Dr Siti Rahman, reviewed_on: 2027-01-15}"
    record = review.read_text(encoding="utf-8")
    review.write_text(record.replace("{reviewed_by: null, reviewed_on: null}", checked))
    monkeypatch.setenv(CONTENT_DIR_ENV, str(folder))
    ms = load_content(folder, "ms")
    at = run({"lang": "ms"})
    shown = text(at)
    assert ms.languages.words.unreviewed not in shown
    line = ms.languages.words.reviewed.format(reviewer="Dr Siti Rahman", date="15 Januari 2027")
    assert line in shown
