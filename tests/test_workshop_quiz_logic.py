"""The knowledge check's pure parts: counting, the threshold, the presenter's stages, what a
room shares (read as untrusted), the explanations a phone still owes, the chart and the summary."""

from __future__ import annotations

import functools
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from sciatica_guide.content import Content, load_content
from sciatica_guide.workshop.memory_store import (
    MemoryRoomStore,
)
from sciatica_guide.workshop.quiz import (
    MIN_SHOWN,
    QuizState,
    accepting,
    ask,
    clean_tally,
    close,
    count_answers,
    first_state,
    move,
    owed_explanations,
    read_quiz,
    reveal,
    right_share,
    shown_counts,
)
from sciatica_guide.workshop.quiz_chart import (
    counts_figure,
    counts_frame,
    counts_table,
    summary_csv,
    summary_frame,
    summary_pdf,
)

OPTIONS = ["a", "b", "c", "d"]
PHONES = [f"phone-{i}" for i in range(12)]
events = st.lists(st.tuples(st.sampled_from(PHONES), st.sampled_from(OPTIONS)), max_size=60)


@given(events)
def test_counts_never_go_below_0_nor_above_the_participants(answers: list[tuple[str, str]]) -> None:
    latest: dict[str, str] = {}
    for phone, option in answers:
        latest[phone] = option
        counts = count_answers(latest, OPTIONS)
        assert all(n >= 0 for n in counts.values())
        assert sum(counts.values()) == len(latest) <= len(PHONES)
        assert all(n <= len(latest) for n in counts.values())


@given(events, st.sampled_from(PHONES), st.sampled_from(OPTIONS))
def test_a_changed_answer_moves_exactly_one_count(
    answers: list[tuple[str, str]], phone: str, option: str
) -> None:
    latest = dict(answers)
    before = count_answers(latest, OPTIONS)
    old = latest.get(phone)
    latest[phone] = option
    after = count_answers(latest, OPTIONS)
    moved = {o: after[o] - before[o] for o in OPTIONS if after[o] != before[o]}
    if old is None:
        assert moved == {option: 1}
    elif old == option:
        assert moved == {}
    else:
        assert moved == {old: -1, option: 1}


@settings(max_examples=60, deadline=None)
@given(events)
def test_the_store_counts_as_the_model_does(answers: list[tuple[str, str]]) -> None:
    store = MemoryRoomStore(60.0)
    code = store.create()
    for phone, _ in answers:
        store.join(code, phone)
    store.publish(code, {}, accepting="q1")
    latest: dict[str, str] = {}
    for phone, option in answers:
        assert store.answer(code, "q1", phone, option) == "ok"
        latest[phone] = option
        assert clean_tally(store.tally(code, "q1"), OPTIONS) == count_answers(latest, OPTIONS)


@given(st.dictionaries(st.sampled_from(OPTIONS), st.integers(0, 5)))
def test_counts_stay_hidden_below_the_threshold(counts: dict[str, int]) -> None:
    shown = shown_counts(counts)
    if sum(counts.values()) < MIN_SHOWN:
        assert shown is None
    else:
        assert shown == counts


def test_the_threshold_is_three() -> None:
    assert shown_counts({"a": 1, "b": 1}) is None
    assert shown_counts({"a": 2, "b": 1}) == {"a": 2, "b": 1}


def test_a_store_tally_is_not_trusted() -> None:
    raw = {"a": 2, "zzz": 50, "b": -4, "c": "7", "d": True}
    assert clean_tally(raw, OPTIONS) == {"a": 2, "b": 0, "c": 0, "d": 0}


def test_the_presenters_stages(content: Content) -> None:
    state = first_state(content)
    first = content.workshop.questions[0].id
    assert state == QuizState(first, "ready", ())
    assert accepting(state, "quiz", 0.0) is None
    state = ask(state)
    assert accepting(state, "quiz", 0.0) == first
    # Only on the check's page: elsewhere the phones are not shown the question.
    assert accepting(state, "present", 0.0) is None
    assert close(state).stage == "closed" and accepting(close(state), "quiz", 0.0) is None
    state = reveal(close(state))
    assert state.stage == "revealed" and state.revealed == (first,)
    following = move(state, content, 1)
    assert following.question == content.workshop.questions[1].id
    assert following.stage == "ready" and following.revealed == (first,)
    # Back to a revealed question: it is shown revealed; past either end nothing changes.
    assert move(following, content, -1).stage == "revealed"
    assert move(state, content, -1).question == first
    last = content.workshop.questions[-1].id
    assert move(QuizState(last), content, 1).question == last
    # Revealing twice keeps one entry; closing what is not open changes nothing.
    assert reveal(state).revealed == (first,)
    assert close(state) == state


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "quiz",
        [],
        {},
        {"q": "no-such-question", "stage": "open"},
        {"q": "evidence", "stage": "shouting"},
        {"q": ["evidence"], "stage": "open"},
    ],
)
def test_an_odd_stored_check_is_ignored(content: Content, raw: object) -> None:
    ids = [q.id for q in content.workshop.questions]
    assert read_quiz(raw, ids) is None


