"""A workshop in Chromium: a presenter at a desktop, three phones by touch, following and ending.

The presenter's browser opens the guide by a host name (mapped to loopback by Chromium's
--host-resolver-rules), so the QR code is made from the address the browser uses (st.context),
as on a real network, with no SCIATICA_GUIDE_PUBLIC_URL.
"""

from __future__ import annotations

import io
import urllib.parse
from collections.abc import Iterator

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Browser, Page, Playwright, expect

from guide_testing.browser import (
    CHROMIUM_ARGS,
    headless_chromium_path,
    new_context,
    no_dialogs,
    shown_room_code,
    wait_for_app_idle,
    wait_until_shown,
)
from guide_testing.redis_server import RunningRedis, redis_server_path, run_redis
from guide_testing.server import RunningApp, run_streamlit
from sciatica_guide.content import Content
from sciatica_guide.workshop.codes import parse_code, spoken
from sciatica_guide.workshop.network import lan_address
from sciatica_guide.workshop.participant_ui import FALLBACK_POLL_SECONDS
from sciatica_guide.workshop.wake import WAIT_PATH

HOST = "guide.test"
#: The issue asks for about 2 s; a loaded 2-core machine gets some slack here, and the
#: benchmark (benchmarks/workshop_bench.py) measures the real figure.
FOLLOW_MS = 6_000
SLOW = 30_000


@pytest.fixture(scope="module")
def workshop_server() -> Iterator[RunningApp]:
    with run_streamlit() as app:
        yield app


@pytest.fixture(scope="module")
def named_browser(playwright_instance: Playwright) -> Iterator[Browser]:
    """Chromium that resolves guide.test to loopback: a network name, not "localhost"."""
    browser = playwright_instance.chromium.launch(
        executable_path=headless_chromium_path(),
        args=[*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {HOST} 127.0.0.1"],
    )
    yield browser
    browser.close()


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app_idle(page, SLOW)


def read_qr(page: Page, where: str = ".st-key-workshop-join-panel img") -> str:
    image = page.locator(where).screenshot()
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(image)))
    assert len(found) == 1
    return found[0].text


def following(page: Page, content: Content, code: str) -> None:
    text = content.modes.workshop.following.format(code=spoken(code))
    expect(page.get_by_text(text)).to_be_visible(timeout=FOLLOW_MS)


