"""AppTest runs of an open question: phones type a few words (hostile ones get a clear message),
the projector shows the room's words from 3 answers with rude words held back, a tap hides a
word from the projector and the summary, and reveal shows what the guide says."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from guide_testing.quiz_apptest import phones, presenter_on_quiz, shown
from guide_testing.workshop import control
from sciatica_guide.content import Content
from sciatica_guide.text import unescape_plain
from sciatica_guide.workshop.open_answers import MAX_ANSWER_CHARS
from sciatica_guide.workshop.quiz import QuizState
from sciatica_guide.workshop.state import PRESENTER_QUIZ_KEY
from sciatica_guide.workshop.summary_ui import SUMMARY_KEY

OPEN_ID = "ask-therapist"


def open_question(content: Content) -> Any:
    question = content.workshop.question(OPEN_ID)
    assert question is not None and question.is_open
    return question


def presenter_on_open_question() -> tuple[AppTest, str]:
    presenter, code = presenter_on_quiz()
    presenter.session_state[PRESENTER_QUIZ_KEY] = (code, QuizState(OPEN_ID))
    presenter.run()
    return presenter, code


def send(phone: AppTest, text: str) -> None:
    phone.run()
    phone.text_input(key=f"quiz-open-text-{OPEN_ID}").input(text)
    phone.button(key="FormSubmitter:quiz-open-form-ask-therapist-Send my answer").click().run()
    assert not phone.exception


def word_buttons(presenter: AppTest) -> dict[str, Any]:
    """The projector's words (each a button that hides it), as a reader sees them."""
    return {
        unescape_plain(b.label): b
        for b in presenter.button
        if b.key and b.key.startswith("quiz-word-")
    }


def raw_html(at: AppTest) -> str:
    """Everything drawn as HTML (unsafe_allow_html): no phone's words may ever be in it."""
    return "\n".join(m.value for m in at.markdown if m.allow_html)


def test_words_show_from_three_answers_rude_ones_held_back_and_a_tap_hides_one(
    content: Content,
) -> None:
    words = content.workshop.words
    presenter, code = presenter_on_open_question()
    room = phones(code, 5)
    assert words.reveal_open in shown(presenter)
    control(presenter, "quiz-open").click().run()
    for phone in room:
        phone.run()
        assert open_question(content).question in shown(phone)
        assert words.open_prompt in shown(phone)
    send(room[0], "Stretches!")
    send(room[1], "  stretch  ")
    presenter.run()
    assert words.answered.format(count=2, phones=5) in shown(presenter)
    assert words.open_hidden.format(threshold=3) in shown(presenter)
    assert not word_buttons(presenter)
    send(room[2], "<b>Blood thinners</b>")
    send(room[3], "sh1t")
    presenter.run()
    shown_words = word_buttons(presenter)
    # Plurals, case and end punctuation grouped; HTML shows as characters, never as HTML.
    assert set(shown_words) == {"stretch", "b>blood thinners</b"}
    assert words.cloud_filtered.format(count=1) in shown(presenter)
    assert "sh1t" not in shown(presenter)
    assert "<b>" not in raw_html(presenter)
    # The summary lists the words; a hidden word leaves the projector and the summary.
    presenter.session_state[SUMMARY_KEY] = True
    presenter.run()
    summary = presenter.table[-1].value
    assert words.cloud_word_column in summary.columns
    assert "sh1t" not in summary.to_csv()
    stretch = next(b for label, b in shown_words.items() if "stretch" in label)
    stretch.click().run()
    assert not any("stretch" in label for label in word_buttons(presenter))
    assert words.cloud_hidden.format(count=1) in shown(presenter)
    summary = presenter.table[-1].value
    assert not summary.to_csv().count("stretch")
    # Shown again at one tap.
    presenter.button(key="quiz-words-show-hidden").click().run()
    assert any("stretch" in label for label in word_buttons(presenter))


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", "open_empty"),
        ("     ", "open_empty"),
        ("x" * 10_000, "open_long"),
        ("x" * (MAX_ANSWER_CHARS + 1), "open_long"),
        ("😀👍🏽", "open_no_words"),
        ("!!! ???", "open_no_words"),
        ("pain\u202eniap", "open_hidden_characters"),
        ("pain\u200b", "open_hidden_characters"),
        ("pain\x07", "open_hidden_characters"),
    ],
)
def test_an_answer_that_cannot_be_shown_gets_a_clear_message(
    content: Content, typed: str, problem: str
) -> None:
    words = content.workshop.words
    presenter, code = presenter_on_open_question()
    (phone,) = phones(code, 1)
    control(presenter, "quiz-open").click().run()
    send(phone, typed)
    message = getattr(words, problem)
    if problem == "open_long":
        message = message.format(limit=MAX_ANSWER_CHARS, count=len(typed))
    assert message in [w.value for w in phone.warning]
    # Nothing was sent: the presenter sees no answer.
    presenter.run()
    assert words.answered.format(count=0, phones=1) in shown(presenter)


