"""An open question's answers, pure: what a phone may send, the room's words (grouping, the
threshold, blocked and hidden words), and hostile text of every kind."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciatica_guide.content import Content
from sciatica_guide.workshop.open_answers import (
    CLOUD_FROM_WORDS,
    MAX_ANSWER_CHARS,
    SIZES,
    check_answer,
    is_blocked,
    room_words,
    word_key,
)
from sciatica_guide.workshop.quiz import MIN_SHOWN


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("  Stretches!  ", "Stretches!"),
        ("warm\tbath\nnow", "warm bath now"),
        (
            "\uff57\uff41\uff52\uff4d",
            "warm",
        ),  # full-width letters, as some phone keyboards type them
        ("x" * MAX_ANSWER_CHARS, "x" * MAX_ANSWER_CHARS),
        ("sleep 😴", "sleep 😴"),
        ("كيف حالك", "كيف حالك"),
        ("热敷", "热敷"),
        ("வலி", "வலி"),
    ],
)
def test_answers_that_may_be_sent(typed: str, text: str) -> None:
    assert check_answer(typed) == check_answer(typed).__class__(text=text, length=len(text))


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        (None, "empty"),
        ("", "empty"),
        (" \t ", "empty"),
        ("x" * (MAX_ANSWER_CHARS + 1), "long"),
        ("x" * 10_000, "long"),
        ("😀", "no_words"),
        ("👨‍👩‍👧 👍🏽", "no_words"),
        ("?!... ---", "no_words"),
        ("pain\u202e", "hidden_characters"),  # right-to-left override
        ("pa\u200bin", "hidden_characters"),  # zero-width space
        ("pain\x00", "hidden_characters"),
        ("pain\x1b[31m", "hidden_characters"),
        ("pain\u2028", "hidden_characters"),  # line separator
        ("\ue000pain", "hidden_characters"),  # private use
    ],
)
def test_answers_that_get_a_message(typed: object, problem: str) -> None:
    assert check_answer(typed).problem == problem


@given(st.text(max_size=200))
def test_whatever_is_typed_a_sent_answer_is_short_plain_and_visible(typed: str) -> None:
    checked = check_answer(typed)
    if checked.problem is None:
        assert 0 < len(checked.text) <= MAX_ANSWER_CHARS
        assert checked.text == checked.text.strip()
        for ch in checked.text:
            assert unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn", "Zl", "Zp")
        assert any(unicodedata.category(ch)[0] in "LN" for ch in checked.text)
    else:
        assert checked.text == ""


def test_plurals_case_and_end_punctuation_are_one_word() -> None:
    assert word_key("Stretches!") == word_key("stretch") == "stretch"
    assert word_key("Blood thinners.") == word_key("blood thinner")
    assert word_key("Calves") == "calf"
    # Words inflect would cut are left alone.
    for word in ("less", "this", "bus", "news", "physio", "us"):
        assert word_key(word) == word


@pytest.mark.parametrize(
    "typed", ["shit", "SHIT", "sh1t", "shiiiit", "s h i t", "$hit!", "shits", "what the fuck"]
)
def test_blocked_words_are_found_however_they_are_spelt(typed: str) -> None:
    assert is_blocked(typed, {"shit", "fuck"})


@pytest.mark.parametrize("typed", ["class", "assessment", "bass", "scunthorpe", "shin", "pass it"])
def test_ordinary_words_are_not_blocked(typed: str) -> None:
    assert not is_blocked(typed, {"ass", "cunt", "shit"})


def test_the_shipped_list_blocks_rude_words_and_keeps_body_words(content: Content) -> None:
    blocked = content.blocked_words.words
    assert is_blocked("f u c k", blocked) and is_blocked("knn", blocked)
    for typed in ("numb bottom", "genitals", "bladder", "pee", "buttock", "leg pain"):
        assert not is_blocked(typed, blocked), typed


def test_words_show_only_from_three_answers() -> None:
    below = room_words({"pain": MIN_SHOWN - 1}, ())
    assert not below.shown and below.words == ()
    at = room_words({"pain": MIN_SHOWN - 1, "heat": 1}, ())
    assert at.shown and [w.key for w in at.words] == ["pain", "heat"]


def test_blocked_and_hidden_words_never_show_but_are_counted() -> None:
    room = room_words({"Pain": 2, "pains": 1, "shit": 2, "heat": 1}, {"shit"}, {"heat"})
    assert room.answered == 6
    assert [(w.key, w.text, w.count) for w in room.words] == [("pain", "pain", 3)]
    assert room.blocked == 2 and room.hidden == 1


def test_a_store_is_not_trusted_what_no_phone_could_send_never_shows() -> None:
    room = room_words({"pain": 3, "a\u202eb": 5, "": 2, "x" * 500: 1}, ())
    assert [w.key for w in room.words] == ["pain"]


def test_many_words_make_a_cloud_and_sizes_follow_the_counts() -> None:
    few = room_words({f"word{i}": 1 for i in range(CLOUD_FROM_WORDS - 2)} | {"pain": 3}, ())
    assert not few.as_cloud
    many = room_words({f"word{i}": 1 for i in range(CLOUD_FROM_WORDS)} | {"pain": 5}, ())
    assert many.as_cloud
    sizes = {w.key: w.size for w in many.words}
    assert sizes["pain"] == SIZES and sizes["word0"] == 1
    # Most phones first, then in the words' order: the screen does not jump about.
    assert [w.key for w in many.words][:3] == ["pain", "word0", "word1"]


def test_the_projector_shows_at_most_the_limit() -> None:
    tally = {f"word{i:03}": 1 for i in range(100)}
    assert len(room_words(tally, (), limit=30).words) == 30
    assert len(room_words(tally, (), limit=None).words) == 100
