"""The room's questions without Streamlit: what a phone may send, their order on each screen,
and the export (only what the room saw; no cell a spreadsheet would run as a formula)."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from sciatica_guide.content import Content
from sciatica_guide.workshop.quiz_chart import (
    room_questions_frame,
    summary_csv,
    summary_frame,
    summary_pdf,
)
from sciatica_guide.workshop.room_questions import (
    MAX_ASK_CHARS,
    check_question,
    export_rows,
    new_count,
    ranked,
    review_tabs,
    seen_by_room,
    shown,
)
from sciatica_guide.workshop.rooms import RoomQuestion, valid_question_text


def q(number: int, state: str, votes: int = 0) -> RoomQuestion:
    return RoomQuestion(f"q{number}", f"Question {number}?", state, votes, number)  # type: ignore[arg-type]


ROOM = [
    q(1, "new"),
    q(2, "room", 3),
    q(3, "shown", 1),
    q(4, "answered", 5),
    q(5, "hidden", 9),
    q(6, "room", 3),
    q(7, "new"),
]


def ids(questions: list[RoomQuestion]) -> list[str]:
    return [x.id for x in questions]


def test_most_votes_first_then_the_first_sent() -> None:
    assert ids(ranked(ROOM)) == ["q5", "q4", "q2", "q6", "q3", "q1", "q7"]


def test_the_review_tabs() -> None:
    tabs = review_tabs(ROOM)
    assert ids(tabs.new) == ["q1", "q7"]
    # The one on the projector first, then by votes.
    assert ids(tabs.room) == ["q3", "q2", "q6"]
    assert ids(tabs.answered) == ["q4"]
    assert ids(tabs.hidden) == ["q5"]


def test_phones_never_see_a_new_or_hidden_question() -> None:
    assert ids(seen_by_room(ROOM)) == ["q3", "q2", "q6", "q4"]
    assert shown(ROOM) == ROOM[2]
    assert shown([q(1, "room")]) is None
    assert new_count(ROOM) == 2


def test_the_export_holds_only_what_the_room_saw(content: Content) -> None:
    rows = export_rows(ROOM)
    assert [r.text for r in rows] == ["Question 4?", "Question 2?", "Question 6?", "Question 3?"]
    assert [r.answered for r in rows] == [True, False, False, False]
    words = content.workshop.room_questions
    frame = room_questions_frame(content, rows)
    assert list(frame.columns) == [words.question_column, words.votes_column, words.answered_column]
    assert frame.iloc[0].tolist() == ["Question 4?", 5, words.yes]


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://evil.example","click")',
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "\uff1dcmd",
    ],
)
def test_no_exported_cell_runs_as_a_formula(content: Content, text: str) -> None:
    frame = room_questions_frame(content, export_rows([RoomQuestion("q1", text, "room", 2, 1)]))
    [row] = list(csv.reader(io.StringIO(summary_csv(frame).decode())))[1:]
    assert row[0] == f"'{text}"
    assert row[1] == "2"


def test_ordinary_text_is_exported_as_typed(content: Content) -> None:
    text = 'Is "deep tissue" safe, or not? 热敷 كيف'
    frame = room_questions_frame(content, export_rows([RoomQuestion("q1", text, "answered", 0, 1)]))
    [row] = list(csv.reader(io.StringIO(summary_csv(frame).decode())))[1:]
    assert row == [text, "0", content.workshop.room_questions.yes]


def test_the_pdf_lists_the_rooms_questions(content: Content) -> None:
    rows = export_rows([RoomQuestion("q1", "Should I use heat or ice?", "answered", 4, 1)])
    pdf = summary_pdf(
        content,
        summary_frame(content, {}),
        [],
        None,
        room_questions_frame(content, rows),
    )
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert content.workshop.room_questions.summary_heading in text
    assert "Should I use heat or ice?" in text


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", "empty"),
        (" \n\t ", "empty"),
        ("x" * (MAX_ASK_CHARS + 1), "long"),
        ("🙂🙂", "no_words"),
        ("why\u202e?", "hidden_characters"),
        ("why\x1b[31m", "hidden_characters"),
        (None, "empty"),
        (42, "empty"),
    ],
)
def test_what_a_phone_cannot_send(typed: object, problem: str) -> None:
    assert check_question(typed).problem == problem


def test_lines_and_spaces_become_one_line() -> None:
    assert check_question("  Is heat\n\nbetter   than ice? ").text == "Is heat better than ice?"
    assert check_question("x" * MAX_ASK_CHARS).text == "x" * MAX_ASK_CHARS


@given(st.text(max_size=400))
def test_whatever_a_phone_sends_the_store_would_keep_it_or_it_says_why(typed: str) -> None:
    checked = check_question(typed)
    assert (checked.problem is None) == valid_question_text(checked.text)
