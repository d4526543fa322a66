"""The knowledge check's summary on the presenter's page: a table, and the same as CSV and PDF.

Counts only, and the open questions' words as the projector may show them: nothing about any
person. Everything is read from the store while the summary is open, every few seconds.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from types import ModuleType
from typing import Any, NamedTuple

import streamlit as st

from sciatica_guide.content import Content
from sciatica_guide.settings import Settings
from sciatica_guide.text import escape_markdown
from sciatica_guide.ui.downloads import lazy_download
from sciatica_guide.workshop import quiz
from sciatica_guide.workshop.open_answers import RoomWords
from sciatica_guide.workshop.open_ui import hidden_by_question, plain_answer, words_of
from sciatica_guide.workshop.room_questions import export_rows
from sciatica_guide.workshop.rooms import RoomStoreUnavailable
from sciatica_guide.workshop.streamlit_store import get_store


def chart_module() -> ModuleType:
    """quiz_chart, imported on first use: pandas and Plotly add about 0.5 s and 100 MB to a
    server process, and only a presenter's knowledge check needs them (phones never do)."""
    from sciatica_guide.workshop import quiz_chart

    return quiz_chart


class Summary(NamedTuple):
    """The summary's tables: per question asked, the open questions' words, which of the first
    table's rows are open questions, and the room's questions (those the room saw)."""

    table: Any
    words: Any
    open_rows: list[bool]
    room: Any


def _read(
    content: Content,
    settings: Settings,
    code: str,
    asked: Collection[str],
    hidden: Mapping[str, Collection[str]],
) -> tuple[dict[str, dict[str, int]], dict[str, RoomWords]]:
    """Each asked question's counts (a choice question's per option, an open question's per
    answer), and each open question's words without what is blocked or hidden."""
    store = get_store(settings)
    tallies: dict[str, dict[str, int]] = {}
    words: dict[str, RoomWords] = {}
    for question in content.workshop.questions:
        if question.id not in asked:
            continue
        raw = store.tally(code, question.id)
        if question.is_open:
            hid = frozenset(hidden.get(question.id, ()))
            words[question.id] = words_of(content, raw, hid, limit=None)
            # Only how many answered: the words themselves are in `words`.
            tallies[question.id] = {"": words[question.id].answered}
        else:
            tallies[question.id] = quiz.clean_tally(raw, [o.id for o in question.options])
    return tallies, words


#: How often the open summary's tables and files are read again while the page shows.
SUMMARY_SECONDS = 5.0

#: The summary's expander: open, it reads the store; closed, it costs nothing.
SUMMARY_KEY = "quiz-summary"


def render_summary(content: Content, settings: Settings, code: str, asked: Collection[str]) -> None:
    words = content.workshop.words
    room_words = content.workshop.room_questions
    any_open = any(q.is_open for q in content.workshop.questions if q.id in asked)
    hidden = hidden_by_question(st.session_state, code)

    def frames() -> Summary:
        tallies, room_words = _read(content, settings, code, asked, hidden)
        chart = chart_module()
        room = export_rows(get_store(settings).room_questions(code))
        return Summary(
            chart.summary_frame(content, tallies),
            chart.words_frame(content, room_words),
            [q.is_open for q in chart.asked_questions(content, tallies)],
            chart.room_questions_frame(content, room),
        )

    panel = st.expander(
        words.summary_heading, icon=":material/summarize:", key=SUMMARY_KEY, on_change="rerun"
    )
    if not panel.open:
        return

    @st.fragment(run_every=SUMMARY_SECONDS)
    def tables() -> None:
        # Its own run: answers and hidden words change while the page itself does not rerun.
        try:
            summary = frames()
        except RoomStoreUnavailable:
            return
        if not summary.table.empty:
            st.table(summary.table, hide_index=True)
        # st.table reads Markdown: the room's words and questions show as their characters.
        if not summary.words.empty:
            st.markdown(f"**{words.summary_words_heading}**")
            st.table(_plain_column(summary.words, words.cloud_word_column), hide_index=True)
        st.markdown(f"**{escape_markdown(room_words.summary_heading)}**")
        if summary.room.empty:
            st.caption(room_words.summary_none)
        else:
            st.table(_plain_column(summary.room, room_words.question_column), hide_index=True)
        _downloads(content, summary, any_open=any_open)

    with panel:
        st.caption(words.summary_intro)
        tables()


def _downloads(content: Content, summary: Summary, *, any_open: bool) -> None:
    """The files, built with the tables on screen (the same snapshot), so a tap only fetches
    them. Built on the tap instead, one run in six under load saw the browser's download
    cancelled (cause not found; tests/browser/test_workshop_open.py). About 0.13 s per PDF, each
    5 s while the summary is open. Counts only: nothing here is about a person."""
    words = content.workshop.words
    room_words = content.workshop.room_questions
    chart = chart_module()
    files = [
        (
            words.download_csv,
            chart.summary_csv(summary.table),
            f"{words.file_stem}.csv",
            "text/csv",
            ":material/table:",
            "quiz-download-csv",
        ),
        (
            words.download_pdf,
            _pdf(content, summary),
            f"{words.file_stem}.pdf",
            "application/pdf",
            ":material/picture_as_pdf:",
            "quiz-download-pdf",
        ),
    ]
    if any_open:
        files.append(
            (
                words.download_words_csv,
                chart.summary_csv(summary.words),
                f"{words.words_file_stem}.csv",
                "text/csv",
                ":material/cloud:",
                "quiz-download-words-csv",
            )
        )
    files.append(
        (
            room_words.download_csv,
            chart.summary_csv(summary.room),
            f"{room_words.file_stem}.csv",
            "text/csv",
            ":material/forum:",
            "room-questions-download-csv",
        )
    )
    for column, (label, data, file_name, mime, icon, key) in zip(
        st.columns(len(files)), files, strict=True
    ):
        lazy_download(column, label, data, file_name=file_name, mime=mime, icon=icon, key=key)


def _plain_column(frame: Any, column: str) -> Any:
    """The frame with a column of people's words made plain Markdown (exactly its characters)."""
    plain = frame.copy()
    plain[column] = plain[column].map(plain_answer)
    return plain


def _pdf(content: Content, summary: Summary) -> bytes:
    pdf: bytes = chart_module().summary_pdf(
        content, summary.table, summary.open_rows, summary.words, summary.room
    )
    return pdf
