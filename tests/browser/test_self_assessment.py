"""The self-assessment filled in by touch on a tablet (820x1180) in Chromium, downloads included."""

from __future__ import annotations

import io
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import suppress
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from guide_testing.accessibility import Violation, new_violations, serious_violations
from guide_testing.assessment_flow import safety_screens
from guide_testing.browser import OpenPage, open_page_from_menu, wait_for_app_idle
from guide_testing.server import RunningApp, run_streamlit
from sciatica_guide.assessment.screens import question_screens
from sciatica_guide.content import Content
from sciatica_guide.content.assessment_models import Recheck

NUMBER = "999"


@pytest.fixture(scope="module")
def app_server() -> Iterator[RunningApp]:
    """The guide with a configured emergency number, for this module only."""
    with run_streamlit(env={"SCIATICA_GUIDE_EMERGENCY_NUMBER": NUMBER}) as app:
        yield app


def open_assessment(page: Page, app: RunningApp) -> None:
    page.goto(f"{app.url}/self-assessment")
    wait_for_app_idle(page)
    expect(page.get_by_role("heading", name="Self-assessment", level=1)).to_be_visible()


def tap(page: Page, locator: Locator) -> None:
    # A rerun can replace the element while it is being scrolled to: tap() finds it again (and
    # scrolls to it), so a stale element here is no failure.
    with suppress(PlaywrightError):
        locator.scroll_into_view_if_needed(timeout=5_000)
    locator.tap()
    wait_for_app_idle(page)


def keyed(page: Page, key: str) -> Locator:
    # Streamlit gives a keyed element the class st-key-<key with dots as dashes>.
    return page.locator(f".st-key-{key.replace('.', '-')}")


def where_pills(page: Page, area: str) -> Locator:
    # The pills' key gains ".v<n>" each time the server sets them (assessment.state.where_key).
    return page.locator(f'[class*="st-key-guide-assessment-w-where-{area}"]')


def pick(page: Page, key: str, value: str) -> None:
    tap(page, keyed(page, f"guide.assessment.w.{key}").get_by_role("radio", name=value, exact=True))


def main_text(page: Page) -> str:
    return " ".join(page.locator('[data-testid="stMain"]').inner_text().split())


def download(page: Page, label: str) -> bytes:
    button = page.get_by_role("button", name=label)
    button.scroll_into_view_if_needed()
    with page.expect_download() as info:
        button.tap()
    path = info.value.path()
    return path.read_bytes()


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())


def assert_touch_size(locator: Locator, minimum: float = 44) -> None:
    box = locator.bounding_box()
    assert box is not None and box["height"] >= minimum and box["width"] >= 24, box


def leave_screen(page: Page, button: Locator, screen: Locator) -> None:
    """Tap a button that changes the screen, then wait until `screen` (something only the old
    screen shows) has gone and the app is idle. Waiting for an idle app alone is not enough:
    under load the rerun a tap asks for can start after that wait has returned, and the next
    step would read, or tap, the old screen (CI: a health answer tapped on the screen before)."""
    button.wait_for()
    tap(page, button)
    expect(screen).to_have_count(0, timeout=30_000)
    wait_for_app_idle(page)


def press_primary(page: Page, content: Content) -> None:
    """The screen's main button: "Continue", or "Check your answers" on the last question; then
    wait until that question's screen has gone."""
    b = content.assessment.buttons
    button = page.get_by_role("button", name=b.continue_).or_(
        page.get_by_role("button", name=b.check, exact=True)
    )
    # Each screen's button has its own key (continue-<screen id>): the screen's marker.
    holder = page.locator('[class*="st-key-continue-"]').filter(has=button)
    holder.wait_for()
    classes = (holder.get_attribute("class") or "").split()
    key = next(c for c in classes if c.startswith("st-key-continue-"))
    leave_screen(page, button, page.locator(f'[class~="{key}"]'))


