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

from guide_testing.browser import OpenPage, wait_for_app_idle
from guide_testing.server import RunningApp
from sciatica_guide.content import Content
from sciatica_guide.ui.streamlit_internals import STYLES, InternalStyle

#: Streamlit's frontend code, where a test id shown only during a script run must still occur.
FRONTEND_JS = Path(streamlit.__file__).parent / "static" / "static" / "js"
#: How long a settled page may take to draw the element (a component's value can rerun it).
SETTLE_MS = 15_000
ALL_MATCH = "sels => sels.every(s => document.querySelector(s) !== null)"


def _id(style: InternalStyle) -> str:
    return f"{style.mode or 'all'}-{style.selectors[0]}"


def _to_assessment_step(page: Page, content: Content, step: int) -> None:
    # Step 1 to 3 by touch: no urgent signs, the left calf (as tests/browser/test_self_assessment).
    a = content.assessment
    if step < 2:
        return
    for group in content.red_flags.groups:
        page.locator(f".st-key-guide-assessment-w-flag-none-{group.id}").locator("label").tap()
        wait_for_app_idle(page)
    page.get_by_role("button", name=a.buttons.continue_).tap()
    wait_for_app_idle(page)
    if step < 3:
        return
    page.locator(".st-key-guide-assessment-w-where-calf").get_by_role(
        "button", name="Your left"
    ).tap()
    wait_for_app_idle(page)
    page.get_by_role("button", name=a.buttons.continue_).tap()
    wait_for_app_idle(page)
    expect(page.get_by_text(a.progress.format(step=3, total=5))).to_be_visible()


@pytest.mark.parametrize("style", STYLES, ids=[_id(s) for s in STYLES])
def test_each_internal_selector_still_matches_where_it_applies(
    app_server: RunningApp, open_page: OpenPage, content: Content, style: InternalStyle
) -> None:
    probe = style.probe
    if probe.when == "bundle":
        ids = [re.search(r'data-testid="(\w+)"', s) for s in style.selectors]
        assert all(ids), style.selectors
        code = "\n".join(p.read_text(errors="replace") for p in FRONTEND_JS.glob("*.js"))
        missing = [m.group(1) for m in ids if m and m.group(1) not in code]
        assert missing == [], f"Streamlit's frontend has no {missing}: {style.reason}"
        return
    page = open_page(probe.viewport, touch=probe.viewport != "desktop")
    query = f"?mode={style.mode.value}" if style.mode else ""
    page.goto(f"{app_server.url}/{probe.path}{query}")
    wait_for_app_idle(page)
    _to_assessment_step(page, content, probe.assessment_step)
    # Wait on the page's state (every selector matching), then report what does not.
    with suppress(PlaywrightError):
        page.wait_for_function(ALL_MATCH, arg=list(style.selectors), timeout=SETTLE_MS)
    counts = page.evaluate(
        "sels => sels.map(s => document.querySelectorAll(s).length)", list(style.selectors)
    )
    matched = {s for s, n in zip(style.selectors, counts, strict=True) if n}
    missing = [s for s in style.selectors if s not in matched]
    assert missing == [], f"no element matches {missing}: {style.reason}"
    # And the rule is in the page: a stylesheet the frontend dropped would match nothing.
    shown = page.evaluate(
        "() => [...document.querySelectorAll('style')].map(s => s.textContent).join('\\n')"
    )
    assert style.css() in shown


def test_the_clinic_tablet_really_hides_streamlits_menu_and_toolbar(
    app_server: RunningApp, open_page: OpenPage
) -> None:
    # Present in the page (so the selectors still match) and not displayed.
    page = open_page("tablet", touch=True)
    page.goto(f"{app_server.url}/?mode=clinic")
    wait_for_app_idle(page)
    for selector in ('[data-testid="stToolbar"]', '[data-testid="stMainMenu"]'):
        element = page.locator(selector)
        expect(element).to_have_count(1)
        assert element.evaluate("el => getComputedStyle(el).display") == "none", selector
