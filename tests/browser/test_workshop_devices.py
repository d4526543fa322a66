"""A workshop on the other devices a room has: a clinic's tablet (820x1180, touch) following a
presenter into the knowledge check, and a presenter who drives the knowledge check by keyboard
alone (Tab, Shift+Tab, Enter, Space; no clicks) while a phone sees each press take effect."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from guide_testing.browser import (
    expect_phone_in_room,
    new_context,
    no_dialogs,
    shown_room_code,
    tab_to,
    wait_for_app_idle,
)
from guide_testing.server import RunningApp, run_streamlit
from sciatica_guide.content import Content
from sciatica_guide.local_help import resolve_help
from sciatica_guide.workshop.codes import spoken
from sciatica_guide.workshop.quiz import option_label

#: A following device polls once a second; a loaded 2-core machine gets slack.
LIVE_MS = 8_000
SLOW = 30_000
#: The project's smallest touch target on a tablet (WCAG 2.5.5: 44 by 44 CSS pixels).
TABLET_TARGET_PX = 44


@pytest.fixture(scope="module")
def devices_server() -> Iterator[RunningApp]:
    with run_streamlit() as app:
        yield app


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app_idle(page, SLOW)


def start_room(presenter: Page, content: Content, url: str) -> str:
    """Open a presenter's page and start a room by mouse; the room's code."""
    open_page(presenter, url)
    presenter.get_by_role("button", name=content.modes.workshop.start).click()
    wait_for_app_idle(presenter, SLOW)
    code = shown_room_code(presenter)
    assert code
    return code


def test_a_tablet_follows_a_workshop_and_answers_by_touch(
    devices_server: RunningApp, browser: Browser, content: Content
) -> None:
    words = content.workshop.words
    sections = content.article.all_sections()
    presenter_context = new_context(browser, "desktop")
    tablet_context = new_context(browser, "tablet", touch=True)
    try:
        presenter, tablet = presenter_context.new_page(), tablet_context.new_page()
        dialogs = [no_dialogs(p) for p in (presenter, tablet)]
        code = start_room(presenter, content, f"{devices_server.url}/present?mode=presenter")

        # The tablet joins by the room's address and follows the article a step on.
        open_page(tablet, f"{devices_server.url}/join?room={code}")
        following = content.modes.workshop.following.format(code=spoken(code))
        expect(tablet.get_by_text(following)).to_be_visible(timeout=LIVE_MS)
        expect(tablet.get_by_role("heading", name=sections[0].heading)).to_be_visible()
        presenter.get_by_role("button", name=content.modes.presenter.next).click()
        wait_for_app_idle(presenter, SLOW)
        step = content.modes.presenter.step_label.format(number=2, total=len(sections))
        expect(tablet.get_by_text(step)).to_be_visible(timeout=LIVE_MS)
        expect(tablet.get_by_text(sections[1].heading).first).to_be_visible()

        # The body map: the region the presenter shows is the one the tablet shows.
        presenter.get_by_role("link", name=content.page("body-map").title).click()
        wait_for_app_idle(presenter, SLOW)
        presenter.locator('[data-region="calf-left"]').first.focus()
        presenter.keyboard.press("Enter")
        wait_for_app_idle(presenter, SLOW)
        calf = content.region("calf-left")
        assert calf is not None
        expect(tablet.locator(".st-key-workshop-map-panel h3")).to_have_text(
            calf.name, timeout=LIVE_MS
        )
        expect(tablet.locator('[data-region="calf-left"]')).to_have_attribute(
            "aria-pressed", "true"
        )

        # The knowledge check: the presenter asks; the tablet shows the question with answer
        # buttons a finger hits, and its tap is counted on the presenter's screen.
        presenter.get_by_role("link", name=content.page("quiz").title).click()
        wait_for_app_idle(presenter, SLOW)
        presenter.get_by_role("button", name=words.open).click()
        wait_for_app_idle(presenter, SLOW)
        question = content.workshop.questions[0]
        labels = [option_label(question, o.id, content.workshop.words) for o in question.options]
        expect(tablet.get_by_text(question.question)).to_be_visible(timeout=LIVE_MS)
        for label in labels:
            button = tablet.get_by_role("button", name=label)
            expect(button).to_be_enabled()
            box = button.bounding_box()
            assert box and box["height"] >= TABLET_TARGET_PX and box["width"] >= 300, box
        tablet.get_by_role("button", name=labels[1]).tap()
        wait_for_app_idle(tablet, SLOW)
        expect(tablet.get_by_text(words.phone_saved.format(answer=labels[1]))).to_be_visible()
        expect(presenter.get_by_text(words.answered.format(count=1, phones=1))).to_be_visible(
            timeout=LIVE_MS
        )
        assert dialogs == [[], []]
    finally:
        presenter_context.close()
        tablet_context.close()


def test_the_presenter_runs_the_knowledge_check_by_keyboard_alone(
    devices_server: RunningApp, browser: Browser, content: Content
) -> None:
    words = content.workshop.words
    questions = content.workshop.questions
    assert len(questions) >= 3  # Next and Previous both stay enabled on question 2
    presenter_context = new_context(browser, "desktop")
    phone_context = new_context(browser, "phone", touch=True)
    try:
        presenter, phone = presenter_context.new_page(), phone_context.new_page()
        dialogs = [no_dialogs(p) for p in (presenter, phone)]
        open_page(presenter, f"{devices_server.url}/knowledge-check?mode=presenter")
        start = presenter.get_by_role("button", name=content.modes.workshop.start)
        tab_to(presenter, start)
        presenter.keyboard.press("Enter")
        wait_for_app_idle(presenter, SLOW)
        code = shown_room_code(presenter)
        assert code
        open_page(phone, f"{devices_server.url}/join?room={code}")
        expect_phone_in_room(phone, words.phone_waiting, content.modes.workshop.joining, LIVE_MS)

        def named(name: str) -> re.Pattern[str]:
            # Previous and Next have arrow keys, whose hint is part of their names.
            return re.compile(rf"^{re.escape(name)}( Shortcut .)?$")

        def press(name: str, key: str, *, backwards: bool = False) -> None:
            button = presenter.get_by_role("button", name=named(name))
            tab_to(presenter, button, backwards=backwards)
            expect(button).to_be_focused()
            presenter.keyboard.press(key)
            wait_for_app_idle(presenter, SLOW)

        first = questions[0]
        answer = phone.get_by_role(
            "button", name=option_label(first, first.options[0].id, content.workshop.words)
        )

        def focused_on(name: str) -> None:
            # The pressed button is disabled now: focus has moved on to the next step's.
            expect(presenter.get_by_role("button", name=named(name))).to_be_focused()

        press(words.open, "Enter")
        focused_on(words.close)
        expect(phone.get_by_text(first.question)).to_be_visible(timeout=LIVE_MS)
        expect(answer).to_be_enabled()
        expect(presenter.get_by_text(words.stage_open)).to_be_visible()

        press(words.close, "Space")
        focused_on(words.reveal)
        expect(phone.get_by_text(words.phone_closed)).to_be_visible(timeout=LIVE_MS)
        expect(answer).to_be_disabled()
        expect(presenter.get_by_text(words.stage_closed)).to_be_visible()

        press(words.reveal, "Enter")
        focused_on(words.next)
        number = resolve_help(content, "sg").number
        explanation = content.quiz_explanation(first, number)
        expect(phone.get_by_text(explanation)).to_be_visible(timeout=LIVE_MS)
        expect(presenter.get_by_text(words.stage_revealed)).to_be_visible()

        label = words.question_label
        total = len(questions)
        press(words.next, "Space")
        expect(presenter.get_by_text(label.format(number=2, total=total))).to_be_visible()
        expect(phone.get_by_text(words.phone_waiting)).to_be_visible(timeout=LIVE_MS)

        # Back by Shift+Tab: question 1 again, still revealed on the phone.
        press(words.previous, "Enter", backwards=True)
        expect(presenter.get_by_text(label.format(number=1, total=total))).to_be_visible()
        expect(phone.get_by_text(explanation)).to_be_visible(timeout=LIVE_MS)
        assert dialogs == [[], []]
    finally:
        presenter_context.close()
        phone_context.close()
