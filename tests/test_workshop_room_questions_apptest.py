"""AppTest runs of the room's questions: a phone asks (hostile text gets a clear message or shows
as typed), the presenter's review page (opened with the room's secret only) lets the room see
one and shows one on the projector, phones vote once, and the projector never lists questions."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from guide_testing.quiz_apptest import phones, presenter_on_quiz, shown, start
from guide_testing.workshop import control
from sciatica_guide.content import Content
from sciatica_guide.settings import load_settings
from sciatica_guide.text import unescape_plain
from sciatica_guide.workshop.room_questions import MAX_ASK_CHARS
from sciatica_guide.workshop.room_questions_ui import ASK_INPUT_KEY
from sciatica_guide.workshop.state import REVIEW_ROOM_KEY
from sciatica_guide.workshop.streamlit_store import get_store
from sciatica_guide.workshop.summary_ui import SUMMARY_KEY

PANEL_KEY = "room-questions-phone"
REVIEW_TAB = "room-review-tab"


def open_panel(phone: AppTest) -> None:
    """Open the phone's questions panel (AppTest cannot tap an expander: its state is set)."""
    phone.session_state[PANEL_KEY] = True
    phone.run()
    assert not phone.exception


def ask(phone: AppTest, text: str) -> None:
    phone.text_area(key=ASK_INPUT_KEY).input(text)
    [submit] = [b for b in phone.button if (b.key or "").startswith("FormSubmitter:room-ask-form")]
    submit.click().run()
    assert not phone.exception


def review_page(code: str, key: str | None) -> AppTest:
    query = {"mode": "standard", "room": code}
    if key is not None:
        query["key"] = key
    return start(query, "room_questions.py")


def review_key(code: str) -> str:
    key = get_store(load_settings()).review_key(code)
    assert key
    return key


def seen(at: AppTest) -> str:
    """What a reader sees (link buttons too): escapes and word joiners gone."""
    links = [e.proto.label for e in at.get("link_button")]
    return unescape_plain("\n".join([shown(at), *links]))


def raw_html(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown if m.allow_html)


def button(at: AppTest, prefix: str) -> Any:
    found = [b for b in at.button if (b.key or "").startswith(prefix)]
    assert len(found) == 1, f"{len(found)} buttons start {prefix}"
    return found[0]


def shown_panel(presenter: AppTest) -> bool:
    return any((b.key or "").startswith("room-shown-") for b in presenter.button)


def summary_rows(presenter: AppTest) -> list[list[Any]]:
    """The summary's table of the room's questions, as a reader sees it."""
    [table] = [t.value for t in presenter.table if "Votes" in list(t.value.columns)]
    rows = table.values.tolist()
    return [[unescape_plain(str(r[0])).strip("\u2068\u2069"), *r[1:]] for r in rows]


QUESTION = "Is heat better than ice for my sciatica?"


def test_a_question_goes_from_a_phone_to_the_review_to_the_projector(content: Content) -> None:
    words = content.workshop.room_questions
    presenter, code = presenter_on_quiz()
    asker, voter = phones(code, 2)
    open_panel(asker)
    ask(asker, QUESTION)
    assert words.ask_sent in [m.value for m in asker.success]
    assert asker.text_area(key=ASK_INPUT_KEY).value == ""
    assert words.state_new in seen(asker)
    # New: the projector counts it and never shows it; the other phones do not see it.
    presenter.run()
    assert words.strip_count.format(count=1) in seen(presenter)
    assert QUESTION not in seen(presenter)
    open_panel(voter)
    assert QUESTION not in seen(voter)
    assert words.room_empty in seen(voter)

    review = review_page(code, review_key(code))
    assert review.session_state[REVIEW_ROOM_KEY] == code
    # The secret leaves the address bar once read.
    assert "key" not in review.query_params
    assert QUESTION in seen(review)
    assert words.tab_new.format(count=1) in str(review.button_group(key=REVIEW_TAB).proto.options)
    button(review, "room-review-room-q1--").click().run()

    # The room sees it: a phone votes, once however often it taps.
    voter.run()
    assert QUESTION in seen(voter)
    button(voter, "room-vote-q1--").click().run()
    assert words.voted.format(count=1) in seen(voter)
    presenter.session_state[SUMMARY_KEY] = True
    presenter.run()
    # Not on the projector: only in its summary, with what the phones see.
    assert not shown_panel(presenter)
    assert summary_rows(presenter) == [[QUESTION, 1, words.no]]

    # Shown on the projector, with its votes; the asker's phone says so.
    review.button_group(key=REVIEW_TAB).set_value("room").run()
    button(review, "room-review-shown-q1--").click().run()
    presenter.run()
    assert QUESTION in seen(presenter)
    assert words.votes.format(count=1) in seen(presenter)
    assert QUESTION not in raw_html(presenter)
    asker.run()
    assert words.state_shown in seen(asker)

    # Answered from the projector: off the slide, in the review's Answered tab.
    button(presenter, "room-shown-answered--").click().run()
    assert not shown_panel(presenter)
    assert summary_rows(presenter) == [[QUESTION, 1, words.yes]]
    review.run()
    review.button_group(key=REVIEW_TAB).set_value("answered").run()
    assert QUESTION in seen(review)
    asker.run()
    assert words.state_answered in seen(asker)


