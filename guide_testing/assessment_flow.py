"""Walking the self-assessment's screens in tests: which screens ask what, and "No" to every
safety question in AppTest (the browser tests tap the same keys)."""

from __future__ import annotations

from typing import Any

from sciatica_guide.assessment.state import flag_none_key
from sciatica_guide.content import Content


def safety_screens(content: Content) -> list[tuple[str, list[str]]]:
    """(screen id, its question ids) for each safety screen, in order."""
    return [
        (screen.id, [q.id for q in screen.questions])
        for screen in content.assessment.steps.safety.screens
    ]


def answer_safety_none(at: Any, content: Content) -> None:
    """In an AppTest: "No" to every safety question, a screen at a time, ending on "where"."""
    for screen_id, questions in safety_screens(content):
        for question in questions:
            at.checkbox(key=flag_none_key(question)).check().run()
        at.button(key=f"continue-{screen_id}").click().run()
        assert not at.exception, at.exception


def tap_through_safety(page: Any, content: Content, *, touch: bool = True) -> None:
    """In Chromium, by touch (or mouse): "No" to every safety question, a screen at a time,
    ending on the "where" screen. (Each tap waits for the app's run.)"""
    from guide_testing.browser import wait_for_app_idle

    def press(target: Any) -> None:
        (target.tap if touch else target.click)()
        wait_for_app_idle(page)

    for _, questions in safety_screens(content):
        for question in questions:
            key = flag_none_key(question).replace(".", "-")
            press(page.locator(f".st-key-{key}").locator("label"))
        press(page.get_by_role("button", name=content.assessment.buttons.continue_))
