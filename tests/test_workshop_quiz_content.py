"""content/workshop.yaml: the knowledge check loads, each kind of mistake is one line naming the
file and the field, the explanations read at grade 8 or lower, and an urgent-help question always
ends with what to do, in the urgent-help box's words and number."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from guide_testing.readability import grade
from sciatica_guide.content import Content, ContentError, load_content
from sciatica_guide.content.loader import default_content_dir
from sciatica_guide.local_help import settings_help
from sciatica_guide.settings import Settings
from sciatica_guide.ui.frame import red_flag_markdown

FILE = "workshop.yaml"
GRADE_LIMIT = 8.0


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(default_content_dir(), target)
    return target


def broken(folder: Path, change: Callable[[dict[str, Any]], None]) -> str:
    path = folder / FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"Content error in {FILE}")
    return message


def test_the_check_loads_with_5_to_8_questions_on_every_topic(content: Content) -> None:
    questions = content.workshop.questions
    assert 5 <= len(questions) <= 8
    topics = {q.topic for q in questions}
    assert topics == {"urgent-help", "precautions", "techniques", "evidence", "therapist"}
    for question in questions:
        if question.is_open:
            assert not question.options and not question.answers
            continue
        assert 2 <= len(question.options) <= 5
        assert set(question.answers) < {o.id for o in question.options}
    # At least one open question: the room's own words.
    assert any(q.is_open for q in questions)


def test_urgent_help_levels_come_from_red_flags_yaml(content: Content) -> None:
    levels = {q.id: content.quiz_level(q) for q in content.workshop.questions}
    assert levels["emergency-sign"] == "emergency"
    assert levels["same-day-sign"] == "today"
    assert levels["blood-thinners"] is None


@pytest.mark.parametrize("configured", ["999", "112", None])
def test_an_urgent_help_explanation_ends_with_the_urgent_help_box_action(
    content: Content, configured: str | None
) -> None:
    urgent = [q for q in content.workshop.questions if q.topic == "urgent-help"]
    assert urgent
    help = settings_help(content, Settings(emergency_number=configured))
    box = red_flag_markdown(content, help)
    number = help.number
    for question in urgent:
        level = content.quiz_level(question)
        assert level is not None
        action = content.red_flags.action(level, number)
        text = content.quiz_explanation(question, number)
        assert text.endswith(f"{action}.")
        # The same words as the box on every page.
        assert f"**{action} " in box


def test_explanations_and_questions_read_at_grade_8_or_lower(content: Content) -> None:
    too_hard = {}
    for question in content.workshop.questions:
        for text in (question.question, content.quiz_explanation(question, "999")):
            if grade(text) > GRADE_LIMIT:
                too_hard[text[:60]] = grade(text)
    assert not too_hard


def test_phone_words_read_at_grade_8_or_lower(content: Content) -> None:
    words = content.workshop.words
    for text in (
        words.page_lead,
        words.phone_prompt,
        words.phone_closed,
        words.summary_intro,
        words.open_prompt,
        words.open_empty,
        words.open_no_words,
        words.open_hidden_characters,
        words.cloud_hint,
    ):
        assert grade(text) <= GRADE_LIMIT, text


def test_an_answer_that_is_not_an_option(folder: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["questions"][2]["answers"] = ["no-such-option"]

    message = broken(folder, change)
    assert "questions[2].answers[0]" in message and "unknown option id 'no-such-option'" in message


def test_an_unknown_source(folder: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["questions"][1]["sources"].append("made-up-2099")

    message = broken(folder, change)
    assert "questions[1].sources[" in message and "unknown source id 'made-up-2099'" in message


def test_an_unknown_urgent_sign(folder: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["questions"][0]["options"][1]["flag"] = "no-such-sign"

    message = broken(folder, change)
    assert "questions[0].options[1].flag" in message and "unknown urgent sign id" in message


def test_an_urgent_help_question_whose_answer_names_no_sign(folder: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        for option in data["questions"][0]["options"]:
            option.pop("flag", None)

    message = broken(folder, change)
    assert "questions[0].answers" in message and "urgent sign" in message


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (
            lambda d: d["questions"][0]["options"].__delitem__(slice(1, None)),
            "questions[0]",
            "2 to 5 options",
        ),
        (
            lambda d: d["questions"][-1].update(options=[{"id": "a", "text": "A"}]),
            "questions[7]",
            "an open question has no options",
        ),
        (
            lambda d: d["questions"][-1].update(topic="urgent-help"),
            "questions[7]",
            "must be a choice question",
        ),
        (
            lambda d: d["questions"][3].update(kind="essay"),
            "questions[3].kind",
            "choice",
        ),
        (
            lambda d: d["questions"][0]["options"].extend(
                [{"id": f"x{i}", "text": "More"} for i in range(3)]
            ),
            "questions[0].options",
            "at most 5",
        ),
        (lambda d: d["questions"].__delitem__(slice(4, None)), "questions", "at least 5"),
        (lambda d: d["questions"][3].pop("explanation"), "questions[3].explanation", "required"),
        (lambda d: d["questions"][3].update(colour="red"), "questions[3].colour", "not permitted"),
        (lambda d: d["questions"][3].update(topic="gossip"), "questions[3].topic", "urgent-help"),
    ],
)
def test_shape_errors(
    folder: Path, change: Callable[[dict[str, Any]], None], field: str, words: str
) -> None:
    message = broken(folder, change)
    assert f"field '{field}'" in message
    assert words in message.lower()


def test_an_option_id_twice(folder: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["questions"][2]["options"][1]["id"] = data["questions"][2]["options"][0]["id"]

    message = broken(folder, change)
    assert "questions[2].options[1].id" in message and "used twice" in message


def test_a_question_id_twice(folder: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["questions"][3]["id"] = data["questions"][0]["id"]

    message = broken(folder, change)
    assert "questions[3].id" in message and "used twice" in message


def test_every_option_right(folder: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        question = data["questions"][2]
        question["answers"] = [o["id"] for o in question["options"]]

    message = broken(folder, change)
    assert "questions[2].answers" in message and "must be wrong" in message


def test_an_unknown_placeholder_in_an_explanation(folder: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["questions"][2]["explanation"] += " Call {doctor}."

    message = broken(folder, change)
    assert "questions[2].explanation" in message and "{doctor}" in message


def test_markup_in_an_explanation(folder: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["questions"][2]["explanation"] += ' <img src=x onerror="alert(1)">'

    message = broken(folder, change)
    assert "questions[2].explanation" in message and "plain text" in message
