"""The content model: the real content loads; each kind of broken content gives one clear line."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from sciatica_guide.content import Content, ContentError, load_content
from sciatica_guide.content.article import parse_article
from sciatica_guide.content.loader import YAML_FILES, default_content_dir

FIXTURE_ARTICLE = Path(__file__).parent / "fixtures" / "article_body.txt"


def test_real_content_loads(content: Content) -> None:
    assert content.site.name
    assert {t.id for t in content.techniques.techniques} == {
        "deep-tissue",
        "trigger-point",
        "myofascial-release",
    }
    assert len(content.regions()) == 2 * len(content.areas.areas)


def test_article_in_content_is_the_seed_article_word_for_word(content: Content) -> None:
    expected = [p for p in FIXTURE_ARTICLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    assert content.article.paragraphs() == [p.strip() for p in expected]


def test_article_leaves_out_the_web_page_debris(content: Content) -> None:
    text = "\n".join(content.article.paragraphs())
    for debris in ("HealthHub", "Location:", "Health3068", "February 09, 2025"):
        assert debris not in text


def test_every_article_section_is_on_exactly_one_page(content: Content) -> None:
    placed = [h for page in content.pages.pages for h in page.article_sections]
    assert sorted(placed) == sorted(s.heading for s in content.article.sections)


def test_every_page_script_exists(content: Content) -> None:
    pages_dir = Path(__file__).parent.parent / "app_pages"
    for page in content.pages.pages:
        assert (pages_dir / page.script).is_file(), page.script


def test_parse_article_nests_subheadings() -> None:
    article = parse_article("# Title\n\nIntro.\n\n## Part\n\nText.\n\n### Sub\n\nMore.\n")
    assert [s.heading for s in article.sections] == ["Title", "Part"]
    assert article.sections[1].children[0].heading == "Sub"
    assert article.paragraphs() == ["Title", "Intro.", "Part", "Text.", "Sub", "More."]


def test_parse_article_rejects_text_before_any_heading() -> None:
    with pytest.raises(ValueError, match="before any heading"):
        parse_article("Stray paragraph.\n\n# Title\n")


# --- broken content -----------------------------------------------------------------------------
@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(default_content_dir(), target)
    return target


def _edit_yaml(folder: Path, name: str, change: Callable[[dict], None]) -> None:
    path = folder / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _load_error(folder: Path) -> ContentError:
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    message = str(caught.value)
    assert "\n" not in message, "the message must be one line"
    assert message.startswith("Content error in ")
    return caught.value


def test_bad_yaml_names_the_file_and_line(content_copy: Path) -> None:
    (content_copy / "techniques.yaml").write_text("techniques:\n  - id: [unclosed\n", "utf-8")
    error = _load_error(content_copy)
    assert error.file == "techniques.yaml"
    assert "not valid YAML at line" in str(error)


def test_missing_field_names_file_and_field(content_copy: Path) -> None:
    _edit_yaml(content_copy, "techniques.yaml", lambda d: d["techniques"][1].pop("feels_like"))
    error = _load_error(content_copy)
    assert (error.file, error.field) == ("techniques.yaml", "techniques[1].feels_like")
    assert "Field required" in str(error)


def test_unknown_field_is_caught(content_copy: Path) -> None:
    _edit_yaml(content_copy, "sources.yaml", lambda d: d["sources"][0].update(cittion="typo"))
    error = _load_error(content_copy)
    assert (error.file, error.field) == ("sources.yaml", "sources[0].cittion")


def test_a_missing_label_is_caught_at_load(content_copy: Path) -> None:
    # Every page reads its labels as fields: a folder (a translation too) that drops one fails
    # here, in one line naming the file and the label, not later with a KeyError on a page.
    _edit_yaml(content_copy, "site.yaml", lambda d: d["labels"].pop("technique_card_care"))
    error = _load_error(content_copy)
    assert (error.file, error.field) == ("site.yaml", "labels.technique_card_care")
    assert "Field required" in str(error)


def test_an_unknown_label_is_caught_at_load(content_copy: Path) -> None:
    _edit_yaml(content_copy, "site.yaml", lambda d: d["labels"].update(sorces="Sources"))
    error = _load_error(content_copy)
    assert (error.file, error.field) == ("site.yaml", "labels.sorces")


def test_unknown_source_id_is_caught(content_copy: Path) -> None:
    _edit_yaml(content_copy, "evidence.yaml", lambda d: d["notes"][2]["sources"].append("nobody"))
    error = _load_error(content_copy)
    assert error.file == "evidence.yaml"
    assert error.field == "notes[2].sources[1]"
    assert "unknown source id 'nobody'" in str(error)


def test_unknown_technique_in_a_precaution_is_caught(content_copy: Path) -> None:
    def change(data: dict) -> None:
        data["precautions"][1]["rules_out"][0]["techniques"] = ["hot-stones"]

    _edit_yaml(content_copy, "precautions.yaml", change)
    error = _load_error(content_copy)
    assert error.field == "precautions[1].rules_out[0].techniques[0]"
    assert "unknown technique id 'hot-stones'" in str(error)


def test_unknown_area_in_a_precaution_is_caught(content_copy: Path) -> None:
    _edit_yaml(
        content_copy,
        "precautions.yaml",
        lambda d: d["precautions"][0]["rules_out"][0].update(areas=["elbow"]),
    )
    error = _load_error(content_copy)
    assert "unknown area id 'elbow'" in str(error)


def test_duplicate_id_is_caught(content_copy: Path) -> None:
    _edit_yaml(content_copy, "sources.yaml", lambda d: d["sources"].append(dict(d["sources"][0])))
    error = _load_error(content_copy)
    assert "is used twice" in str(error)


def test_article_section_left_off_every_page_is_caught(content_copy: Path) -> None:
    def leave_off(data: dict) -> None:
        # Found by id, so adding a page to the menu does not change which page is edited.
        next(p for p in data["pages"] if p["id"] == "techniques").update(article_sections=[])

    _edit_yaml(content_copy, "pages.yaml", leave_off)
    error = _load_error(content_copy)
    assert error.file == "pages.yaml"
    assert "no page shows the article section" in str(error)


def test_evidence_note_for_a_missing_heading_is_caught(content_copy: Path) -> None:
    _edit_yaml(content_copy, "evidence.yaml", lambda d: d["notes"][0].update(section="Nope"))
    error = _load_error(content_copy)
    assert (error.file, error.field) == ("evidence.yaml", "notes[0].section")


@pytest.mark.parametrize("name", [name for name, _ in YAML_FILES.values()])
def test_missing_file_is_named(content_copy: Path, name: str) -> None:
    (content_copy / name).unlink()
    error = _load_error(content_copy)
    assert error.file == name
    assert "missing" in str(error)


def test_file_that_is_not_a_mapping_is_caught(content_copy: Path) -> None:
    (content_copy / "site.yaml").write_text("- just\n- a list\n", "utf-8")
    error = _load_error(content_copy)
    assert error.file == "site.yaml"
    assert "mapping" in str(error)


def test_missing_content_folder_is_named(tmp_path: Path) -> None:
    error = _load_error(tmp_path / "nowhere")
    assert "does not exist" in str(error)
