"""The knowledge check's counts as a pandas DataFrame, a Plotly chart and a summary (CSV, PDF).

Counts only: nothing here ever sees which phone gave which answer.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from sciatica_guide.content import Content
from sciatica_guide.content.models import QuizQuestion
from sciatica_guide.pdf import GuidePdf
from sciatica_guide.workshop.open_answers import RoomWords
from sciatica_guide.workshop.quiz import MIN_SHOWN, answered, option_label, right_share
from sciatica_guide.workshop.quiz import option_letter as quiz_letter
from sciatica_guide.workshop.room_questions import ExportRow

#: Readable from the back of a room on a 1920x1080 projector.
CHART_FONT_PX = 26
BAR_COLOUR = "#4a6b8a"
RIGHT_COLOUR = "#1b6e3a"


def counts_frame(
    content: Content, question: QuizQuestion, counts: Mapping[str, int], *, revealed: bool
) -> pd.DataFrame:
    """One row per option, in the question's order: its label ("A. ..."), the count, and
    (once revealed) whether it is right, also written into the label: colour is not the cue."""
    words = content.workshop.words
    rows = []
    for option in question.options:
        label = option_label(question, option.id, words)
        right = revealed and question.is_right(option.id)
        if right:
            label = f"{label} {words.right_marker}"
        short = quiz_letter(question, option.id, words) + (
            f" {words.right_marker}" if right else ""
        )
        rows.append(
            {
                "bar": short,
                words.option_column: label,
                words.count_column: int(counts.get(option.id, 0)),
                "right": right,
            }
        )
    return pd.DataFrame(rows)


def counts_table(content: Content, frame: pd.DataFrame) -> pd.DataFrame:
    """The same counts as a plain table (for screen readers and anyone who cannot read a chart)."""
    words = content.workshop.words
    return frame[[words.option_column, words.count_column]].reset_index(drop=True)


def counts_figure(content: Content, frame: pd.DataFrame) -> go.Figure:
    """A horizontal bar per option, the first option at the top, its count written beside it;
    the right answer (once revealed) is hatched as well as green and named in its label."""
    words = content.workshop.words
    # The bars carry the letters (the options are listed above and in the table beside), so
    # long option texts do not squeeze the bars on a projector.
    labels = frame["bar"].tolist()
    counts = frame[words.count_column].tolist()
    right = frame["right"].tolist()
    figure = go.Figure(
        go.Bar(
            x=counts,
            y=labels,
            orientation="h",
            text=[str(n) for n in counts],
            textposition="outside",
            cliponaxis=False,
            marker={
                "color": [RIGHT_COLOUR if r else BAR_COLOUR for r in right],
                "pattern": {"shape": ["/" if r else "" for r in right], "fgcolor": "#ffffff"},
                "line": {"color": "#1f2a36", "width": 2},
            },
            hoverinfo="skip",
        )
    )
    top = max(counts, default=0)
    figure.update_layout(
        # No title or count axis: the answered line says what it is, and each bar carries its
        # count. The room reads the bars; the table beside gives the same as text.
        font={"size": CHART_FONT_PX, "color": "#1f2a36"},
        xaxis={"visible": False, "range": [0, max(1, top) * 1.25]},
        yaxis={"autorange": "reversed", "automargin": True},
        margin={"l": 20, "r": 20, "t": 10, "b": 10},
        # Bars of 64 px keep a chart of 3 options beside the question on a 720-line projector.
        height=20 + 64 * len(labels),
        showlegend=False,
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
    )
    return figure


# --- the summary after the check -----------------------------------------------------------------
def asked_questions(content: Content, tallies: Mapping[str, object]) -> list[QuizQuestion]:
    """The questions with a tally, in the check's order (the summary's rows)."""
    return [q for q in content.workshop.questions if q.id in tallies]


def _label(content: Content, question: QuizQuestion) -> str:
    number = content.workshop.questions.index(question) + 1
    return f"{number}. {question.question}"


def summary_frame(content: Content, tallies: Mapping[str, Mapping[str, int]]) -> pd.DataFrame:
    """Per question asked: how many answered, how many were right and the share right. Below
    MIN_SHOWN answers the right count and share stay empty: they could name someone's answer.
    An open question has no right answer: its words are in words_frame."""
    words = content.workshop.words
    rows = []
    for question in asked_questions(content, tallies):
        counts = tallies[question.id]
        share = None if question.is_open else right_share(question, counts)
        right = sum(n for option, n in counts.items() if question.is_right(option))
        rows.append(
            {
                words.summary_question: _label(content, question),
                words.summary_answers: answered(counts),
                words.summary_right: right if share is not None else None,
                words.summary_percent: round(share * 100) if share is not None else None,
            }
        )
    columns = [
        words.summary_question,
        words.summary_answers,
        words.summary_right,
        words.summary_percent,
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({words.summary_right: "Int64", words.summary_percent: "Int64"})


def words_frame(content: Content, room_words: Mapping[str, RoomWords]) -> pd.DataFrame:
    """The open questions' words as the projector may show them (from MIN_SHOWN answers; no
    blocked word, none the presenter hid), with how many phones gave each."""
    words = content.workshop.words
    rows = [
        {
            words.summary_question: _label(content, question),
            words.cloud_word_column: word.text,
            words.count_column: word.count,
        }
        for question in asked_questions(content, room_words)
        for word in room_words[question.id].words
    ]
    columns = [words.summary_question, words.cloud_word_column, words.count_column]
    return pd.DataFrame(rows, columns=columns)


#: What makes a spreadsheet read a cell as a formula (OWASP "CSV injection"): a phone's words or
#: question starting with one of these gets a leading apostrophe, so it stays text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return f"'{value}"
    return value


def summary_csv(frame: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV; no text cell can run as a formula in a spreadsheet."""
    return frame.map(csv_cell).to_csv(index=False).encode("utf-8")