def test_three_phones_follow_a_presenter_step_away_come_back_and_see_the_end(
    workshop_server: RunningApp, named_browser: Browser, content: Content
) -> None:
    words = content.modes.workshop
    sections = content.article.all_sections()
    base = f"http://{HOST}:{workshop_server.port}"
    presenter_context = new_context(named_browser, "desktop")
    phone_contexts = [new_context(named_browser, "phone", touch=True) for _ in range(3)]
    try:
        presenter = presenter_context.new_page()
        phones = [context.new_page() for context in phone_contexts]
        dialogs = [no_dialogs(p) for p in (presenter, *phones)]
        open_page(presenter, f"{base}/present?mode=presenter")
        presenter.get_by_role("button", name=words.start).click()
        wait_for_app_idle(presenter, SLOW)
        # The strip shows the code small; J shows it large for the room to scan.
        expect(presenter.locator(".st-key-workshop-join-panel")).to_have_count(0)
        presenter.keyboard.press("j")
        wait_for_app_idle(presenter, SLOW)
        shown = presenter.locator(".workshop-code").inner_text()
        code = parse_code(shown)
        assert code is not None
        # Large on the projector: readable from the back of a room.
        box = presenter.locator(".workshop-code").bounding_box()
        assert box and box["height"] >= 80
        qr = presenter.locator(".st-key-workshop-join-panel img").bounding_box()
        assert qr and qr["width"] >= 360
        assert read_qr(presenter) == f"{base}/join?room={code}"

        # Phone 1 scans the QR code; phone 2 types the code on the start page (touch);
        # phone 3 opens the join page and types it with the keyboard.
        open_page(phones[0], read_qr(presenter))
        open_page(phones[1], base + "/")
        phones[1].get_by_text(words.start_page_prompt).tap()
        phones[1].get_by_label(words.code_input).fill(f"{code[:3].lower()} {code[3:]}")
        phones[1].get_by_role("button", name=words.join_button).tap()
        open_page(phones[2], f"{base}/join")
        phones[2].get_by_label(words.code_input).fill(code)
        phones[2].get_by_label(words.code_input).press("Enter")
        for phone in phones:
            following(phone, content, code)
            expect(phone.get_by_role("heading", name=sections[0].heading)).to_be_visible()

        # Three steps, by button and by arrow key; every phone moves each time.
        for step in (1, 2, 3):
            if step == 2:
                presenter.keyboard.press("ArrowRight")
            else:
                presenter.get_by_role("button", name=content.modes.presenter.next).click()
            label = content.modes.presenter.step_label.format(number=step + 1, total=len(sections))
            wait_until_shown(presenter, label, SLOW)
            for phone in phones:
                expect(phone.get_by_text(label)).to_be_visible(timeout=FOLLOW_MS)
                expect(phone.get_by_text(sections[step].heading).first).to_be_visible()

        # The body map: the presenter picks a region by keyboard; the phones show it.
        presenter.get_by_role("link", name=content.page("body-map").title).click()
        wait_for_app_idle(presenter, SLOW)
        presenter.locator('[data-region="calf-left"]').first.focus()
        presenter.keyboard.press("Enter")
        wait_for_app_idle(presenter, SLOW)
        calf = content.region("calf-left")
        assert calf is not None
        for phone in phones:
            panel = phone.locator(".st-key-workshop-map-panel h3")
            expect(panel).to_have_text(calf.name, timeout=FOLLOW_MS)
            expect(phone.locator('[data-region="calf-left"]')).to_have_attribute(
                "aria-pressed", "true"
            )

        # The presenter sees how many phones are in the room.
        expect(presenter.get_by_text(words.phones.format(count=3))).to_be_visible(timeout=SLOW)

        # Phone 1 steps away to read on its own; the presenter moves on without it.
        phones[0].get_by_role("button", name=words.read_alone).tap()
        wait_for_app_idle(phones[0], SLOW)
        expect(phones[0].get_by_role("button", name=words.back)).to_be_visible(timeout=SLOW)
        assert urllib.parse.urlsplit(phones[0].url).path.endswith("/body-map")
        presenter.locator('[data-region="shin-left"]').first.focus()
        presenter.keyboard.press("Enter")
        wait_for_app_idle(presenter, SLOW)
        shin = content.region("shin-left")
        assert shin is not None
        expect(phones[1].locator(".st-key-workshop-map-panel h3")).to_have_text(
            shin.name, timeout=FOLLOW_MS
        )
        # Still on its own page, its own choice kept.
        expect(phones[0].locator('.bm-region[aria-pressed="true"]')).to_have_attribute(
            "data-region", "calf-left"
        )
        phones[0].get_by_role("button", name=words.back).tap()
        following(phones[0], content, code)
        expect(phones[0].locator(".st-key-workshop-map-panel h3")).to_have_text(
            shin.name, timeout=FOLLOW_MS
        )

        # End: every phone sees it and can go on alone.
        presenter.get_by_role("button", name=words.end).click()
        wait_for_app_idle(presenter, SLOW)
        expect(presenter.get_by_text(words.ended_presenter)).to_be_visible()
        for phone in phones:
            expect(phone.get_by_text(words.ended)).to_be_visible(timeout=FOLLOW_MS)
            expect(phone.get_by_role("link", name=words.open_guide)).to_be_visible()
        assert dialogs == [[], [], [], []]
    finally:
        presenter_context.close()
        for context in phone_contexts:
            context.close()


#: From the wait route's answer to the phone showing the new section: one fragment run.
AFTER_ANSWER_MS = 3_000
#: A phone that cannot reach the wait route follows by its own check (FALLBACK_POLL_SECONDS).
FALLBACK_MS = (FALLBACK_POLL_SECONDS + 7) * 1000


def test_phones_follow_on_the_rooms_answer_or_by_their_own_check_without_it(
    workshop_server: RunningApp, browser: Browser, content: Content
) -> None:
    """Issue 30: a phone learns of a move from the wait route (push), not from a timer; a
    tablet whose requests to the route are dropped (a proxy that blocks it) still follows."""
    words = content.modes.workshop
    total = len(content.article.all_sections())
    presenter_context = new_context(browser, "desktop")
    phone_context = new_context(browser, "phone", touch=True)
    tablet_context = new_context(browser, "tablet", touch=True)
    try:
        presenter = presenter_context.new_page()
        phone, tablet = phone_context.new_page(), tablet_context.new_page()
        tablet.route("**" + WAIT_PATH, lambda route: route.abort())
        open_page(presenter, f"{workshop_server.url}/present?mode=presenter")
        presenter.get_by_role("button", name=words.start).click()
        wait_for_app_idle(presenter, SLOW)
        code = shown_room_code(presenter)
        assert code
        for page in (phone, tablet):
            open_page(page, f"{workshop_server.url}/join?room={code}")
            following(page, content, code)
        for step in (2, 3):
            label = content.modes.presenter.step_label.format(number=step, total=total)
            with phone.expect_response(
                lambda r: r.url.endswith(WAIT_PATH) and r.status == 200, timeout=SLOW
            ):
                presenter.get_by_role("button", name=content.modes.presenter.next).click()
            expect(phone.get_by_text(label)).to_be_visible(timeout=AFTER_ANSWER_MS)
            expect(tablet.get_by_text(label)).to_be_visible(timeout=FALLBACK_MS)
            wait_for_app_idle(presenter, SLOW)
    finally:
        for context in (presenter_context, phone_context, tablet_context):
            context.close()


