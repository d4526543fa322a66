"""A Join tap on a slow phone (CPU slowed 6x) lands the first time, in Chromium: tapped while the
start page's run is still going, the button says at once that it is joining, and the phone is
in the room with that one tap (issue 30). Its own file (from test_workshop_slips.py): the test
runs servers of its own, so the test run spreads it over another worker."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from guide_testing.browser import (
    new_context,
    no_dialogs,
    shown_room_code,
    wait_for_app_idle,
)
from guide_testing.server import RunningApp, run_streamlit
from sciatica_guide.content import Content
from sciatica_guide.workshop.codes import spoken

FOLLOW_MS = 8_000
SLOW = 30_000


@pytest.fixture(scope="module")
def join_tap_server() -> Iterator[RunningApp]:
    with run_streamlit() as app:
        yield app


#: Tap Join as soon as the start page has drawn its form and the Join button's "Joining…" script
#: is listening (its run may still be going on a slow phone). Returns what the button says right
#: after the tap, and whether a run was in flight.
TAP_AT_ONCE_JS = """
async ([prompt, name]) => {
  const started = performance.now();
  let button;
  while (!button && performance.now() - started < 20000) {
    const summary = [...document.querySelectorAll("summary")]
      .find((s) => s.innerText.includes(prompt));
    const ready = document.documentElement.dataset.joiningReady === "workshop-join-start";
    if (summary && ready) {
      button = [...document.querySelectorAll(".st-key-workshop-join-start button")]
        .find((b) => b.innerText.includes(name));
    }
    if (!button) await new Promise((r) => setTimeout(r, 10));
  }
  const app = document.querySelector("[data-testid=stApp]");
  const running = app.dataset.testScriptState;
  button.click();
  return [button.innerText, running];
}
"""


def test_a_join_tap_while_the_page_is_running_lands_first_time(
    join_tap_server: RunningApp, browser: Browser, content: Content
) -> None:
    room = content.modes.workshop
    presenter_context = new_context(browser, "desktop")
    try:
        presenter = presenter_context.new_page()
        presenter.goto(f"{join_tap_server.url}/present?mode=presenter")
        wait_for_app_idle(presenter, SLOW)
        presenter.get_by_role("button", name=room.start, exact=True).click()
        wait_for_app_idle(presenter, SLOW)
        code = shown_room_code(presenter)
        assert code
        for _ in range(3):
            context = new_context(browser, "phone", touch=True)
            try:
                phone = context.new_page()
                dialogs = no_dialogs(phone)
                # A slow phone: its page takes a while to draw each run.
                cdp = context.new_cdp_session(phone)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": 6})
                # The code is typed and Join tapped as soon as the form is there.
                phone.goto(f"{join_tap_server.url}/", wait_until="commit")
                phone.get_by_text(room.start_page_prompt).tap()
                phone.get_by_label(room.code_input).fill(code)
                said, _ = phone.evaluate(TAP_AT_ONCE_JS, [room.start_page_prompt, room.join_button])
                # Seen at once: the tap was taken.
                assert room.join_pending in said
                # One tap: the phone is in the room.
                phone.wait_for_function(
                    "() => location.pathname.endsWith('/join')", timeout=FOLLOW_MS * 2
                )
                expect(phone.get_by_text(room.following.format(code=spoken(code)))).to_be_visible(
                    timeout=FOLLOW_MS * 2
                )
                assert dialogs == []
            finally:
                context.close()
    finally:
        presenter_context.close()