def room_questions_frame(content: Content, rows: Sequence[ExportRow]) -> pd.DataFrame:
    """The questions the room saw, by votes: their words, votes and whether answered."""
    words = content.workshop.room_questions
    columns = [words.question_column, words.votes_column, words.answered_column]
    return pd.DataFrame(
        [(row.text, row.votes, words.yes if row.answered else words.no) for row in rows],
        columns=columns,
    )


def summary_pdf(
    content: Content,
    frame: pd.DataFrame,
    open_rows: Sequence[bool],
    words_table: pd.DataFrame | None = None,
    room_table: pd.DataFrame | None = None,
) -> bytes:
    """A one-page A4 table of the summary, made in memory; `open_rows` says which of the
    frame's rows are open questions; then the open questions' words."""
    words = content.workshop.words
    too_few = words.summary_too_few.format(threshold=MIN_SHOWN)
    pdf = GuidePdf(language=content.language)
    pdf.align = "L"
    pdf.set_title(words.pdf_title)
    pdf.add_page()
    pdf.write_lines(words.pdf_title, 18, "B")
    pdf.ln(2)
    pdf.write_lines(words.summary_intro, 10)
    pdf.ln(4)
    pdf.set_font(pdf.family, "", 10)
    with pdf.table(
        col_widths=(110, 22, 18, 30), text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT")
    ) as table:
        table.row([pdf.clean(str(c)) for c in frame.columns])
        for record, is_open in zip(frame.itertuples(index=False), open_rows, strict=True):
            question, answers, right, percent = record
            share = (
                words.summary_open if is_open else too_few if pd.isna(percent) else f"{percent}%"
            )
            table.row(
                [
                    pdf.clean(str(question)),
                    str(answers),
                    "" if pd.isna(right) else str(right),
                    pdf.clean(share),
                ]
            )
    if room_table is not None and not room_table.empty:
        pdf.ln(4)
        pdf.write_lines(content.workshop.room_questions.summary_heading, 12, "B")
        pdf.ln(2)
        pdf.set_font(pdf.family, "", 10)
        with pdf.table(col_widths=(140, 20, 20), text_align=("LEFT", "RIGHT", "LEFT")) as table:
            table.row([pdf.clean(str(c)) for c in room_table.columns])
            for text, votes, answered in room_table.itertuples(index=False):
                table.row([pdf.clean(str(text)), str(votes), pdf.clean(str(answered))])
    if words_table is not None and not words_table.empty:
        pdf.ln(4)
        pdf.write_lines(words.summary_words_heading, 12, "B")
        pdf.ln(2)
        pdf.set_font(pdf.family, "", 10)
        with pdf.table(col_widths=(110, 50, 20), text_align=("LEFT", "LEFT", "RIGHT")) as table:
            table.row([pdf.clean(str(c)) for c in words_table.columns])
            for question, word, count in words_table.itertuples(index=False):
                table.row([pdf.clean(str(question)), pdf.clean(str(word)), str(count)])
    pdf.ln(4)
    pdf.write_lines(words.pdf_footer.format(date=content.site.review.last_reviewed.isoformat()), 9)
    out = io.BytesIO()
    pdf.output(out)
    return out.getvalue()
