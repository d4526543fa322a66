"""The room's questions in Chromium: a presenter on a 1280x720 projector (mouse and keys), the
review page on the presenter's tablet (touch) and in a window Q opens, two phones (touch).

A phone sends a question (one first sends emoji alone and is told why; one sends HTML); the
projector counts them and never shows their text; the review lets the room see one, a phone
votes, the review shows it on the projector (inside the slide, no scroll, as characters, no
dialog) and the projector's Mark answered takes it off; the asker's phone follows each step."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from guide_testing.accessibility import Violation, new_violations, serious_violations
from guide_testing.browser import (
    expect_inside_height,
    join_room,
    new_context,
    no_dialogs,
    shown_room_code,
    tab_to,
    wait_for_app_idle,
)
from guide_testing.server import RunningApp, run_streamlit
from sciatica_guide.content import Content
from sciatica_guide.workshop.room_questions import MAX_ASK_CHARS
from sciatica_guide.workshop.room_questions_ui import PHONE_SECONDS

PROJECTOR = {"width": 1280, "height": 720}
#: The projector reads the questions every 0.5 s, the review every 1 s, an open phone panel 5 s.
LIVE_MS = 8_000
#: A phone's open panel rereads every PHONE_SECONDS: three of those, for a loaded machine.
PANEL_MS = int(3_000 * PHONE_SECONDS)
SLOW = 30_000
QUESTION = "Should I use heat or ice after a massage?"
HOSTILE = "<img src=x onerror=alert(1)> is this safe?"


@pytest.fixture(scope="module")
def questions_server() -> Iterator[RunningApp]:
    with run_streamlit() as app:
        yield app


def send(phone: Page, content: Content, text: str) -> None:
    words = content.workshop.room_questions
    box = phone.get_by_label(words.ask_input.format(limit=MAX_ASK_CHARS))
    box.tap()
    box.fill(text)
    phone.get_by_role("button", name=words.ask_send).tap()
    wait_for_app_idle(phone, SLOW)


def open_panel(phone: Page, content: Content) -> None:
    phone.get_by_text(content.workshop.room_questions.ask_heading).tap()
    wait_for_app_idle(phone, SLOW)


def inside(locator: Locator, height: int = PROJECTOR["height"]) -> None:
    expect_inside_height(locator, height)


def card(review: Page, text: str) -> Locator:
    return review.locator('[class*="st-key-room-review-q"]').filter(has_text=text)


def test_a_room_question_sent_voted_shown_and_answered(
    questions_server: RunningApp,
    browser: Browser,
    content: Content,
    streamlit_baseline: set[Violation],
) -> None:
    words = content.workshop.room_questions
    room = content.modes.workshop
    presenter_context = new_context(browser, PROJECTOR)
    tablet_context = new_context(browser, "tablet", touch=True)
    phone_contexts = [new_context(browser, "phone", touch=True) for _ in range(2)]
    try:
        presenter = presenter_context.new_page()
        phones = [c.new_page() for c in phone_contexts]
        dialogs = [no_dialogs(p) for p in (presenter, *phones)]
        presenter.goto(f"{questions_server.url}/present?mode=presenter")
        wait_for_app_idle(presenter, SLOW)
        presenter.get_by_role("button", name=room.start).click()
        wait_for_app_idle(presenter, SLOW)
        code = shown_room_code(presenter)
        for phone in phones:
            join_room(
                phone,
                questions_server.url,
                code,
                content.modes.presenter.step_label.format(
                    number=1, total=len(content.article.all_sections())
                ),
                room.joining,
                LIVE_MS,
            )
        asker, voter = phones

        # Emoji alone: the phone says why; then two questions, one of them hostile.
        open_panel(asker, content)
        # No names or health details; an urgent sign goes to Get urgent help, not the talk.
        expect(asker.get_by_text(words.ask_lead)).to_be_visible()
        send(asker, content, "🙂🙂")
        expect(asker.get_by_text(words.ask_no_words)).to_be_visible()
        send(asker, content, QUESTION)
        expect(asker.get_by_text(words.ask_sent)).to_be_visible()
        expect(asker.get_by_text(words.state_new)).to_be_visible()
        open_panel(voter, content)
        send(voter, content, HOSTILE)
        expect(voter.get_by_text(words.room_empty)).to_be_visible()

        # The projector counts them and never shows a word of them.
        expect(
            presenter.get_by_role("link", name=words.strip_count.format(count=2), exact=False)
        ).to_be_visible(timeout=LIVE_MS)
        expect(presenter.get_by_text(QUESTION)).to_have_count(0)
        expect(presenter.get_by_text("is this safe?")).to_have_count(0)

        # Q opens the review in a window of its own.
        with presenter_context.expect_page() as opened:
            presenter.keyboard.press("q")
        window = opened.value
        wait_for_app_idle(window, SLOW)
        expect(card(window, QUESTION)).to_be_visible(timeout=LIVE_MS)
        # The secret is read and taken out of the address bar.
        assert "key=" not in window.url
        window.close()

        # The presenter's tablet reviews by touch, from the same link.
        link = presenter.get_by_role("link", name=words.strip_count.format(count=2), exact=False)
        href = link.get_attribute("href")
        assert href and "key=" in href
        review = tablet_context.new_page()
        review_dialogs = no_dialogs(review)
        review.goto(f"{questions_server.url}/{href.lstrip('/')}")
        wait_for_app_idle(review, SLOW)
        expect(card(review, QUESTION)).to_be_visible(timeout=LIVE_MS)
        expect(card(review, HOSTILE)).to_be_visible()
        assert review.locator("img[src=x]").count() == 0
        card(review, QUESTION).get_by_role("button", name=words.let_room_see).tap()
        wait_for_app_idle(review, SLOW)

        # The room sees it; a phone votes by touch (the panel reads every 5 s).
        voted = words.voted.format(count=1)
        vote = voter.get_by_role("button", name=words.vote.format(count=0))
        expect(vote).to_be_visible(timeout=LIVE_MS)
        expect(voter.get_by_text(QUESTION)).to_be_visible()
        # A question still new is seen by its own phone only.
        expect(asker.get_by_text(QUESTION)).to_have_count(2, timeout=PANEL_MS)
        expect(asker.get_by_text("is this safe?")).to_have_count(0)
        vote.tap()
        wait_for_app_idle(voter, SLOW)
        expect(voter.get_by_role("button", name=voted)).to_be_visible()

        # Shown on the projector from the review's Room tab, with its vote.
        review.get_by_role("radio", name=words.tab_room.format(count=1)).tap()
        wait_for_app_idle(review, SLOW)
        card(review, QUESTION).get_by_role("button", name=words.show).tap()
        wait_for_app_idle(review, SLOW)
        shown = presenter.locator(".st-key-room-question-shown")
        expect(shown.get_by_text(QUESTION)).to_be_visible(timeout=LIVE_MS)
        expect(shown.get_by_text(words.votes.format(count=1))).to_be_visible(timeout=LIVE_MS)
        expect(asker.get_by_text(words.state_shown).first).to_be_visible(timeout=PANEL_MS)
        # One slide at 1280x720: the strip, the question and its buttons, the article's
        # controls, all on screen without a scroll.
        assert presenter.evaluate("window.scrollY") == 0
        inside(presenter.locator(".workshop-code-small"))
        inside(shown)
        inside(presenter.get_by_role("button", name=content.modes.presenter.next, exact=False))
        assert new_violations(serious_violations(presenter), streamlit_baseline) == []
        assert new_violations(serious_violations(review), streamlit_baseline) == []
        assert new_violations(serious_violations(voter), streamlit_baseline) == []

        # The hostile one, shown from the New tab: its characters, never HTML, no dialog.
        review.get_by_role("radio", name=words.tab_new.format(count=1)).tap()
        wait_for_app_idle(review, SLOW)
        card(review, HOSTILE).get_by_role("button", name=words.show).tap()
        wait_for_app_idle(review, SLOW)
        expect(shown.get_by_text(HOSTILE)).to_be_visible(timeout=LIVE_MS)
        assert presenter.locator("img[src=x]").count() == 0
        # The first again; the projector marks it answered by keyboard.
        review.get_by_role("radio", name=words.tab_room.format(count=2)).tap()
        wait_for_app_idle(review, SLOW)
        card(review, QUESTION).get_by_role("button", name=words.show).tap()
        wait_for_app_idle(review, SLOW)
        expect(shown.get_by_text(QUESTION)).to_be_visible(timeout=LIVE_MS)
        answered = shown.get_by_role("button", name=words.mark_answered)
        tab_to(presenter, answered)
        presenter.keyboard.press("Enter")
        expect(shown).to_have_count(0, timeout=LIVE_MS)
        expect(asker.get_by_text(words.state_answered).first).to_be_visible(timeout=PANEL_MS)
        assert review_dialogs == [] and all(d == [] for d in dialogs)
    finally:
        for context in (presenter_context, tablet_context, *phone_contexts):
            context.close()
