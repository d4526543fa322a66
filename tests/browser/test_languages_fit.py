"""Every page in Chinese, Malay and Tamil at phone size (issue 28): no text clipped or cut off
with "…", no sideways scroll, and how many phone screens each page takes (the English target is
4; longer translated pages are listed below with their measure until their words are shortened)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from guide_testing.browser import VIEWPORTS, new_context, wait_for_app_idle
from guide_testing.server import RunningApp
from sciatica_guide.content import load_content

MAX_SCREENS = 4.0
#: Translated pages longer than the English target, as measured (December 2026): the safety
#: list on Massage techniques stays open in every language, and Tamil words are long. A page
#: may not grow past its measure; shorter words (a reviewer's) bring it off this list.
LONGER: dict[tuple[str, str], float] = {
    ("ms", "techniques"): 4.5,
    ("ta", "techniques"): 6.8,
    ("ta", "overview"): 4.4,
}
SLACK = 0.25

#: Text cut off by its box (hidden overflow or an ellipsis), and sideways scroll of the page.
#: The language button's name is hidden on a phone on purpose (its icon shows; guide.css).
CLIPPED_JS = """() => {
  const cut = [];
  for (const el of document.querySelectorAll('[data-testid="stMain"] *')) {
    if (!el.textContent.trim() || el.children.length > 3) continue;
    if (el.closest('.st-key-language')) continue;
    const s = getComputedStyle(el);
    const hides = s.overflowX !== 'visible' || s.textOverflow === 'ellipsis';
    if (hides && el.scrollWidth > el.clientWidth + 1) cut.push(el.textContent.trim().slice(0, 60));
  }
  const main = document.querySelector('[data-testid="stMain"]');
  return [cut, main.scrollWidth - main.clientWidth, main.scrollHeight];
}"""


@pytest.mark.parametrize("code", ["zh", "ms", "ta"])
def test_every_page_fits_a_phone_in_each_language(
    app_server: RunningApp, browser: Browser, code: str
) -> None:
    content = load_content(None, code)
    screen = VIEWPORTS["phone"]["height"]
    context = new_context(browser, "phone", touch=True)
    problems: dict[str, object] = {}
    lengths: dict[str, float] = {}
    try:
        page = context.new_page()
        for spec in content.pages_in("standard"):
            if spec.hidden:
                continue
            page.goto(f"{app_server.url}/{spec.link_path}?lang={code}")
            wait_for_app_idle(page)
            page.get_by_role("heading", name=spec.title, level=1).wait_for()
            cut, sideways, height = page.evaluate(CLIPPED_JS)
            if cut or sideways > 0:
                problems[spec.id] = {"clipped": cut, "sideways": sideways}
            lengths[spec.id] = round(height / screen, 2)
    finally:
        context.close()
    assert problems == {}
    too_long = {
        page_id: n
        for page_id, n in lengths.items()
        if n
        > LONGER.get((code, page_id), MAX_SCREENS) + (SLACK if (code, page_id) in LONGER else 0)
    }
    assert too_long == {}, lengths
    assert len(lengths) >= 6, lengths
