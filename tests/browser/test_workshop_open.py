"""An open question in Chromium: a presenter on a 1280x720 projector asks the room for a few
words; three phones (phone size, touch) type them, one first tries emoji alone and is told why.
The projector shows the words only from the third answer, beside the question and under the
controls and the join strip (no scroll); a hostile answer shows as its characters (no HTML, no
dialog); a word hidden by mouse leaves the projector and the words' CSV export; Enter on the
keyboard hides another."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, Route, expect

from guide_testing.accessibility import Violation, new_violations, serious_violations
from guide_testing.browser import (
    expect_inside_height,
    join_room,
    new_context,
    no_dialogs,
    shown_room_code,
    wait_for_app_idle,
    wait_until_shown,
)
from guide_testing.server import RunningApp, run_streamlit
from sciatica_guide.content import Content
from sciatica_guide.workshop.open_answers import MAX_ANSWER_CHARS

PROJECTOR = {"width": 1280, "height": 720}
LIVE_MS = 8_000
SLOW = 30_000
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def open_server() -> Iterator[RunningApp]:
    with run_streamlit() as app:
        yield app


def send(phone: Page, content: Content, text: str) -> None:
    words = content.workshop.words
    box = phone.get_by_label(words.open_input.format(limit=MAX_ANSWER_CHARS))
    box.tap()
    box.fill(text)
    phone.get_by_role("button", name=words.open_send).tap()
    wait_for_app_idle(phone, SLOW)


def saved_answer(phone: Page, content: Content, text: str) -> Locator:
    """The phone's line with its answer (direction isolates around it: open_ui.plain_answer)."""
    line = content.workshop.words.open_saved.format(answer=f"\u2068{text}\u2069")
    return phone.locator('[data-testid="stAlert"]').filter(has_text=line)


def inside(locator: Locator, height: int = PROJECTOR["height"]) -> None:
    expect_inside_height(locator, height)


def late(route: Route) -> None:
    """A slow link: the request leaves 1.5 s late."""
    time.sleep(1.5)
    route.continue_()


def word(presenter: Page, text: str) -> Locator:
    return presenter.locator('[class*="st-key-quiz-word-"]').get_by_role(
        "button", name=text, exact=True
    )