def test_a_tap_on_the_followed_map_opens_that_part_on_the_phones_own_body_map(
    workshop_server: RunningApp, browser: Browser, content: Content
) -> None:
    """The followed map is in the part of the page a move reruns (a fragment): a tap there still
    takes the phone to its own body map at that part, by touch and by keyboard."""
    words = content.modes.workshop
    presenter_context = new_context(browser, "desktop")
    phone_context = new_context(browser, "phone", touch=True)
    try:
        presenter, phone = presenter_context.new_page(), phone_context.new_page()
        dialogs = no_dialogs(phone)
        open_page(presenter, f"{workshop_server.url}/present?mode=presenter")
        presenter.get_by_role("button", name=words.start).click()
        wait_for_app_idle(presenter, SLOW)
        code = shown_room_code(presenter)
        assert code
        presenter.get_by_role("link", name=content.page("body-map").title).click()
        wait_for_app_idle(presenter, SLOW)
        open_page(phone, f"{workshop_server.url}/join?room={code}")
        following(phone, content, code)
        region = phone.locator('.st-key-workshop-map [data-region="calf-right"]').first
        expect(region).to_be_visible(timeout=FOLLOW_MS)
        region.tap()
        phone.wait_for_url("**/body-map?region=calf-right", timeout=SLOW)
        wait_for_app_idle(phone, SLOW)
        calf = content.region("calf-right")
        assert calf is not None
        expect(phone.locator('.bm-region[aria-pressed="true"]').first).to_have_attribute(
            "data-region", "calf-right"
        )
        # Back to the presenter, then the same by keyboard.
        phone.get_by_role("button", name=words.back).tap()
        following(phone, content, code)
        region = phone.locator('.st-key-workshop-map [data-region="back-thigh-left"]').first
        expect(region).to_be_visible(timeout=FOLLOW_MS)
        region.focus()
        phone.keyboard.press("Enter")
        phone.wait_for_url("**/body-map?region=back-thigh-left", timeout=SLOW)
        assert dialogs == []
    finally:
        presenter_context.close()
        phone_context.close()


HOSTILE = [
    '<img src=x onerror="alert(1)">',
    "**bold**[link](https://evil.example)",
    "ACF-34O",
    "W" * 3000,
]


@pytest.fixture(scope="module")
def network_server() -> Iterator[RunningApp]:
    """The guide as a presenter starts it on a laptop: listening on every interface (Streamlit's
    default), opened in the presenter's browser as localhost."""
    with run_streamlit(extra_args=["--server.address", "0.0.0.0"]) as app:
        yield app


def test_a_presenter_on_localhost_gets_a_qr_code_phones_on_the_network_can_open(
    network_server: RunningApp, browser: Browser, content: Content
) -> None:
    # Issue 26, point 2: no setting, no developer message; the address Streamlit would print as
    # its "Network URL", and a phone that opens it joins.
    lan = lan_address()
    if lan is None:
        pytest.skip("this machine has no network address for phones to use")
    words = content.modes.workshop
    presenter_context = new_context(browser, {"width": 1280, "height": 720})
    phone_context = new_context(browser, "phone", touch=True)
    try:
        presenter = presenter_context.new_page()
        phone = phone_context.new_page()
        dialogs = [no_dialogs(p) for p in (presenter, phone)]
        open_page(presenter, f"http://localhost:{network_server.port}/present?mode=presenter")
        # Before a room: the guide's own QR code already uses the network address.
        expect(presenter.get_by_text(words.same_network_hint)).to_be_visible()
        presenter.get_by_role("button", name=words.start).click()
        wait_for_app_idle(presenter, SLOW)
        code = shown_room_code(presenter)
        assert code is not None
        address = f"http://{lan}:{network_server.port}/join?room={code}"
        # The strip's small QR code already reads; the large one is a click (or J) away.
        assert read_qr(presenter, ".st-key-workshop-strip img") == address
        presenter.get_by_role("button", name=words.show_code).click()
        wait_for_app_idle(presenter, SLOW)
        assert parse_code(presenter.locator(".workshop-code").inner_text()) == code
        assert read_qr(presenter) == address
        panel = presenter.locator(".st-key-workshop-join-panel")
        expect(panel).to_contain_text(address)
        expect(panel.get_by_text(words.same_network_hint)).to_be_visible()
        expect(presenter.locator('[data-testid="stAlertContentWarning"]')).to_have_count(0)
        # A phone opens what the code says: this computer's own address on its network.
        open_page(phone, read_qr(presenter))
        following(phone, content, code)
        assert dialogs == [[], []]
    finally:
        presenter_context.close()
        phone_context.close()