def answer_safety_screens(page: Page, content: Content, *, until: str | None = None) -> None:
    """Each safety screen by touch: "No" to every question, up to the screen that asks `until`
    (then nothing is tapped there)."""
    form = page.locator(".st-key-self-assessment")
    for index, (_, questions) in enumerate(safety_screens(content)):
        if until is not None and form.get_by_text(until).count():
            return
        for question in questions:
            none = keyed(page, f"guide.assessment.w.flag-none.{question}").locator("label")
            if index == 0:
                assert_touch_size(none)
            tap(page, none)
        press_primary(page, content)
    assert until is None, f"no safety screen asks {until!r}"


def tap_on_the_map(page: Page, region: str) -> Locator:
    """A place on the where-screen's figure, by touch (the view that shows it first)."""
    figure = page.locator(".st-key-where-map-column")
    target = figure.locator(f'.bm-region[data-region="{region}"]')
    if not target.is_visible():
        tap(page, figure.get_by_role("radio", name="Seen from the front"))
    tap(page, target)
    return target


def fill_in_to_the_check_page(
    page: Page, content: Content, sbi: tuple[str, ...] = ("5", "4", "2", "0")
) -> None:
    """Answer every screen by touch: no signs, left calf (on the figure), pain 3 and 7, blood
    thinners."""
    a = content.assessment
    total = len(question_screens(content))
    expect(page.get_by_text(a.progress.format(step=1, total=total))).to_be_visible()
    answer_safety_screens(page, content)
    assert_touch_size(page.get_by_role("button", name=a.buttons.continue_))

    expect(page.get_by_text(a.progress.format(step=7, total=total))).to_be_visible()
    calf = tap_on_the_map(page, "calf-left")
    expect(calf).to_have_attribute("aria-pressed", "true")
    calf_left = where_pills(page, "calf").get_by_role("button", name="Your left")
    expect(calf_left).to_have_attribute("aria-pressed", "true")
    assert_touch_size(calf_left)
    press_primary(page, content)

    pick(page, "back_pain", "3")
    pick(page, "leg_pain", "7")
    assert_touch_size(keyed(page, "guide.assessment.w.leg_pain").get_by_role("radio", name="7"))
    press_primary(page, content)
    tap(page, page.get_by_text("6 to 12 weeks", exact=True))
    tap(page, page.get_by_text("No, I can do them", exact=True))
    press_primary(page, content)
    tap(page, page.get_by_text("Light", exact=True))
    press_primary(page, content)

    for item, score in zip(a.steps.bother.items, sbi, strict=True):
        pick(page, f"sbi.{item.id}", score)
    press_primary(page, content)

    answer_health_screens(page, content, "You take blood thinners")
    expect(page.get_by_role("heading", name=a.check.title)).to_be_visible()


def answer_health_screens(page: Page, content: Content, answer: str | None = None) -> None:
    """Each health screen by touch: `answer` where it is listed, "None" on the others."""
    a = content.assessment
    form = page.locator(".st-key-self-assessment")
    for _ in a.steps.health.screens:
        if answer is not None and form.get_by_text(answer, exact=False).count():
            tap(page, form.get_by_text(answer, exact=False))
        else:
            tap(page, form.get_by_text(a.steps.health.none, exact=True))
        press_primary(page, content)


def answer_no_to_the_saddle_question(page: Page, content: Content) -> None:
    """Numbness scored above 0 asks about the saddle area on the result (issue 22): "No"."""
    saddle = next(r for r in content.assessment.result.rechecks if r.id == "saddle")
    expect(page.get_by_text(saddle.text)).to_be_visible()
    assert "May suit" not in main_text(page)
    tap(page, page.get_by_role("button", name=saddle.button_no))
    expect(page.get_by_text(saddle.text)).to_have_count(0)


