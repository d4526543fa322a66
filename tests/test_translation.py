"""Translations as word-only overlays (issue 28): only words can be translated, a string left
out stays English, a broken or incomplete translation is left out with one line naming what is
missing, and the shipped translations are complete on safety with the English placeholders."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from sciatica_guide import APP_ROOT
from sciatica_guide.content import Content, ContentError, load_content
from sciatica_guide.content.translation import leaves, merge, missing_words, words_of
from sciatica_guide.content.translation_checks import check_languages

CONTENT = APP_ROOT / "content"
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    return copy


def test_words_are_strings_for_people_not_ids_references_or_numbers() -> None:
    data = yaml.safe_load((CONTENT / "red_flags.yaml").read_text(encoding="utf-8"))
    words = words_of("red_flags.yaml", data)
    paths = dict(leaves(words))
    assert "levels.emergency.action" in paths
    assert "groups.cauda-equina.flags.both-legs.text" in paths
    # Ids, levels and sources are references: never translated.
    assert not any(p.endswith((".id", ".level")) or ".sources" in p for p in paths)
    pack = yaml.safe_load((CONTENT / "countries/sg.yaml").read_text(encoding="utf-8"))
    pack_words = dict(leaves(words_of("countries/sg.yaml", pack)))
    assert "emergency.label" in pack_words
    assert "emergency.dial" not in pack_words and "emergency.shown" not in pack_words


def test_a_translation_replaces_words_and_keeps_everything_else() -> None:
    base = {"title": "Help", "levels": [{"id": "now", "action": "Call", "urgent": True}]}
    merged = merge("f.yaml", base, {"levels": [{"id": "now", "action": "Appeler"}]})
    assert merged == {
        "title": "Help",
        "levels": [{"id": "now", "action": "Appeler", "urgent": True}],
    }


@pytest.mark.parametrize(
    ("overlay", "problem"),
    [
        ({"unknown": "x"}, "no field 'unknown'"),
        ({"levels": [{"id": "later", "action": "x"}]}, "needs an id in English"),
        ({"levels": [{"id": "now", "urgent": False}]}, "only words"),
        ({"title": ["a", "list"]}, "must be text"),
        ({"levels": {"now": "x"}}, "must hold a list"),
    ],
)
def test_anything_but_words_in_a_translation_is_refused(overlay: dict, problem: str) -> None:  # type: ignore[type-arg]
    base = {"title": "Help", "levels": [{"id": "now", "action": "Call", "urgent": True}]}
    with pytest.raises(ContentError, match=problem):
        merge("f.yaml", base, overlay)


def test_missing_safety_words_are_named() -> None:
    english = {"levels": [{"id": "now", "action": "Call", "advice": "Go"}], "intro": "Hi"}
    overlay = {"levels": [{"id": "now", "action": "Appeler"}]}
    assert missing_words("f.yaml", english, overlay, ("f.yaml:levels.*",)) == [
        "f.yaml:levels.now.advice"
    ]
    assert missing_words("f.yaml", english, None, ("f.yaml",)) == [
        "f.yaml:levels.now.action",
        "f.yaml:levels.now.advice",
        "f.yaml:intro",
    ]


def test_a_translation_missing_an_urgent_sign_is_left_out_with_one_line(folder: Path) -> None:
    path = folder / "translations/zh/red_flags.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    group = data["groups"][0]
    group["flags"] = group["flags"][1:]  # the first sign left in English
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    checks = {c.code: c for c in check_languages(folder)}
    problem = checks["zh"].problem
    assert problem is not None and "\n" not in problem
    assert problem.startswith("简体中文 (zh) is left out: 1 safety word is not translated")
    assert "red_flags.yaml:groups.cauda-equina.flags.both-legs.text" in problem
    assert checks["en"].problem is None and checks["ms"].problem is None


def test_a_broken_translation_is_left_out_and_english_still_loads(folder: Path) -> None:
    (folder / "translations/ms/red_flags.yaml").write_text("levels: [unclosed", encoding="utf-8")
    checks = {c.code: c for c in check_languages(folder)}
    assert checks["ms"].problem and "not valid YAML" in checks["ms"].problem
    assert load_content(folder).language == "en"


def test_a_translation_that_drops_a_placeholder_is_refused(folder: Path) -> None:
    path = folder / "translations/zh/red_flags.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["levels"]["emergency"]["action"] = "现在就去急诊部"  # no {emergency_number}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    checks = {c.code: c for c in check_languages(folder)}
    assert checks["zh"].problem and "emergency_number" in checks["zh"].problem


def test_hostile_markup_in_a_translation_is_refused(folder: Path) -> None:
    path = folder / "translations/zh/red_flags.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["title"] = "<img src=x onerror=alert(1)>"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    checks = {c.code: c for c in check_languages(folder)}
    assert checks["zh"].problem and "translations/zh/red_flags.yaml" in checks["zh"].problem


@pytest.mark.parametrize("code", ["zh", "ms"])
def test_each_shipped_translation_is_complete_on_safety_and_keeps_the_placeholders(
    content: Content, code: str
) -> None:
    checks = {c.code: c for c in check_languages(CONTENT)}
    assert checks[code].problem is None, checks[code].problem
    translated = load_content(CONTENT, code)
    assert translated.language == code
    assert translated.translation is not None
    # Numbers and services come from the country pack whatever the language.
    for pack_code, pack in content.countries.items():
        other = translated.countries[pack_code]
        numbers = [(n.dial, n.shown) for n in (pack.emergency, pack.advice_line) if n]
        assert [(n.dial, n.shown) for n in (other.emergency, other.advice_line) if n] == numbers
    # Every urgent sign is there, under the same level.
    assert [f.id for f in translated.red_flags.all_flags()] == [
        f.id for f in content.red_flags.all_flags()
    ]
    for level, message in content.red_flags.levels.items():
        other_message = translated.red_flags.levels[level]
        assert other_message.action != message.action
        assert set(PLACEHOLDER.findall(other_message.action)) == set(
            PLACEHOLDER.findall(message.action)
        )


def test_the_article_stays_in_english_and_says_so(content: Content) -> None:
    translated = load_content(CONTENT, "zh")
    assert translated.article == content.article
    assert translated.languages.words.article_in_english in translated.attribution()
    assert content.languages.words.article_in_english not in content.attribution()


def test_each_translated_file_has_a_review_record_and_no_other(folder: Path) -> None:
    review = folder / "translations/ms/review.yaml"
    text = review.read_text(encoding="utf-8")
    review.write_text(text.replace("  red_flags.yaml:", "  red_flags_old.yaml:"), encoding="utf-8")
    checks = {c.code: c for c in check_languages(folder)}
    problem = checks["ms"].problem
    assert problem and "no record of who checked 'red_flags.yaml'" in problem


def test_a_translation_counts_as_checked_only_when_every_file_is(folder: Path) -> None:
    review = folder / "translations/zh/review.yaml"
    text = review.read_text(encoding="utf-8")
    checked = "{reviewed_by: Dr Tan Mei Ling, reviewed_on: 2027-01-15}"
    review.write_text(text.replace("{reviewed_by: null, reviewed_on: null}", checked, 3))
    partly = load_content(folder, "zh").translation
    assert partly is not None and not partly.reviewed
    review.write_text(text.replace("{reviewed_by: null, reviewed_on: null}", checked))
    whole = load_content(folder, "zh").translation
    assert whole is not None and whole.reviewed
    assert whole.reviewers == "Dr Tan Mei Ling" and str(whole.last_reviewed) == "2027-01-15"


def test_languages_yaml_must_list_its_source_language_once(folder: Path) -> None:
    path = folder / "languages.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["languages"] = [lang for lang in data["languages"] if lang["code"] != "en"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError, match="the source language 'en' must be listed"):
        load_content(folder)


def test_a_misspelt_translation_file_is_named_not_ignored(folder: Path) -> None:
    shutil.copy(folder / "translations/ms/red_flags.yaml", folder / "translations/ms/red_flag.yaml")
    checks = {c.code: c for c in check_languages(folder)}
    problem = checks["ms"].problem
    assert problem and "translations/ms/red_flag.yaml" in problem
    assert "not a file of the content folder" in problem