@pytest.mark.parametrize("value", HOSTILE)
def test_an_odd_code_in_a_link_gets_a_calm_message(
    workshop_server: RunningApp, browser: Browser, content: Content, value: str
) -> None:
    context = new_context(browser, "phone", touch=True)
    try:
        page = context.new_page()
        dialogs = no_dialogs(page)
        open_page(page, f"{workshop_server.url}/join?room={urllib.parse.quote(value)}")
        words = content.modes.workshop
        expect(page.get_by_text(words.bad_code)).to_be_visible(timeout=SLOW)
        body = page.locator("body").inner_text()
        for fragment in ("onerror", "evil.example", "bold", "34O", "WWWWWWWWWW"):
            assert fragment not in body
        expect(page.locator("img[src=x]")).to_have_count(0)
        page.get_by_role("link", name=words.open_guide).tap()
        wait_for_app_idle(page, SLOW)
        expect(page.get_by_role("heading", name=content.page("overview").title)).to_be_visible()
        assert dialogs == []
    finally:
        context.close()


def test_an_unknown_code_gets_a_calm_message(
    workshop_server: RunningApp, browser: Browser, content: Content
) -> None:
    context = new_context(browser, "phone", touch=True)
    try:
        page = context.new_page()
        open_page(page, f"{workshop_server.url}/join?room=WWW-WWW")
        expect(page.get_by_text(content.modes.workshop.unknown_room)).to_be_visible(timeout=SLOW)
        assert "Traceback" not in page.locator("body").inner_text()
    finally:
        context.close()


@pytest.fixture(scope="module")
def redis_for_workshop() -> Iterator[RunningRedis]:
    if redis_server_path() is None:
        pytest.fail("Debian's redis-server is needed: apt-get install redis-server")
    with run_redis() as server:
        yield server


def test_redis_stopped_mid_workshop(
    redis_for_workshop: RunningRedis, browser: Browser, content: Content
) -> None:
    words = content.modes.workshop
    env = {"SCIATICA_GUIDE_ROOM_STORE": redis_for_workshop.url}
    with run_streamlit(env=env) as app:
        presenter_context = new_context(browser, "desktop")
        phone_context = new_context(browser, "phone", touch=True)
        try:
            presenter, phone = presenter_context.new_page(), phone_context.new_page()
            open_page(presenter, f"{app.url}/present?mode=presenter")
            presenter.get_by_role("button", name=words.start).click()
            wait_for_app_idle(presenter, SLOW)
            code = shown_room_code(presenter)
            assert code
            open_page(phone, f"{app.url}/join?room={code}")
            following(phone, content, code)

            redis_for_workshop.stop()
            expect(phone.get_by_text(words.unavailable)).to_be_visible(timeout=FOLLOW_MS)
            presenter.get_by_role("button", name=content.modes.presenter.next).click()
            wait_for_app_idle(presenter, SLOW)
            # The presenter's page still moves, with one line naming the setting.
            label = content.modes.presenter.step_label.format(
                number=2, total=len(content.article.all_sections())
            )
            expect(presenter.get_by_text(label)).to_be_visible()
            expect(presenter.get_by_text("SCIATICA_GUIDE_ROOM_STORE").first).to_be_visible()
            for page in (presenter, phone):
                assert "Traceback" not in page.locator("body").inner_text()
            # The rest of the guide keeps working on the phone.
            phone.get_by_role("link", name=words.open_guide).tap()
            wait_for_app_idle(phone, SLOW)
            expect(
                phone.get_by_role("heading", name=content.page("overview").title)
            ).to_be_visible()
        finally:
            presenter_context.close()
            phone_context.close()
            if redis_for_workshop.process.poll() is not None:
                redis_for_workshop.start()