def test_the_rooms_words_from_three_answers_hidden_by_mouse_and_keyboard(
    open_server: RunningApp,
    browser: Browser,
    content: Content,
    streamlit_baseline: set[Violation],
) -> None:
    words = content.workshop.words
    questions = content.workshop.questions
    question = next(q for q in questions if q.is_open)
    presenter_context = new_context(browser, PROJECTOR)
    phone_contexts = [new_context(browser, "phone", touch=True) for _ in range(3)]
    try:
        presenter = presenter_context.new_page()
        phones = [c.new_page() for c in phone_contexts]
        dialogs = [no_dialogs(p) for p in (presenter, *phones)]
        presenter.goto(f"{open_server.url}/knowledge-check?mode=presenter")
        wait_for_app_idle(presenter, SLOW)
        presenter.get_by_role("button", name=content.modes.workshop.start).click()
        wait_for_app_idle(presenter, SLOW)
        code = shown_room_code(presenter)
        for number in range(2, questions.index(question) + 2):
            presenter.keyboard.press("ArrowRight")
            label = content.workshop.words.question_label.format(
                number=number, total=len(questions)
            )
            wait_until_shown(presenter, label, SLOW, exact=False)
        expect(presenter.get_by_text(question.question)).to_be_visible()
        for phone in phones:
            join_room(
                phone,
                open_server.url,
                code,
                words.phone_waiting,
                content.modes.workshop.joining,
                LIVE_MS,
            )
        presenter.get_by_role("button", name=words.open, exact=True).click()
        wait_for_app_idle(presenter, SLOW)

        # Emoji alone: the phone says why, and nothing reaches the room.
        expect(phones[0].get_by_text(words.open_prompt)).to_be_visible(timeout=LIVE_MS)
        send(phones[0], content, "😀👍")
        expect(phones[0].get_by_text(words.open_no_words)).to_be_visible()
        send(phones[0], content, "Stretches")
        expect(saved_answer(phones[0], content, "Stretches")).to_be_visible()
        send(phones[1], content, "stretch!")
        expect(presenter.get_by_text(words.answered.format(count=2, phones=3))).to_be_visible(
            timeout=LIVE_MS
        )
        expect(presenter.get_by_text(words.open_hidden.format(threshold=3))).to_be_visible()
        expect(presenter.locator('[class*="st-key-quiz-word-"]')).to_have_count(0)

        # The third answer: the words show, the hostile one as its characters.
        send(phones[2], content, HOSTILE)
        expect(saved_answer(phones[2], content, HOSTILE)).to_be_visible()
        stretch = word(presenter, "stretch")
        expect(stretch).to_be_visible(timeout=LIVE_MS)
        shown_hostile = word(presenter, "img src=x onerror=alert(1")
        expect(shown_hostile).to_be_visible()
        assert presenter.locator("img[src=x]").count() == 0
        assert phones[2].locator("img[src=x]").count() == 0

        # One slide at 1280x720: the strip, the controls and the words on screen, no scroll.
        assert presenter.evaluate("window.scrollY") == 0
        inside(presenter.locator(".workshop-code-small"))
        inside(presenter.get_by_role("button", name=words.close, exact=True))
        inside(presenter.locator(".st-key-quiz-word-bars"))
        inside(presenter.get_by_text(words.answered.format(count=3, phones=3)))
        # No accessibility fault beyond a bare Streamlit page's, on the projector or a phone.
        assert new_violations(serious_violations(presenter), streamlit_baseline) == []
        assert new_violations(serious_violations(phones[2]), streamlit_baseline) == []

        # A click hides "stretch" from the projector (the count says one word is hidden).
        stretch.click()
        wait_for_app_idle(presenter, SLOW)
        expect(word(presenter, "stretch")).to_have_count(0)
        expect(presenter.get_by_text(words.cloud_hidden.format(count=1))).to_be_visible()
        # ...and from the export.
        presenter.get_by_text(words.summary_heading).click()
        wait_for_app_idle(presenter, SLOW)
        # Over a slow link (each file fetched 1.5 s late), twice, while three phones and the
        # page's live parts rerun: each file is still there when the browser fetches it.
        presenter.route("**/media/**", late)
        for _ in range(2):
            with presenter.expect_download(timeout=SLOW) as info:
                presenter.get_by_role("button", name=words.download_words_csv).click()
            text = info.value.path().read_text(encoding="utf-8")
            rows = list(csv.reader(io.StringIO(text)))
            assert rows[0] == [words.summary_question, words.cloud_word_column, words.count_column]
            assert [row[1] for row in rows[1:]] == ["img src=x onerror=alert(1"]
        presenter.get_by_text(words.summary_heading).click()

        # The keyboard: Tab to a word, Enter hides it too.
        shown_hostile.focus()
        presenter.keyboard.press("Enter")
        wait_for_app_idle(presenter, SLOW)
        expect(word(presenter, "img src=x onerror=alert(1")).to_have_count(0)
        expect(presenter.get_by_text(words.cloud_hidden.format(count=2))).to_be_visible()
        # Both back at one tap.
        presenter.get_by_role("button", name=words.cloud_show_hidden).click()
        wait_for_app_idle(presenter, SLOW)
        expect(word(presenter, "stretch")).to_be_visible()

        # Revealed: each phone reads what the guide says.
        presenter.get_by_role("button", name=words.reveal_open).click()
        wait_for_app_idle(presenter, SLOW)
        for phone in phones:
            expect(phone.get_by_text(words.guide_says)).to_be_visible(timeout=LIVE_MS)
        assert all(d == [] for d in dialogs)
    finally:
        presenter_context.close()
        for context in phone_contexts:
            context.close()
