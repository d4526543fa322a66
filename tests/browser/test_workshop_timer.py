"""The knowledge check's timer in Chromium: a presenter on a 1280x720 projector gives a question
20 seconds (by mouse, then T on the keyboard); three phones (phone size, touch) count down the
same seconds, and when the time is up every phone says answers are closed and takes no more,
within a couple of seconds of the end, with no tap from the presenter."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from guide_testing.browser import (
    join_room,
    new_context,
    no_dialogs,
    shown_room_code,
    wait_for_app_idle,
)
from guide_testing.server import RunningApp, run_streamlit
from sciatica_guide.content import Content
from sciatica_guide.workshop.quiz import option_label

PROJECTOR = {"width": 1280, "height": 720}
LIVE_MS = 8_000
SLOW = 30_000
TIMER_SECONDS = 20
#: How late after the end a phone may say so: its countdown's own run, on a busy 2-core machine.
LATE_SECONDS = 3.0
#: Notes (window.__closedAt, ms since the epoch) when the answer button named by the argument is
#: first disabled; polled every 50 ms.
CLOSED_AT_JS = """(label) => {
  const timer = setInterval(() => {
    const button = [...document.querySelectorAll("button")].find(
      (b) => b.innerText.trim() === label);
    if (button && button.disabled) {
      window.__closedAt = Date.now();
      clearInterval(timer);
    }
  }, 50);
}"""


@pytest.fixture(scope="module")
def timer_server() -> Iterator[RunningApp]:
    with run_streamlit() as app:
        yield app


def test_a_timed_question_closes_on_time_on_every_phone(
    timer_server: RunningApp, browser: Browser, content: Content
) -> None:
    words = content.workshop.words
    question = content.workshop.questions[0]
    labels = [option_label(question, o.id, content.workshop.words) for o in question.options]
    presenter_context = new_context(browser, PROJECTOR)
    phone_contexts = [new_context(browser, "phone", touch=True) for _ in range(3)]
    try:
        presenter = presenter_context.new_page()
        phones = [c.new_page() for c in phone_contexts]
        dialogs = [no_dialogs(p) for p in (presenter, *phones)]
        presenter.goto(f"{timer_server.url}/knowledge-check?mode=presenter")
        wait_for_app_idle(presenter, SLOW)
        presenter.get_by_role("button", name=content.modes.workshop.start).click()
        wait_for_app_idle(presenter, SLOW)
        code = shown_room_code(presenter)
        for phone in phones:
            join_room(
                phone,
                timer_server.url,
                code,
                words.phone_waiting,
                content.modes.workshop.joining,
                LIVE_MS,
            )

        # The presenter chooses 20 s with the mouse, then starts the timer with T: T asks the
        # question too.
        timer = presenter.locator(".st-key-quiz-title")
        start = timer.get_by_role("button", name=words.timer_start)
        expect(start).to_be_disabled()
        timer.get_by_text(words.timer_choice.format(seconds=TIMER_SECONDS), exact=True).click()
        wait_for_app_idle(presenter, SLOW)
        expect(start).to_be_enabled()
        presenter.evaluate("document.activeElement && document.activeElement.blur()")
        presenter.keyboard.press("t")
        started = time.monotonic()
        started_wall = time.time()
        wait_for_app_idle(presenter, SLOW)
        ends = started + TIMER_SECONDS
        expect(timer.get_by_role("button", name=words.timer_stop)).to_be_visible()
        countdown = re.compile(re.escape(words.time_left.split("{")[0]))
        expect(presenter.get_by_text(countdown)).to_be_visible()
        # The countdown and the controls fit the projector's screen.
        for part in (
            presenter.get_by_text(countdown),
            timer,
            presenter.locator(".st-key-quiz-controls"),
        ):
            box = part.bounding_box()
            assert box and box["y"] + box["height"] <= PROJECTOR["height"], part

        for phone in phones:
            expect(phone.get_by_text(countdown)).to_be_visible(timeout=LIVE_MS)
        phones[0].get_by_role("button", name=labels[1]).tap()
        wait_for_app_idle(phones[0], SLOW)
        expect(phones[0].get_by_text(words.phone_saved.format(answer=labels[1]))).to_be_visible()
        # Each phone notes the moment its first answer button is disabled (its own clock, the
        # machine's): checking the phones one after another would add the checks' own time.
        for phone in phones:
            phone.evaluate(CLOSED_AT_JS, labels[0])
        # Nobody taps anything more: at the end every phone closes by itself.
        for phone in phones:
            # Closed: the answers cannot be tapped, and the phone says why.
            expect(phone.get_by_role("button", name=labels[0])).to_be_disabled(
                timeout=(ends - time.monotonic() + LATE_SECONDS + 5) * 1000
            )
            shown_at = time.monotonic()
            assert shown_at >= ends - 1.0, "closed before the time was up"
            expect(phone.get_by_text(words.time_up).first).to_be_visible()
            for label in labels:
                expect(phone.get_by_role("button", name=label)).to_be_disabled()
        late = max(float(phone.evaluate("window.__closedAt")) / 1000 for phone in phones) - (
            started_wall + TIMER_SECONDS
        )
        assert late <= LATE_SECONDS, f"the last phone closed {late:.1f} s late"
        # The projector says so too, and its counts keep the one answer given in time.
        # Exactly the stage line: the countdown says "Time is up. Answers are closed." too.
        expect(presenter.get_by_text(words.stage_closed, exact=True)).to_be_visible(timeout=LIVE_MS)
        expect(presenter.get_by_text(words.answered.format(count=1, phones=3))).to_be_visible(
            timeout=LIVE_MS
        )
        assert dialogs == [[], [], [], []]
    finally:
        presenter_context.close()
        for context in phone_contexts:
            context.close()
