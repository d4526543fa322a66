"""Presenter mode steps through the gentle movements on a 1280x720 projector (keys and mouse), and
a phone in the workshop follows them by touch (issue 27, part 5)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from guide_testing.browser import (
    expect_inside_height,
    new_context,
    no_dialogs,
    shown_room_code,
    wait_for_app_idle,
)
from guide_testing.server import RunningApp, free_port, run_streamlit
from sciatica_guide.article.slides import first_movement_step, slide_at
from sciatica_guide.content import Content
from sciatica_guide.workshop.codes import spoken

SLOW = 30_000
#: A following phone hears of a move at once (the waker); a loaded 2-core machine gets slack.
FOLLOW_MS = 8_000
PROJECTOR = {"width": 1280, "height": 720}
SLIDE = ".st-key-present-movement"
PHONE_SLIDE = ".st-key-workshop-movement"


@pytest.fixture(scope="module")
def movements_server() -> Iterator[RunningApp]:
    port = free_port()
    # A public address: the strip shows its QR code, as in a room.
    with run_streamlit(
        port=port, env={"SCIATICA_GUIDE_PUBLIC_URL": f"http://guide.test:{port}"}
    ) as app:
        yield app


def press(page: Page, content: Content, key: str, step: int) -> None:
    """Press `key` and wait until the projector shows slide `step`. Waiting for an idle app
    alone is not enough: a press that leaves before the last one's run has started reaches the
    button drawn for the slide before, which by design does nothing (ui/controls.py)."""
    page.keyboard.press(key)
    label = slide_at(content, step).label(content.modes.presenter)
    expect(page.get_by_text(label, exact=True)).to_be_visible(timeout=SLOW)
    wait_for_app_idle(page, SLOW)


def expect_projector_slide(presenter: Page, content: Content, number: int) -> None:
    """Movement `number`'s slide and the controls, wholly on the projector's first screen."""
    words = content.modes.presenter
    movements = content.movements.movements
    movement = movements[number - 1]
    label = words.movement_label.format(number=number, total=len(movements))
    expect(presenter.get_by_text(label)).to_be_visible(timeout=SLOW)
    slide = presenter.locator(SLIDE)
    expect(slide.get_by_role("heading", name=movement.name)).to_be_visible()
    figure = slide.get_by_role(
        "img", name=content.movements.ui.picture_label.format(name=movement.name)
    )
    parts: list[Locator] = [
        presenter.get_by_role("button", name=words.previous),
        presenter.get_by_role("button", name=words.next),
        presenter.locator(".workshop-code-small"),
        figure,
        slide.get_by_text(movement.steps[-1]),
        slide.get_by_text(movement.dose),
        slide.get_by_text(movement.stop_if[-1]),
        # When to stop any movement: on screen on every movement's slide.
        slide.get_by_text(content.movements.ui.stop_heading),
        slide.get_by_text(content.movements.stop_signs[-1]),
        slide,
    ]
    for part in parts:
        expect_inside_height(part, PROJECTOR["height"])
    assert presenter.evaluate("window.scrollY") == 0
    # Large enough for the room: the picture a third of the slide's width, the steps' type at
    # least that of the page's body text on a 720-line screen.
    box = figure.bounding_box()
    assert box and box["width"] >= 280 and box["height"] >= 170, box
    size = slide.get_by_text(movement.steps[0]).evaluate(
        "el => parseFloat(getComputedStyle(el).fontSize)"
    )
    assert size >= 17, size


def expect_phone_slide(phone: Page, content: Content, number: int) -> None:
    words = content.modes.presenter
    movements = content.movements.movements
    movement = movements[number - 1]
    label = words.movement_label.format(number=number, total=len(movements))
    expect(phone.get_by_text(label)).to_be_visible(timeout=FOLLOW_MS)
    slide = phone.locator(PHONE_SLIDE)
    expect(slide.get_by_role("heading", name=movement.name)).to_be_visible(timeout=FOLLOW_MS)
    figure = slide.get_by_role(
        "img", name=content.movements.ui.picture_label.format(name=movement.name)
    )
    expect(figure).to_be_visible()
    # Sized for the phone: as wide as it can be, never wider than the screen.
    box = figure.bounding_box()
    width = phone.viewport_size["width"] if phone.viewport_size else 0
    assert box and box["width"] >= 250 and box["x"] + box["width"] <= width, box
    for text in (
        *movement.steps,
        movement.dose,
        *movement.stop_if,
        content.movements.stop_signs[0],
    ):
        expect(slide.get_by_text(text)).to_be_attached()
    assert phone.evaluate("document.documentElement.scrollWidth") <= width


def test_the_presenter_steps_through_the_movements_and_a_phone_follows(
    movements_server: RunningApp, browser: Browser, content: Content, tmp_path: Path
) -> None:
    words = content.modes.workshop
    presenter_context = new_context(browser, PROJECTOR)
    phone_context = new_context(browser, "phone", touch=True)
    try:
        presenter, phone = presenter_context.new_page(), phone_context.new_page()
        dialogs = [no_dialogs(p) for p in (presenter, phone)]
        presenter.goto(f"{movements_server.url}/present?mode=presenter")
        wait_for_app_idle(presenter, SLOW)
        presenter.get_by_role("button", name=words.start).click()
        wait_for_app_idle(presenter, SLOW)
        code = shown_room_code(presenter)
        phone.goto(f"{movements_server.url}/join?room={code}")
        wait_for_app_idle(phone, SLOW)
        expect(phone.get_by_text(words.following.format(code=spoken(code)))).to_be_visible(
            timeout=FOLLOW_MS
        )

        # The phone's arrival reruns the presenter's page (the count of phones): a key pressed
        # during that run was lost once under load. Press once it has settled.
        wait_for_app_idle(presenter, SLOW)
        # The arrow keys go on from the article's last section into the movements.
        for step in range(1, first_movement_step(content) + 1):
            press(presenter, content, "ArrowRight", step)
        expect_projector_slide(presenter, content, 1)
        expect_phone_slide(phone, content, 1)

        # Next by mouse: the second movement, on the projector and the phone.
        presenter.get_by_role("button", name=content.modes.presenter.next).click()
        wait_for_app_idle(presenter, SLOW)
        expect_projector_slide(presenter, content, 2)
        expect_phone_slide(phone, content, 2)
        presenter.screenshot(path=str(tmp_path / "projector-movement-2.png"))
        phone.screenshot(path=str(tmp_path / "phone-movement-2.png"), full_page=True)

        # Every movement fits the projector; the last one's Next is off.
        for number in range(3, len(content.movements.movements) + 1):
            press(presenter, content, "ArrowRight", first_movement_step(content) + number - 1)
            expect_projector_slide(presenter, content, number)
        expect(presenter.get_by_role("button", name=content.modes.presenter.next)).to_be_disabled()
        # And back by the left arrow key; the phone follows.
        last = len(content.movements.movements)
        press(presenter, content, "ArrowLeft", first_movement_step(content) + last - 2)
        expect_projector_slide(presenter, content, len(content.movements.movements) - 1)
        expect_phone_slide(phone, content, len(content.movements.movements) - 1)

        # The phone reads that movement on its own by touch: its card open on Beyond massage.
        movement = content.movements.movements[-2]
        phone.get_by_role("button", name=words.read_alone).tap()
        wait_for_app_idle(phone, SLOW)
        card = phone.locator(f".st-key-movement-{movement.id} details")
        expect(card).to_have_attribute("open", "", timeout=SLOW)
        expect(card.get_by_text(movement.steps[0])).to_be_visible()
        expect(phone.get_by_text(words.away.format(code=spoken(code)))).to_be_visible()
        assert dialogs == [[], []]
    finally:
        presenter_context.close()
        phone_context.close()
