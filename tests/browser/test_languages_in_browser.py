"""The guide in other languages, in Chromium at phone size by touch: a shared link's ?lang= opens
the guide in that language with English a tap away; the language button switches every page of
the session; the safety words read in Chinese where they matter most (the urgent box, the calf's
clot warning, the self-assessment's urgent result, the take-away leaflet); and a hostile ?lang=
value falls back quietly, never shown."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

# pytest puts this folder on sys.path (rootdir "prepend" import mode).
from test_body_map import point_inside
from test_self_assessment import tap

from guide_testing.browser import (
    OpenPage,
    no_dialogs,
    open_page_from_menu,
    tab_to,
    wait_for_address,
    wait_for_app_idle,
    wait_until_shown,
)
from guide_testing.server import RunningApp, run_streamlit
from sciatica_guide.body_map.panel import region_panel
from sciatica_guide.body_map.panel_html import first_line
from sciatica_guide.content import Content, load_content

EN = load_content()
ZH = load_content(None, "zh")
MS = load_content(None, "ms")
#: The default country's (Singapore's) emergency number.
NUMBER = "995"
#: Each language's own name, as the language button and its choices show it.
NAMES = {"en": "English", "zh": "简体中文", "ms": "Bahasa Melayu"}
#: The page's language tag for each.
TAGS = {"en": "en", "zh": "zh-Hans", "ms": "ms"}
CONTENTS = {"en": EN, "zh": ZH, "ms": MS}


@pytest.fixture(scope="module")
def app_server() -> Iterator[RunningApp]:
    """The guide as deployed (every complete language offered), for this module only."""
    with run_streamlit() as app:
        yield app


@dataclass(frozen=True)
class Phone:
    page: Page
    #: Every alert or confirm the page opened (dismissed): stays empty.
    dialogs: list[str]


@pytest.fixture(scope="module")
def _phone(module_open_page: OpenPage) -> Phone:
    page = module_open_page("phone", touch=True)
    return Phone(page, no_dialogs(page))


@pytest.fixture
def phone(_phone: Phone) -> Phone:
    """The module's one touch phone (390x844): each test opens its address in it, so each gets
    a new Streamlit session, in the browser's own language (Chromium's en-US)."""
    _phone.dialogs.clear()
    for other in _phone.page.context.pages:
        if other is not _phone.page:
            other.close()
    return _phone


def urgent_summary(page: Page, content: Content) -> Locator:
    """The title of the urgent-help box on every page."""
    return page.locator(".st-key-urgent-help summary").filter(has_text=content.red_flags.title)


def language_button(page: Page, language: str) -> Locator:
    """The language button, named in the session's language (its own name)."""
    return page.locator(".st-key-language").get_by_role("button", name=NAMES[language])


def assert_page_in(page: Page, language: str) -> None:
    """The page reads in `language`: its tag, the urgent box's title, the language button."""
    expect(page.locator("html")).to_have_attribute("lang", TAGS[language])
    expect(urgent_summary(page, CONTENTS[language])).to_be_visible()
    expect(language_button(page, language)).to_be_visible()