def test_fill_in_by_touch_take_the_summary_and_leave_no_trace(
    app_server: RunningApp, tablet_page: Page, content: Content
) -> None:
    # One fill-in by touch on a tablet, then everything a result offers: the summaries (issue 12
    # part 8: served at an unguessable /media/ address and gone within seconds), and the body
    # map, which shows the place picked here while no address ever names it (issue 12 part 6:
    # on a shared tablet the browser's history would tell the next person where it hurts).
    page = tablet_page
    a = content.assessment
    addresses: list[str] = []
    page.on("framenavigated", lambda frame: addresses.append(frame.url))
    open_assessment(page, app_server)
    fill_in_to_the_check_page(page, content)
    assert "Calf (your left)" in main_text(page)
    tap(page, page.get_by_role("button", name=a.buttons.see_result))

    expect(page.get_by_role("heading", name=a.result.title)).to_be_visible()
    answer_no_to_the_saddle_question(page, content)
    # The scores are in a closed part, under what to do: one tap opens it.
    assert "Leg pain: 7 out of 10" not in main_text(page)
    tap(page, page.get_by_text(a.result.details))
    text = main_text(page)
    assert "Leg pain: 7 out of 10 (severe)" in text
    assert "Back pain: 3 out of 10 (mild)" in text
    assert "Sciatica Bothersomeness Index: 11 out of 24" in text
    assert "May suit: Myofascial release" in text
    assert "Not for you now: Deep tissue massage and Trigger point therapy" in text
    # The answers at a glance come with the result, in words and bars (no chart drawn later).
    expect(page.locator("ul.answer-bars")).to_have_count(2)
    expect(page.locator("ul.answer-bars li").first).to_contain_text("out of")
    expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)

    summary = pdf_text(download(page, a.buttons.download_pdf))
    assert "Where it hurts: Calf (your left)" in summary
    assert "Leg pain in the past week: 7 out of 10 (severe)" in summary
    assert "Pressure I like: Light" in summary
    assert "Please know about: You take blood thinners" in summary
    assert "Get help first" not in summary
    plain = download(page, a.buttons.download_text).decode("utf-8")
    assert "How long I have had it: 6 to 12 weeks" in plain

    # The summaries' addresses: the same answers give a new PDF address on every tap (not
    # derived from the answers), and each is gone within seconds while the result stays open.
    urls = []
    for label in (a.buttons.download_text, a.buttons.download_pdf, a.buttons.download_pdf):
        button = page.get_by_role("button", name=label)
        button.scroll_into_view_if_needed()
        with page.expect_download() as info:
            button.tap()
        urls.append(info.value.url)
    assert all("/media/" in url for url in urls)
    assert urls[1] != urls[2]
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(fetch_status(u) != 404 for u in urls):
        time.sleep(1)
    assert [fetch_status(u) for u in urls] == [404, 404, 404]
    expect(page.get_by_role("heading", name=a.result.title)).to_be_visible()
    again = download(page, a.buttons.download_text).decode("utf-8")
    assert "Calf (your left)" in again

    leave_for_the_body_map_without_the_place_in_the_address(page, content, addresses)


def leave_for_the_body_map_without_the_place_in_the_address(
    page: Page, content: Content, addresses: list[str]
) -> None:
    body_map = content.page("body-map")
    open_page_from_menu(page, body_map.title, touch=True)
    wait_for_app_idle(page)
    # The body map shows the place picked in the self-assessment...
    expect(page.get_by_role("heading", name="Calf, your left")).to_be_visible()
    wait_for_app_idle(page)
    # ...but the address does not name it, now or at any step on the way.
    addresses.append(page.url)
    assert page.url.rstrip("/").endswith(f"/{body_map.url_path}")
    assert [a for a in addresses if "region" in a or "calf" in a] == []


def test_a_red_flag_gives_the_urgent_message_and_summary_by_touch(
    app_server: RunningApp, reused_page: OpenPage, content: Content
) -> None:
    page = reused_page("tablet", touch=True)
    a = content.assessment
    open_assessment(page, app_server)
    form = page.locator(".st-key-self-assessment")
    sign = "Numbness, tingling or pins and needles around your genitals or your bottom"
    tap(page, form.get_by_text(sign))
    urgent = content.red_flags.action("emergency", NUMBER) + "."
    alert = page.locator('[data-testid="stAlertContentError"]').filter(has_text=urgent)
    expect(alert).to_be_visible()
    # It sits above the questions.
    question = form.get_by_text(a.steps.safety.questions[0].question)
    assert alert.bounding_box()["y"] < question.bounding_box()["y"]  # type: ignore[index]

    tap(page, page.get_by_role("button", name=a.buttons.continue_))
    expect(page.get_by_role("heading", name=a.result.title)).to_be_visible()
    text = main_text(page)
    assert a.result.urgent.no_massage in text
    assert "May suit" not in text
    summary = pdf_text(download(page, a.buttons.download_pdf))
    assert urgent in summary
    assert sign in summary
    assert a.result.urgent.no_massage in summary