@pytest.mark.parametrize(
    "key",
    [None, "", "wrong", "x" * 500, "<script>alert(1)</script>", "[a](javascript:x)"],
)
def test_the_review_page_needs_the_rooms_secret(content: Content, key: str | None) -> None:
    words = content.workshop.room_questions
    _, code = presenter_on_quiz()
    [asker] = phones(code, 1)
    open_panel(asker)
    ask(asker, QUESTION)
    review = review_page(code, key)
    assert words.review_no_room in seen(review)
    assert QUESTION not in seen(review)
    assert "script" not in raw_html(review)


def test_another_rooms_secret_opens_nothing(content: Content) -> None:
    _, code = presenter_on_quiz()
    _, other = presenter_on_quiz()
    review = review_page(code, review_key(other))
    assert content.workshop.room_questions.review_no_room in seen(review)


def test_an_ended_room_says_so_on_its_review_page(content: Content) -> None:
    presenter, code = presenter_on_quiz()
    review = review_page(code, review_key(code))
    assert REVIEW_ROOM_KEY in review.session_state
    control(presenter, "workshop-end").click().run()
    review.run()
    assert content.workshop.room_questions.review_ended in seen(review)


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", "ask_empty"),
        ("   \n  ", "ask_empty"),
        ("x" * 10_000, "ask_long"),
        ("x" * (MAX_ASK_CHARS + 1), "ask_long"),
        ("😀👍🏽", "ask_no_words"),
        ("pain\u202eniap", "ask_hidden_characters"),
        ("pain\x00", "ask_hidden_characters"),
    ],
)
def test_a_question_that_cannot_be_sent_gets_a_clear_message(
    content: Content, typed: str, problem: str
) -> None:
    words = content.workshop.room_questions
    _, code = presenter_on_quiz()
    [phone] = phones(code, 1)
    open_panel(phone)
    ask(phone, typed)
    message = getattr(words, problem)
    if problem == "ask_long":
        message = message.format(limit=MAX_ASK_CHARS, count=len(typed))
    assert message in [w.value for w in phone.warning]
    # Nothing sent, and what was typed is still in the box to fix.
    assert get_store(load_settings()).room_questions(code) == []
    assert phone.text_area(key=ASK_INPUT_KEY).value == typed


@pytest.mark.parametrize(
    "typed",
    [
        "[a link](https://evil.example) **bold**",
        "<img src=x onerror=alert(1)>",
        "# heading :red[red] $x^2$",
        "www.evil.example",
        "שלום עולם, is massage safe?",
    ],
)
def test_a_hostile_question_shows_as_typed_everywhere(content: Content, typed: str) -> None:
    presenter, code = presenter_on_quiz()
    asker, voter = phones(code, 2)
    open_panel(asker)
    ask(asker, typed)
    review = review_page(code, review_key(code))
    # In the review's New tab; then (shown) in its Room tab, below.
    assert f"\u2068{typed}\u2069" in seen(review)
    button(review, "room-review-shown-q1--").click().run()
    review.button_group(key=REVIEW_TAB).set_value("room").run()
    presenter.run()
    open_panel(voter)
    for at in (asker, voter, review, presenter):
        # Direction isolated and escaped: exactly the typed characters, no link, no HTML.
        assert f"\u2068{typed}\u2069" in seen(at)
        assert "<img" not in raw_html(at)
        assert "](" not in shown(at).replace("\\]\\(", "")