@pytest.mark.parametrize(
    "typed",
    [
        "[a link](https://evil.example)",
        "<img src=x onerror=alert(1)>",
        "**bold** :red[red] $x^2$",
        "www.evil.example",
        "كيف حالك",
        "שלום עולם",
    ],
)
def test_a_hostile_answer_shows_as_typed_on_the_phone(content: Content, typed: str) -> None:
    presenter, code = presenter_on_open_question()
    (phone,) = phones(code, 1)
    control(presenter, "quiz-open").click().run()
    send(phone, typed)
    saved = [s.value for s in phone.success]
    assert len(saved) == 1
    # Direction isolated and escaped: exactly the typed characters, no link, no HTML.
    assert f"\u2068{typed}\u2069" in unescape_plain(saved[0])
    assert "](" not in saved[0].replace("\\]\\(", "")
    assert "<img" not in raw_html(phone)


def test_closed_then_revealed_shows_what_the_guide_says(content: Content) -> None:
    words = content.workshop.words
    question = open_question(content)
    presenter, code = presenter_on_open_question()
    early, late = phones(code, 2)
    control(presenter, "quiz-open").click().run()
    send(early, "my pain")
    late.run()
    control(presenter, "quiz-close").click().run()
    # A late send is not counted, and the phone says so.
    late.text_input(key=f"quiz-open-text-{OPEN_ID}").input("too late")
    late.button(key="FormSubmitter:quiz-open-form-ask-therapist-Send my answer").click().run()
    assert words.phone_too_late in shown(late)
    control(presenter, "quiz-reveal").click().run()
    explanation = content.quiz_explanation(question, "995")
    for phone in (early, late):
        phone.run()
        text = shown(phone)
        assert words.guide_says in text and explanation.split(".")[0] in text
        # No right answer to an open question: nobody is told they were wrong.
        assert words.phone_wrong.split("{")[0] not in text
        assert words.phone_none not in text
    assert "my pain" in unescape_plain("\n".join(m.value for m in early.markdown))
    assert words.guide_says in shown(presenter)


def test_the_rooms_words_in_tables_show_as_typed(content: Content) -> None:
    """st.table reads Markdown: the projector's word list and the summary's words table show a
    hostile answer as its characters, never as a link or emphasis."""
    words = content.workshop.words
    presenter, code = presenter_on_open_question()
    room = phones(code, 3)
    control(presenter, "quiz-open").click().run()
    hostile = "[x](https://evil.example)"
    for phone in room:
        send(phone, hostile)
    presenter.session_state[SUMMARY_KEY] = True
    presenter.run()
    cells = [
        str(cell)
        for table in presenter.table
        if words.cloud_word_column in list(table.value.columns)
        for cell in table.value[words.cloud_word_column]
    ]
    # The list under the cloud, and the summary's words table.
    assert len(cells) == 2
    for cell in cells:
        assert cell.startswith("\u2068") and "](" not in cell.replace("\\]\\(", "")
        assert "evil.example" in unescape_plain(cell)