def test_weakness_is_asked_again_on_the_result_and_yes_by_touch_is_urgent_then_clear(
    app_server: RunningApp, reused_page: OpenPage, content: Content
) -> None:
    page = reused_page("tablet", touch=True)
    a = content.assessment
    check = a.result.weakness_check
    open_assessment(page, app_server)
    fill_in_to_the_check_page(page, content, sbi=("2", "2", "6", "2"))
    tap(page, page.get_by_role("button", name=a.buttons.see_result))
    expect(page.get_by_text(check.title)).to_be_visible()
    answer_no_to_the_saddle_question(page, content)
    assert "May suit" in main_text(page)
    yes = page.get_by_role("button", name=check.button)
    assert_touch_size(yes)
    tap(page, yes)
    urgent = content.red_flags.action("today", NUMBER) + "."
    expect(
        page.locator('[data-testid="stAlertContentError"]').filter(has_text=urgent)
    ).to_be_visible()
    text = main_text(page)
    assert "May suit" not in text and check.title not in text
    assert "New weakness in one leg or foot" in text

    # "Clear my answers" forgets everything: back to the first question, nothing ticked.
    tap(page, page.get_by_role("button", name=a.buttons.clear))
    expect(page.get_by_text(a.cleared)).to_be_visible()
    total = len(question_screens(content))
    expect(page.get_by_text(a.progress.format(step=1, total=total))).to_be_visible()
    expect(page.locator('[data-testid="stCheckbox"] input:checked')).to_have_count(0)


def sideways_overflow(page: Page) -> int:
    return int(
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    )


