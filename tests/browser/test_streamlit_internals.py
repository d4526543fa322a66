"""Each style that needs Streamlit's internal markup still finds its elements.

ui/streamlit_internals.py keeps every such selector with the page where it applies; a Streamlit
upgrade that renames a data-testid or class would otherwise drop the style without an error
(the clinic tablet would show Streamlit's menu again, touch targets would shrink).
"""

from __future__ import annotations

import re
from contextlib import suppress
from pathlib import Path

import pytest
import streamlit
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from guide_testing.assessment_flow import safety_screens, tap_through_safety
from guide_testing.browser import OpenPage, wait_for_app_idle
from guide_testing.server import RunningApp
from sciatica_guide.assessment.screens import question_screens
from sciatica_guide.content import Content
from sciatica_guide.ui.streamlit_internals import STYLES, InternalStyle

#: Streamlit's frontend code, where a test id shown only during a script run must still occur.
FRONTEND_JS = Path(streamlit.__file__).parent / "static" / "static" / "js"
#: How long a settled page may take to draw the element (a component's value can rerun it).
SETTLE_MS = 15_000
ALL_MATCH = "sels => sels.every(s => document.querySelector(s) !== null)"


#: The styles seen on a settled page, grouped by where they are seen (path, mode, viewport): one
#: page load per place checks all of its styles, the self-assessment's in step order.
Place = tuple[str, str, str]
IDLE: dict[Place, list[InternalStyle]] = {}
for _style in sorted(STYLES, key=lambda s: s.probe.assessment_step):
    if _style.probe.when == "idle":
        _mode = _style.mode.value if _style.mode else ""
        IDLE.setdefault((_style.probe.path, _mode, _style.probe.viewport), []).append(_style)
BUNDLE = [s for s in STYLES if s.probe.when == "bundle"]


def _place_id(place: Place) -> str:
    path, mode, viewport = place
    return f"{path or 'home'}-{mode or 'all'}-{viewport}"


def _to_assessment_step(page: Page, content: Content, step: int, *, start: int = 1) -> None:
    # From step `start` to `step` by touch: no urgent signs, the left calf (as
    # tests/browser/test_self_assessment).
    a = content.assessment
    if start < 2 <= step:
        tap_through_safety(page, content)
    if start < 3 <= step:
        page.locator('[class*="st-key-guide-assessment-w-where-calf"]').get_by_role(
            "button", name="Your left"
        ).tap()
        wait_for_app_idle(page)
        page.get_by_role("button", name=a.buttons.continue_).tap()
        wait_for_app_idle(page)
        # The pain screen: the one after "where".
        pain = 2 + len(safety_screens(content))
        total = len(question_screens(content))
        expect(page.get_by_text(a.progress.format(step=pain, total=total))).to_be_visible()
    if start < 4 <= step:
        for key, value in (("back_pain", "3"), ("leg_pain", "4")):
            page.locator(f".st-key-guide-assessment-w-{key}").get_by_role(
                "radio", name=value, exact=True
            ).tap()
            wait_for_app_idle(page)
        page.get_by_role("button", name=a.buttons.continue_).tap()
        wait_for_app_idle(page)
        expect(page.locator('[data-testid="stRadio"]').first).to_be_visible()


def _missing(page: Page, style: InternalStyle) -> list[str]:
    """The style's selectors that match nothing once the page has settled."""
    # Wait on the page's state (every selector matching), then report what does not.
    with suppress(PlaywrightError):
        page.wait_for_function(ALL_MATCH, arg=list(style.selectors), timeout=SETTLE_MS)
    counts = page.evaluate(
        "sels => sels.map(s => document.querySelectorAll(s).length)", list(style.selectors)
    )
    return [s for s, n in zip(style.selectors, counts, strict=True) if not n]


_STYLE_SHOWN_JS = """(css) =>
  [...document.querySelectorAll('style')].some((s) => s.textContent.includes(css))"""


@pytest.mark.parametrize("place", list(IDLE), ids=[_place_id(p) for p in IDLE])
def test_each_internal_selector_still_matches_where_it_applies(
    app_server: RunningApp, reused_page: OpenPage, content: Content, place: Place
) -> None:
    path, mode, viewport = place
    page = reused_page(viewport, touch=viewport != "desktop")
    page.goto(f"{app_server.url}/{path}" + (f"?mode={mode}" if mode else ""))
    wait_for_app_idle(page)
    step = 1
    for style in IDLE[place]:
        _to_assessment_step(page, content, style.probe.assessment_step, start=step)
        step = style.probe.assessment_step
        missing = _missing(page, style)
        assert missing == [], f"no element matches {missing}: {style.reason}"
        # And the rule is in the page: a stylesheet the frontend dropped would match nothing.
        # Waited for: under load a rerun can have the guide's style element out of the page for
        # a moment (seen once with four test workers).
        with suppress(PlaywrightError):  # reported by the assertion below
            page.wait_for_function(_STYLE_SHOWN_JS, arg=style.css(), timeout=10_000)
        shown = page.evaluate(
            "() => [...document.querySelectorAll('style')].map(s => s.textContent).join('\\n')"
        )
        assert style.css() in shown, style.reason


@pytest.mark.parametrize("style", BUNDLE, ids=[s.selectors[0] for s in BUNDLE])
def test_each_selector_seen_only_during_a_run_is_in_streamlits_frontend(
    style: InternalStyle,
) -> None:
    ids = [re.search(r'data-testid="(\w+)"', s) for s in style.selectors]
    assert all(ids), style.selectors
    code = "\n".join(p.read_text(errors="replace") for p in FRONTEND_JS.glob("*.js"))
    missing = [m.group(1) for m in ids if m and m.group(1) not in code]
    assert missing == [], f"Streamlit's frontend has no {missing}: {style.reason}"


def test_the_clinic_tablet_really_hides_streamlits_menu_and_toolbar_actions(
    app_server: RunningApp, reused_page: OpenPage
) -> None:
    # Present in the page (so the selectors still match) and not displayed.
    page = reused_page("tablet", touch=True)
    page.goto(f"{app_server.url}/?mode=clinic")
    wait_for_app_idle(page)
    for selector in ('[data-testid="stToolbarActions"]', '[data-testid="stMainMenu"]'):
        element = page.locator(selector)
        expect(element).to_have_count(1)
        assert element.evaluate("el => getComputedStyle(el).display") == "none", selector
    # The pages stay in the top bar.
    expect(page.locator('[data-testid="stTopNav"]')).to_be_visible()