def test_a_stored_check_keeps_only_known_revealed_questions(content: Content) -> None:
    ids = [q.id for q in content.workshop.questions]
    raw = {"q": "evidence", "stage": "revealed", "revealed": ["evidence", "<b>x</b>", "evidence"]}
    assert read_quiz(raw, ids) == QuizState("evidence", "revealed", ("evidence",))
    assert read_quiz({"q": "evidence", "stage": "open", "revealed": "all"}, ids) == QuizState(
        "evidence", "open", ()
    )


def test_a_wrong_answer_to_an_urgent_help_question_is_owed_its_explanation(
    content: Content,
) -> None:
    revealed = ["emergency-sign", "same-day-sign", "blood-thinners"]
    mine = {
        "emergency-sign": "getting-worse",
        "same-day-sign": "foot-drags",
        "blood-thinners": "light-stroke",
    }
    owed = owed_explanations(content, mine, revealed, read=())
    # Wrong and urgent: owed. Right: not. Wrong but not urgent-help: shown in place, not owed.
    assert [q.id for q in owed] == ["emergency-sign"]
    assert owed_explanations(content, mine, revealed, read={"emergency-sign"}) == []
    assert owed_explanations(content, mine, ["same-day-sign"], read=()) == []
    assert owed_explanations(content, mine, revealed, read=(), showing="emergency-sign") == []
    assert owed_explanations(content, {}, revealed, read=()) == []


# No deadline: the first example loads and checks the whole content folder (country packs too),
# which takes over 200 ms on a busy machine; the rest take microseconds.
@settings(deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["emergency-sign", "same-day-sign", "evidence"]),
        st.sampled_from(["saddle-numbness", "getting-worse", "foot-drags", "cures", "zzz"]),
    ),
    st.sets(st.sampled_from(["emergency-sign", "same-day-sign", "evidence"])),
)
def test_no_wrong_revealed_urgent_answer_goes_unexplained(
    mine: dict[str, str], revealed: set[str]
) -> None:
    content = _content()
    owed = {q.id for q in owed_explanations(content, mine, revealed, read=())}
    for question in content.workshop.questions:
        wrong = question.id in mine and not question.is_right(mine[question.id])
        urgent = content.quiz_level(question) is not None
        assert (question.id in owed) == (wrong and urgent and question.id in revealed)


@functools.cache
def _content() -> Content:
    # Hypothesis runs a test many times: a function-scoped fixture would be shared silently.
    return load_content()


def test_the_chart_and_the_table_show_the_same_counts(content: Content) -> None:
    question = content.workshop.question("blood-thinners")
    assert question is not None
    counts = {"deep-tissue": 5, "gentle-stretch": 2, "light-stroke": 1}
    frame = counts_frame(content, question, counts, revealed=False)
    figure = counts_figure(content, frame)
    table = counts_table(content, frame)
    words = content.workshop.words
    (bar,) = figure.data
    assert list(bar.x) == list(table[words.count_column]) == [5, 2, 1]
    # The bars carry the letters; the table beside gives each letter's full option.
    assert list(bar.y) == ["A", "B", "C"]
    assert [label.split(".")[0] for label in table[words.option_column]] == ["A", "B", "C"]
    assert list(bar.text) == ["5", "2", "1"]
    assert not any(words.right_marker in label for label in bar.y)
    # Revealed: the right answer is named in its label and hatched, not only coloured.
    frame = counts_frame(content, question, counts, revealed=True)
    (bar,) = counts_figure(content, frame).data
    assert bar.y[0] == f"A {words.right_marker}"
    assert counts_table(content, frame)[words.option_column].iloc[0].endswith(words.right_marker)
    assert list(bar.marker.pattern.shape) == ["/", "", ""]
    assert counts_figure(content, frame).layout.font.size >= 24


def test_the_summary_holds_counts_only_and_hides_small_shares(content: Content) -> None:
    tallies = {
        "emergency-sign": {"saddle-numbness": 6, "getting-worse": 2},
        "evidence": {"cures": 1, "short-relief": 1},
    }
    frame = summary_frame(content, tallies)
    words = content.workshop.words
    assert list(frame[words.summary_answers]) == [8, 2]
    assert frame[words.summary_percent].iloc[0] == 75
    assert frame[words.summary_right].iloc[0] == 6
    # 2 answers: no share of right answers, which could tell one person's answer.
    assert frame[words.summary_percent].isna().iloc[1] and frame[words.summary_right].isna().iloc[1]
    csv = summary_csv(frame).decode()
    assert csv.splitlines()[0] == ",".join(
        [words.summary_question, words.summary_answers, words.summary_right, words.summary_percent]
    )
    assert len(csv.splitlines()) == 3
    text = " ".join(
        (page.extract_text() or "")
        for page in PdfReader(io.BytesIO(summary_pdf(content, frame, [False, False]))).pages
    )
    assert words.pdf_title in text and "75%" in text
    assert words.summary_too_few.format(threshold=MIN_SHOWN) in " ".join(text.split())
    assert right_share(content.workshop.questions[0], {"saddle-numbness": 2}) is None
