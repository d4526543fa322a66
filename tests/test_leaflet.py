"""The two-page leaflet (issue 27): one A4 sheet, both sides; urgent help first on page 1 with
the country's numbers, the article's key points quoted and attributed, the three techniques
with their figure, the movements with when to stop, a QR code back to the guide. And the long
booklet, now with urgent help on page 1 (it began with a nearly blank page)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from guide_testing.content_copy import edited_content
from sciatica_guide import pdf as guide_pdf
from sciatica_guide.article.handout import build_handout_pdf
from sciatica_guide.article.leaflet import build_leaflet_pdf, fitted_scale
from sciatica_guide.content import Content, load_content
from sciatica_guide.content.errors import ContentError
from sciatica_guide.fonts import script_fonts
from sciatica_guide.help_html import help_lines
from sciatica_guide.local_help import settings_help
from sciatica_guide.settings import Settings

APP = str(Path(__file__).parent.parent / "app.py")
URL = "https://guide.example.org/"


def normalise(text: str) -> str:
    # PDF text extraction breaks lines where the layout wrapped them.
    return " ".join(text.split())


def pages(data: bytes) -> list[str]:
    return [normalise(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


SETTINGS = [
    Settings(country="sg", public_url=URL),
    Settings(country="uk"),
    Settings(country="other"),
    Settings(emergency_number="112", public_url=URL),
]


@pytest.mark.parametrize("settings", SETTINGS, ids=["sg", "uk", "other", "number"])
def test_exactly_two_pages_with_urgent_help_and_its_numbers_on_page_1(
    content: Content, settings: Settings
) -> None:
    first, second = pages(build_leaflet_pdf(content, settings))
    help = settings_help(content, settings)
    assert content.modes.handout.urgent_heading in first
    for flag in content.red_flags.all_flags():
        assert normalise(flag.text) in first, flag.id
    for line in help_lines(content, help):
        assert normalise(line) in first, line
    assert content.red_flags.action("emergency", help.number) in first
    # Urgent help before the article's words and before anything about massage techniques.
    urgent = first.index(content.modes.handout.urgent_heading)
    assert urgent < first.index(content.modes.leaflet.key_points_heading)
    for technique in content.techniques.techniques:
        assert technique.name not in first[:urgent]
    assert second.startswith(content.modes.leaflet.techniques_heading)


@pytest.mark.parametrize("settings", SETTINGS, ids=["sg", "uk", "other", "number"])
def test_its_type_stays_readable(content: Content, settings: Settings) -> None:
    # Sizes step down until it fits; below 0.95 the urgent signs would print under 8 points.
    # Content that needs more room must be shortened, or a page given to it, not squeezed.
    assert fitted_scale(content, settings) >= 0.95
    assert fitted_scale(content, settings, unicode_font=False) >= 0.95


def test_page_1_quotes_the_article_word_for_word_and_says_whose_it_is(content: Content) -> None:
    first, _ = pages(build_leaflet_pdf(content, Settings(country="sg")))
    meta = content.site.article
    assert meta.title in first and meta.publisher in first and meta.date in first
    for point in content.modes.leaflet.key_points:
        assert f"“{normalise(point)}”" in first
    # How strong the evidence is, beside the quotes.
    for heading in content.modes.leaflet.evidence_notes:
        for note in content.notes_for(heading):
            assert normalise(note.text) in first


def test_page_2_has_the_techniques_where_they_are_used_and_the_movements(
    content: Content,
) -> None:
    _, second = pages(build_leaflet_pdf(content, Settings(country="sg")))
    for technique in content.techniques.techniques:
        assert technique.name in second
    views = content.body_map.ui.views
    assert second.count(views["back"]) >= 3 and second.count(views["front"]) >= 3
    for precaution in content.precautions.precautions:
        assert normalise(precaution.label) in second, precaution.id
    movements = content.movements
    assert movements.ui.stop_heading in second
    for sign in movements.stop_signs:
        assert normalise(sign) in second
    for movement in movements.movements:
        assert movement.name in second
        assert normalise(movement.dose) in second
        for step in movement.steps:
            assert normalise(step) in second
    # Who should leave which out, and why (the rules the self-assessment applies).
    assert content.modes.leaflet.movements_check in second
    for rule in movements.precautions:
        assert normalise(rule.why) in second, rule.precaution


def test_a_qr_code_leads_back_to_the_guide_where_its_address_is_known(content: Content) -> None:
    with_address = PdfReader(io.BytesIO(build_leaflet_pdf(content, Settings(public_url=URL))))
    assert len(with_address.pages[0].images) == 1
    assert URL in normalise(with_address.pages[0].extract_text())
    assert content.modes.leaflet.qr_caption in with_address.pages[0].extract_text()
    without = PdfReader(io.BytesIO(build_leaflet_pdf(content, Settings())))
    assert len(without.pages[0].images) == 0
    assert content.modes.leaflet.qr_caption not in without.pages[0].extract_text()


def test_fits_two_pages_without_the_dejavu_font(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, content: Content
) -> None:
    monkeypatch.setattr(guide_pdf, "DEJAVU_DIR", tmp_path / "no-fonts")
    data = build_leaflet_pdf(content, Settings(emergency_number="999", public_url=URL))
    assert b"DejaVu" not in data
    first, _ = pages(data)
    assert "Call 999 or go to an emergency department now" in first


def test_a_key_point_not_in_the_article_is_refused(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["leaflet"]["key_points"][0] = "Massage cures sciatica in one session."

    with pytest.raises(ContentError, match="word for word") as caught:
        load_content(edited_content(tmp_path, change, "modes.yaml"))
    assert "leaflet.key_points[0]" in str(caught.value)


def test_an_unknown_evidence_heading_is_refused(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["leaflet"]["evidence_notes"] = ["No such heading"]

    with pytest.raises(ContentError, match="No such heading"):
        load_content(edited_content(tmp_path, change, "modes.yaml"))


def test_the_booklet_has_urgent_help_on_page_1(content: Content) -> None:
    settings = Settings(country="sg", public_url=URL)
    first = pages(build_handout_pdf(content, settings))[0]
    assert content.modes.handout.heading in first
    for flag in content.red_flags.all_flags():
        assert normalise(flag.text) in first, flag.id
    for line in help_lines(content, settings_help(content, settings)):
        assert normalise(line) in first, line


def _labels(at: AppTest) -> list[str]:
    return [el.proto.label for el in at.get("download_button")]


def test_the_sources_page_offers_the_leaflet_then_the_booklet(content: Content) -> None:
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.switch_page("app_pages/sources.py").run()
    assert not at.exception
    labels = _labels(at)
    leaflet, booklet = content.modes.leaflet.button, content.modes.handout.button
    assert labels.index(leaflet) < labels.index(booklet)


def test_the_overview_offers_the_leaflet_only(content: Content) -> None:
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    labels = _labels(at)
    assert content.modes.leaflet.button in labels
    assert content.modes.handout.button not in labels


def _fonts(data: bytes) -> set[str]:
    found: set[str] = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            found.add(str(font.get_object()["/BaseFont"]))
    return found


@pytest.mark.parametrize(
    ("code", "font"), [("zh", "NotoSansCJK"), ("ms", "DejaVuSans"), ("ta", "NotoSansTamil")]
)
def test_each_language_has_its_own_two_page_leaflet_with_its_fonts(code: str, font: str) -> None:
    if not script_fonts(code) and code != "ms":
        pytest.skip("Noto fonts not installed (scripts/test.sh installs them)")
    translated = load_content(None, code)
    data = build_leaflet_pdf(translated, Settings(public_url=URL))
    first, _second = pages(data)  # exactly two pages
    assert any(font in name for name in _fonts(data)), _fonts(data)
    # Chinese: pypdf puts a NUL between the glyphs of the CJK font.
    squeezed = "".join(first.replace("\x00", "").split())
    heading = "".join(translated.modes.handout.urgent_heading.split())
    if code != "ta":  # Tamil is shaped: its glyphs do not map back to letters one by one
        assert heading in squeezed
        action = "".join(translated.red_flags.action("emergency", "995").split())
        assert action in squeezed
