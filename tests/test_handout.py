"""The printable handout: everything the brief promises is in the PDF, urgent help first."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from sciatica_guide import pdf as guide_pdf
from sciatica_guide.article.handout import build_handout_pdf
from sciatica_guide.content import Content
from sciatica_guide.settings import Settings

FIXTURE = Path(__file__).parent / "fixtures" / "article_body.txt"
APP = str(Path(__file__).parent.parent / "app.py")


def normalise(text: str) -> str:
    # PDF text extraction breaks lines where the layout wrapped them.
    return " ".join(text.split())


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return normalise("\n".join(page.extract_text() for page in reader.pages))


@pytest.fixture(scope="module")
def handout_text(content: Content) -> str:
    return pdf_text(build_handout_pdf(content, Settings(emergency_number="112")))


def test_is_a_pdf(content: Content) -> None:
    data = build_handout_pdf(content, Settings())
    assert data.startswith(b"%PDF-")
    assert len(PdfReader(io.BytesIO(data)).pages) >= 4


def test_holds_the_whole_article_word_for_word(content: Content, handout_text: str) -> None:
    blocks = [b for b in FIXTURE.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    assert len(blocks) > 20
    for block in blocks:
        assert normalise(block) in handout_text, block[:60]
    meta = content.site.article
    assert meta.title in handout_text and meta.publisher in handout_text
    assert meta.date in handout_text


def test_urgent_signs_come_first_with_the_configured_number(
    content: Content, handout_text: str
) -> None:
    first_paragraph = content.article.sections[0].paragraphs[0]
    article_starts = handout_text.index(normalise(first_paragraph))
    assert "Call 112 or go to an emergency department now" in handout_text
    for flag in content.red_flags.all_flags():
        assert 0 <= handout_text.index(normalise(flag.text)) < article_starts, flag.id
    # Nothing about massage techniques before the urgent signs either.
    technique = content.techniques.techniques[0].name
    assert handout_text.index(technique) > article_starts


def test_anywhere_else_it_says_the_words_for_the_number(content: Content) -> None:
    text = pdf_text(build_handout_pdf(content, Settings(country="other")))
    fallback = content.countries["other"].emergency_words
    assert f"Call {fallback} or go to an emergency department now" in text


def test_holds_evidence_notes_techniques_and_their_precautions(
    content: Content, handout_text: str
) -> None:
    for note in content.evidence.notes:
        assert normalise(note.text) in handout_text
    for technique in content.techniques.techniques:
        assert technique.name in handout_text
        assert normalise(technique.what_it_does) in handout_text
        for precaution in content.precautions_for_technique(technique.id):
            advice = precaution.advice_text("112")
            assert normalise(f"{precaution.label}: {advice}") in handout_text


def test_body_map_names_every_region_and_both_views(content: Content, handout_text: str) -> None:
    for region in content.regions():
        assert region.name in handout_text, region.id
    for view in content.body_map.ui.views.values():
        assert view in handout_text
    for area in content.areas.areas:
        names = ", ".join(content.technique(t.id).name for t in area.techniques)
        assert normalise(f"{area.name} (") in handout_text
        assert names in handout_text


def test_holds_every_source_and_the_review_date(content: Content, handout_text: str) -> None:
    footer = content.modes.handout.footer.format(
        date=f"{content.site.review.last_reviewed:%d %B %Y}"
    )
    assert footer in handout_text
    # A citation may run over a page break, where the page's footer sits in the extracted text.
    body = re.sub(re.escape(footer) + r" Page \d+ of \d+ ", "", handout_text)
    for source in content.sources.sources:
        assert normalise(source.citation) in body, source.id


def test_builds_without_the_dejavu_font(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, content: Content
) -> None:
    monkeypatch.setattr(guide_pdf, "DEJAVU_DIR", tmp_path / "no-fonts")
    data = build_handout_pdf(content, Settings(emergency_number="999"))
    text = pdf_text(data)
    assert b"DejaVu" not in data
    assert "Call 999 or go to an emergency department now" in text
    for flag in content.red_flags.all_flags():
        assert normalise(flag.text) in text
    # The side names keep their meaning without the arrow characters.
    assert "< your left" in text


def test_download_button_is_on_the_sources_page(content: Content) -> None:
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.switch_page("app_pages/sources.py").run()
    assert not at.exception
    buttons = [
        el for el in at.get("download_button") if el.proto.label == content.modes.handout.button
    ]
    assert len(buttons) == 1


def test_each_technique_is_drawn_with_its_marks_in_words(
    content: Content, handout_text: str
) -> None:
    # Issue 17: the same pictures and words on the map, the techniques page and the handout.
    from sciatica_guide.body_map.marks import technique_places

    figure_heading = content.technique_marks.ui.figure_heading
    assert handout_text.count(figure_heading) == len(content.techniques.techniques)
    for technique in content.techniques.techniques:
        words = technique_places(content, technique.id)
        assert normalise(words.legend) in handout_text
        for name, text in words.places:
            assert normalise(f"{name}: {text}") in handout_text, (technique.id, name)


@pytest.mark.parametrize(
    ("country", "present", "absent"),
    [
        (
            "sg",
            ["Numbers for: Singapore", "Call 995", "Call 6262 6262", "NurseFirst"],
            ["Call 999"],
        ),
        ("uk", ["Numbers for: United Kingdom", "Call 999", "NHS 111"], ["Call 995", "NurseFirst"]),
    ],
)
def test_the_handout_carries_the_countrys_numbers_and_services(
    content: Content, country: str, present: list[str], absent: list[str]
) -> None:
    text = pdf_text(build_handout_pdf(content, Settings(country=country)))
    for words in present:
        assert words in text, words
    for words in absent:
        assert words not in text, words


def test_explains_the_words_it_uses_plain_name_first(content: Content, handout_text: str) -> None:
    """The glossary words the handout's article, techniques and precautions use, before its
    sources: the plain name, the word, what it means."""
    marker = content.site.labels.words_explained.split("(")[0].strip()
    assert marker in handout_text
    words = handout_text[handout_text.index(marker) :]
    for term in ("trigger point", "deep vein thrombosis", "osteoporosis"):
        entry = content.glossary.entry_named(term)
        assert entry is not None
        assert normalise(f"{entry.plain} ({entry.term}): {entry.definition}") in words, term
    assert handout_text.index(marker) < handout_text.rindex(content.modes.handout.sources_heading)