def english_link(page: Page, content: Content) -> Locator:
    notice = page.locator(".st-key-translation-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(content.languages.words.unreviewed)
    return notice.get_by_role("link", name=content.languages.words.in_english)


def assert_links_to_this_page_in_english(link: Locator) -> None:
    """The link is this page's own path with ?lang=en, and opens beside it (a new tab)."""
    origin, path, search, here_origin, here_path, target = link.evaluate(
        """a => { const u = new URL(a.href);
                  return [u.origin, u.pathname, u.search, location.origin, location.pathname,
                          a.target]; }"""
    )
    assert (origin, path, search) == (here_origin, here_path, "?lang=en")
    assert target == "_blank"


def squashed(text: str) -> str:
    """Text without any space, and without the NULs pypdf puts between a CJK font's glyphs
    (pdftotext reads the same PDF without them: pypdf's reading, not the PDF)."""
    return "".join(text.replace("\x00", "").split())


def font_names(reader: PdfReader) -> set[str]:
    """The base names of the fonts the PDF's pages draw with ("/ABCDEF+NotoSansCJKSC")."""
    names: set[str] = set()
    for pdf_page in reader.pages:
        resources = pdf_page["/Resources"].get_object()
        assert isinstance(resources, DictionaryObject)
        fonts = resources["/Font"].get_object()
        assert isinstance(fonts, DictionaryObject)
        for font in fonts.values():
            described = font.get_object()
            assert isinstance(described, DictionaryObject)
            names.add(str(described["/BaseFont"]))
    return names


def test_a_link_in_malay_opens_the_guide_in_malay_with_english_a_tap_away(
    app_server: RunningApp, phone: Phone
) -> None:
    page = phone.page
    page.goto(f"{app_server.url}/?lang=ms")
    wait_for_app_idle(page)
    assert_page_in(page, "ms")
    assert page.evaluate("() => document.documentElement.lang") == "ms"

    # Not checked by a health professional: one line says so, English a tap away.
    link = english_link(page, MS)
    expect(link).to_be_visible()
    assert_links_to_this_page_in_english(link)
    with page.context.expect_page() as opened:
        link.tap()
    english = opened.value
    wait_for_app_idle(english)
    assert english.evaluate("() => location.pathname + location.search") == "/?lang=en"
    assert_page_in(english, "en")
    expect(english.locator(".st-key-translation-notice")).to_have_count(0)
    english.close()
    # The Malay page stays as it was.
    assert_page_in(page, "ms")
    assert phone.dialogs == []


def test_choosing_chinese_on_the_button_changes_the_page_and_is_kept_on_the_next(
    app_server: RunningApp, phone: Phone
) -> None:
    page = phone.page
    page.goto(app_server.url)
    wait_for_app_idle(page)
    assert_page_in(page, "en")
    expect(page.locator(".st-key-translation-notice")).to_have_count(0)

    # The button opens the choice, each language in its own name.
    tap(page, language_button(page, "en"))
    choices = page.get_by_role("radiogroup", name=EN.languages.words.control)
    expect(choices).to_be_visible()
    for name in NAMES.values():
        expect(choices.get_by_text(name, exact=True)).to_be_visible()
    choices.locator('[data-testid="stRadioOption"]').filter(has_text=NAMES["zh"]).tap()
    wait_until_shown(page, ZH.red_flags.title)
    assert_page_in(page, "zh")
    # The open choice follows too; the button, tapped again, closes it.
    expect(page.get_by_role("radiogroup", name=ZH.languages.words.control)).to_be_visible()
    tap(page, language_button(page, "zh"))
    expect(page.locator('[data-testid="stPopoverBody"]')).to_have_count(0)

    # The urgent box, opened: its signs and the number to call, in Chinese.
    tap(page, urgent_summary(page, ZH))
    box = page.locator(".st-key-urgent-help")
    first_sign = ZH.red_flags.groups[0].flags[0].text
    expect(box.get_by_text(first_sign, exact=True)).to_be_visible()
    expect(box).to_contain_text(ZH.red_flags.action("emergency", NUMBER))
    expect(box.locator(f'a[href="tel:{NUMBER}"]').first).to_be_visible()

    # Another page from the menu: the same session, still in Chinese.
    body_map = ZH.page("body-map")
    open_page_from_menu(page, body_map.title, touch=True)
    wait_for_app_idle(page)
    expect(page.get_by_role("heading", name=body_map.title, level=1)).to_be_visible()
    assert_page_in(page, "zh")
    assert page.evaluate("() => location.pathname").rstrip("/").endswith(f"/{body_map.url_path}")
    assert_links_to_this_page_in_english(english_link(page, ZH))
    assert phone.dialogs == []


def test_in_chinese_the_calfs_clot_warning_reads_in_chinese(
    app_server: RunningApp, phone: Phone
) -> None:
    page = phone.page
    page.goto(f"{app_server.url}/body-map?lang=zh")
    wait_for_app_idle(page)
    assert_page_in(page, "zh")
    svg = page.locator("svg.bm-svg")
    expect(svg).to_be_attached()
    if svg.get_attribute("data-view") != "back":
        tap(page, page.get_by_role("radio", name=ZH.body_map.ui.views["back"]))
        expect(svg).to_have_attribute("data-view", "back")
    x, y = point_inside(page, "calf-left")
    page.touchscreen.tap(x, y)

    panel = page.locator(".st-key-bm-panel")
    calf = ZH.region("calf-left")
    assert calf is not None
    expect(panel.locator("h3")).to_have_text(calf.name)
    clot = ZH.precaution("calf-clot")
    note = panel.locator(".bp-check").first
    expect(note).to_contain_text(ZH.body_map.ui.check_first)
    expect(note).to_contain_text(clot.advice_text(NUMBER))
    # The phone's bar above the figure: the warning, condition first, and one tap to call.
    shown = region_panel(ZH, "calf-left", NUMBER)
    assert shown is not None
    expect(page.locator(".bm-now .bm-now-line")).to_have_text(first_line(ZH, shown)["line"])
    expect(page.locator(".bm-now .bm-now-call")).to_have_attribute("href", f"tel:{NUMBER}")
    wait_for_address(page, "region=calf-left")
    wait_for_app_idle(page)
    # Still Chinese once the server has run for the tap.
    expect(panel.locator("h3")).to_have_text(calf.name)
    assert_page_in(page, "zh")
    assert phone.dialogs == []


def test_in_chinese_an_urgent_sign_gives_the_urgent_result_first(
    app_server: RunningApp, phone: Phone
) -> None:
    page = phone.page
    a = ZH.assessment
    page.goto(f"{app_server.url}/self-assessment?lang=zh")
    wait_for_app_idle(page)
    expect(
        page.get_by_role("heading", name=ZH.page("self-assessment").title, level=1)
    ).to_be_visible()
    assert_page_in(page, "zh")

    form = page.locator(".st-key-self-assessment")
    sign = next(f.text for f in ZH.red_flags.all_flags() if f.id == "saddle-numbness")
    tap(page, form.get_by_text(sign, exact=True))
    action = ZH.red_flags.action("emergency", NUMBER)
    alert = page.locator('[data-testid="stAlertContentError"]').filter(has_text=action)
    expect(alert).to_be_visible()
    # Above the questions, as soon as the sign is ticked.
    question = form.get_by_text(a.steps.safety.questions[0].question)
    assert alert.bounding_box()["y"] < question.bounding_box()["y"]  # type: ignore[index]

    tap(page, page.get_by_role("button", name=a.buttons.continue_))
    heading = page.get_by_role("heading", name=a.result.title)
    expect(heading).to_be_visible()
    expect(alert).to_be_visible()
    expect(page.locator(".st-key-urgent-call").locator(f'a[href="tel:{NUMBER}"]')).to_be_visible()
    expect(page.get_by_text(a.result.urgent.no_massage)).to_be_visible()
    # The urgent message comes first: above the result.
    assert alert.bounding_box()["y"] < heading.bounding_box()["y"]  # type: ignore[index]
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert sign in main
    assert EN.red_flags.action("emergency", NUMBER) not in main
    assert phone.dialogs == []


def test_in_chinese_the_leaflet_is_in_chinese_with_urgent_help_first(
    app_server: RunningApp, phone: Phone
) -> None:
    page = phone.page
    page.goto(f"{app_server.url}/?lang=zh")
    wait_for_app_idle(page)
    assert_page_in(page, "zh")
    button = page.get_by_role("button", name=ZH.modes.leaflet.button)
    button.scroll_into_view_if_needed()
    with page.expect_download() as info:
        button.tap()
    assert info.value.suggested_filename == ZH.modes.leaflet.file_name
    reader = PdfReader(io.BytesIO(info.value.path().read_bytes()))
    assert len(reader.pages) == 2
    first = squashed(reader.pages[0].extract_text())
    heading = squashed(ZH.modes.handout.urgent_heading)
    assert heading in first
    assert squashed(ZH.red_flags.action("emergency", NUMBER)) in first
    assert squashed(ZH.red_flags.groups[0].flags[0].text) in first
    # Urgent help before the article's key points.
    assert first.index(heading) < first.index(squashed(ZH.modes.leaflet.key_points_heading))
    assert squashed(EN.modes.handout.urgent_heading) not in first
    # Drawn in a Chinese face (DejaVu has no Chinese: it would draw empty boxes).
    fonts = font_names(reader)
    assert any("NotoSansCJK" in name for name in fonts), fonts
    assert phone.dialogs == []


@pytest.mark.parametrize(
    ("value", "language"),
    [
        ("<script>alert(1)</script>", "en"),
        ('zh"><img src=x onerror=alert(1)>', "en"),
        ("zh" + "x" * 4998, "en"),
        ("../../etc", "en"),
        ("ZH", "zh"),
        ("", "en"),
    ],
    ids=["script", "attribute", "5000-characters", "path", "upper-case", "empty"],
)
def test_a_hostile_lang_value_falls_back_quietly(
    app_server: RunningApp, phone: Phone, value: str, language: str
) -> None:
    page = phone.page
    page.goto(f"{app_server.url}/?lang={quote(value, safe='')}")
    wait_for_app_idle(page)
    assert_page_in(page, language)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.locator("img[src='x']")).to_have_count(0)
    notice = page.locator(".st-key-translation-notice")
    expect(notice).to_have_count(0 if language == "en" else 1)
    if value and language == "en":
        # Not repeated anywhere: the guide cuts a value to 40 characters before reading it.
        text = page.locator("body").inner_text()
        assert value[:40] not in text
        assert value[:40] not in page.title()
    assert phone.dialogs == []