def fetch_status(url: str) -> int:
    """GET `url` as another browser would: no cookies, no session."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


# --- issue 22 (safety round 3), at phone size by touch ------------------------------------------
# Each phone test fills the questions in once, then changes one answer at a time from "Check your
# answers" (as a person would): every hazard path is still reached by touch, with a fill-in
# shared between the paths that follow from one another.


def fill_in_on_a_phone(
    page: Page,
    content: Content,
    places: tuple[tuple[str, str], ...],
    sbi: tuple[str, ...],
    health: str | None = None,
    *,
    leg_pain: str = "5",
    stop_at_check: bool = False,
) -> None:
    """Answer every screen by touch: no signs, the given places, back pain 3 and the
    given leg pain, the given scores, then a health answer (or none), and open the result (or
    stop on "Check your answers")."""
    a = content.assessment
    answer_safety_screens(page, content)
    for area, side in places:
        tap_place(page, area, side)
    press_primary(page, content)
    pick(page, "back_pain", "3")
    pick(page, "leg_pain", leg_pain)
    press_primary(page, content)
    tap(page, page.get_by_text("6 to 12 weeks", exact=True))
    tap(page, page.get_by_text("No, I can do them", exact=True))
    press_primary(page, content)
    tap(page, page.get_by_text("Medium", exact=True))
    press_primary(page, content)
    for item, score in zip(a.steps.bother.items, sbi, strict=True):
        pick(page, f"sbi.{item.id}", score)
    press_primary(page, content)
    answer_health_screens(page, content, health)
    expect(page.get_by_role("heading", name=a.check.title)).to_be_visible()
    if not stop_at_check:
        see_result(page, content)


def tap_place(page: Page, area: str, side: str) -> None:
    button = where_pills(page, area).get_by_role("button", name=side)
    tap(page, button)
    expect(button).to_have_attribute("aria-pressed", "true")


def tap_health(page: Page, answer: str) -> None:
    """On a health screen: the answer where this screen lists it."""
    tap(page, page.locator(".st-key-self-assessment").get_by_text(answer, exact=False))


def see_result(page: Page, content: Content) -> None:
    tap(page, page.get_by_role("button", name=content.assessment.buttons.see_result))
    expect(page.get_by_role("heading", name=content.assessment.result.title)).to_be_visible()


def change_one_answer(
    page: Page,
    content: Content,
    row: str,
    answer: Callable[[], None],
    *,
    on_screen_with: str | None = None,
) -> None:
    """From the result: "Change my answers", the answer's "Change" button, the new answer (on
    the screen that shows `on_screen_with`, for a step of several screens), then on through
    "Check your answers" to the result."""
    a = content.assessment
    result = page.get_by_role("heading", name=a.result.title)
    leave_screen(page, page.get_by_role("button", name=a.buttons.change_answers), result)
    check = page.get_by_role("heading", name=a.check.title)
    expect(check).to_be_visible()
    leave_screen(page, page.get_by_role("button", name=a.check.change[row]), check)
    form = page.locator(".st-key-self-assessment")
    if on_screen_with is not None:
        for _ in range(len(question_screens(content))):
            if form.get_by_text(on_screen_with, exact=False).count():
                break
            press_primary(page, content)
    answer()
    for _ in range(len(question_screens(content))):
        press_primary(page, content)
        if check.count():
            break
    expect(check).to_be_visible()
    see_result(page, content)


def recheck(content: Content, recheck_id: str) -> Recheck:
    return next(r for r in content.assessment.result.rechecks if r.id == recheck_id)


def emergency_alert(page: Page, content: Content) -> Locator:
    urgent = content.red_flags.action("emergency", NUMBER) + "."
    return page.locator('[data-testid="stAlertContentError"]').filter(has_text=urgent)


def test_on_a_phone_a_mild_result_then_strong_pain_a_clot_risk_and_saddle_numbness(
    app_server: RunningApp,
    open_page: OpenPage,
    content: Content,
    streamlit_baseline: set[Violation],
) -> None:
    page = open_page("phone", touch=True)
    a = content.assessment
    hosts: set[str] = set()
    # A data: or blob: address never leaves the browser (blob: names its own origin inside).
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith("data:")
            else hosts.add(urlparse(r.url.removeprefix("blob:")).netloc)
        ),
    )
    addresses: list[str] = []
    page.on("framenavigated", lambda frame: addresses.append(frame.url))
    open_assessment(page, app_server)
    # The one-line "not a diagnosis" is on the page itself, on screen at the top (point 11).
    expect(page.get_by_text(content.site.disclaimer.one_line)).to_be_in_viewport()
    fill_in_on_a_phone(
        page, content, (("calf", "Your left"),), ("2", "0", "0", "1"), stop_at_check=True
    )

    # "Check your answers" and the result fit a phone and add no accessibility fault.
    assert sideways_overflow(page) <= 0
    assert new_violations(serious_violations(page), streamlit_baseline) == []
    see_result(page, content)
    tap(page, page.get_by_text(a.result.details))
    expect(page.locator("ul.answer-bars").first).to_be_visible()
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 0
    wait_for_app_idle(page)
    assert sideways_overflow(page) <= 0
    assert new_violations(serious_violations(page), streamlit_baseline) == []

    # A mild result: the safety net comes before any massage, and in the dated summary.
    net = a.result.safety_net
    expect(page.get_by_text(content.site.disclaimer.one_line)).to_be_visible()
    box = page.locator(".st-key-safety-net")
    expect(box).to_be_visible()
    expect(box).to_contain_text(net.heading)
    expect(box).to_contain_text(content.red_flags.action("emergency", NUMBER))
    expect(box).to_contain_text("hard to start to pee")
    expect(box).to_contain_text("New weakness in one leg or foot")
    techniques = page.get_by_text(a.result.techniques_heading, exact=True)
    assert box.bounding_box()["y"] < techniques.bounding_box()["y"]  # type: ignore[index]
    summary = pdf_text(download(page, a.buttons.download_pdf))
    assert "Made on " in summary and "Check these signs again before each visit" in summary
    assert "hard to start to pee" in summary
    plain = download(page, a.buttons.download_text).decode("utf-8")
    assert "Check these signs again before each visit." in plain

    # Strong leg pain takes firm massage away, and says why.
    change_one_answer(page, content, "leg_pain", lambda: pick(page, "leg_pain", "8"))
    text = main_text(page)
    assert "May suit: Myofascial release" in text
    assert "Not for you now: Deep tissue massage and Trigger point therapy" in text
    assert "until the leg pain settles" in text

    # A clot risk takes firm calf work away.
    clot = "Something that makes a blood clot"
    change_one_answer(page, content, "health", lambda: tap_health(page, clot), on_screen_with=clot)
    text = main_text(page)
    assert "May suit: Myofascial release" in text
    assert "because: Something that makes a blood clot more likely" in text
    assert "firm pressure could move a clot" in text

    # Numbness at its maximum (one leg only) asks about the saddle area; "Yes" is the emergency.
    numbness = a.steps.bother.items[1].id
    change_one_answer(page, content, "bother", lambda: pick(page, f"sbi.{numbness}", "6"))
    saddle = recheck(content, "saddle")
    expect(page.get_by_text(saddle.text)).to_be_visible()
    assert "May suit" not in main_text(page)
    tap(page, page.get_by_role("button", name=saddle.button_yes))
    expect(emergency_alert(page, content)).to_be_visible()
    assert "around your genitals or your bottom" in main_text(page)
    assert "May suit" not in main_text(page)

    leave_for_the_body_map_without_the_place_in_the_address(page, content, addresses)
    assert hosts <= {urlparse(app_server.url).netloc}


def test_on_a_phone_buttock_numbness_then_age_alone_then_both_legs(
    app_server: RunningApp, reused_page: OpenPage, content: Content
) -> None:
    page = reused_page("phone", touch=True)
    open_assessment(page, app_server)
    # Numbness with buttock pain is asked about, with no false alarm; "No" carries on with
    # light pressure.
    saddle = recheck(content, "saddle")
    fill_in_on_a_phone(
        page,
        content,
        (("buttock", "Your left"),),
        ("3", "0", "0", "1"),
        health="Numbness or less feeling in your leg or foot",
    )
    expect(page.get_by_text(saddle.text)).to_be_visible()
    expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)
    assert "You ticked" not in main_text(page)
    tap(page, page.get_by_role("button", name=saddle.button_no))
    text = main_text(page)
    assert "May suit: Myofascial release" in text
    assert "Not for you now: Trigger point therapy and Deep tissue massage" in text

    # Age alone means a GP within days before any massage: no red alarm.
    age = "This is your first back pain, and you are under 20 or over 50"
    change_one_answer(
        page,
        content,
        "safety",
        lambda: tap(page, page.locator(".st-key-self-assessment").get_by_text(age)),
        on_screen_with=age,
    )
    expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)
    box = page.locator(".st-key-gp-first")
    expect(box).to_contain_text(content.red_flags.action("days", NUMBER))
    expect(box).to_contain_text("first back pain")
    assert content.assessment.result.no_massage in main_text(page)

    # Places on both legs are asked about again; "Yes" by touch is the emergency.
    both_legs = recheck(content, "both-legs")
    change_one_answer(page, content, "where", lambda: tap_place(page, "back-thigh", "Your right"))
    expect(page.get_by_text(both_legs.text)).to_be_visible()
    yes = page.get_by_role("button", name=both_legs.button_yes)
    assert_touch_size(yes)
    tap(page, yes)
    expect(emergency_alert(page, content)).to_be_visible()
    text = main_text(page)
    assert "Sciatica in both legs" in text and "May suit" not in text
    assert content.assessment.result.urgent.no_massage in text


def test_chest_pain_by_touch_is_the_emergency_with_its_why(
    app_server: RunningApp, reused_page: OpenPage, content: Content
) -> None:
    page = reused_page("phone", touch=True)
    open_assessment(page, app_server)
    form = page.locator(".st-key-self-assessment")
    chest = "Pain in your chest, a sudden tearing pain into your back"
    answer_safety_screens(page, content, until=chest)
    tap(page, form.get_by_text(chest))
    alert = emergency_alert(page, content)
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("big blood vessel")