@pytest.mark.parametrize("how", ["touch", "mouse", "keyboard"])
def test_on_a_tablet_the_language_button_works_by_touch_mouse_and_keyboard(
    app_server: RunningApp, open_page: OpenPage, how: str
) -> None:
    page = open_page("tablet", touch=how == "touch")
    dialogs = no_dialogs(page)
    page.goto(app_server.url)
    wait_for_app_idle(page)
    assert_page_in(page, "en")
    button = language_button(page, "en")
    # A tablet shows the button's name beside its icon, and it is a 44 px target.
    box = button.bounding_box()
    assert box and box["height"] >= 44
    expect(button).to_contain_text(NAMES["en"])
    choices = page.get_by_role("radiogroup", name=EN.languages.words.control)
    if how == "keyboard":
        tab_to(page, button)
        page.keyboard.press("Enter")
        expect(choices).to_be_visible()
        # One Tab stop for the group (the chosen language), then the arrow keys: the next
        # language (简体中文) is chosen at once.
        tab_to(page, choices.get_by_role("radio", name=NAMES["en"]))
        page.keyboard.press("ArrowDown")
        chosen = "zh"
    else:
        option = choices.locator('[data-testid="stRadioOption"]').filter(has_text=NAMES["ms"])
        for target in (button, option):
            if how == "touch":
                target.tap()
            else:
                target.click()
        chosen = "ms"
    wait_until_shown(page, CONTENTS[chosen].red_flags.title)
    assert_page_in(page, chosen)
    assert dialogs == []
