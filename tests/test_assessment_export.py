"""The summary downloads: a one-page PDF and a plain-text file with the answers, made in memory."""

from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from guide_testing.disk import writes_recorded
from sciatica_guide.assessment.export import (
    DEJAVU_DIR,
    SummaryParts,
    build_summary,
    latin1,
    to_pdf,
    to_text,
)
from sciatica_guide.assessment.rules import Answers, evaluate
from sciatica_guide.body_map.pdf_places import SummaryFigure
from sciatica_guide.content import Content
from sciatica_guide.movements.summary import movements_section
from sciatica_guide.settings import Settings


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # PDF text extraction breaks lines where the layout wrapped them.
    return len(reader.pages), " ".join(text.split())


def full_answers(content: Content) -> Answers:
    """The longest summary there is: every region, every precaution but fever, every score."""
    return Answers(
        safety_none=frozenset(g.id for g in content.red_flags.groups),
        regions=tuple(r.id for r in content.regions()),
        back_pain=6,
        leg_pain=9,
        duration="over-12-weeks",
        pressure="firm",
        activities="yes",
        sbi={"leg-pain": 6, "numbness": 4, "weakness": 2, "sitting": 5},
        # Every precaution that is not itself an urgent sign (those end in the urgent result).
        precautions=frozenset(p.id for p in content.precautions.precautions if not p.red_flag),
        rechecks_no=frozenset(r.id for r in content.assessment.result.rechecks),
    )


@pytest.mark.parametrize("unicode_font", [True, False], ids=["dejavu", "core-font"])
def test_the_longest_summary_fits_one_pdf_page_with_the_answers(
    content: Content, unicode_font: bool
) -> None:
    if unicode_font and not (DEJAVU_DIR / "DejaVuSans.ttf").is_file():
        pytest.skip("fonts-dejavu-core is not installed (apt-get install fonts-dejavu-core)")
    answers = full_answers(content)
    # With the movements and the body figure the page hands in.
    parts = SummaryParts(movements=movements_section, figure=SummaryFigure)
    summary = build_summary(content, answers, evaluate(content, answers), Settings(), None, parts)
    figure = SummaryFigure(content)
    pages, text = pdf_text(to_pdf(summary, figure=figure, unicode_font=unicode_font))
    assert pages == 1
    assert content.body_map.ui.views["front"] in text
    assert content.movements.ui.summary_heading in text
    assert content.assessment.summary.title in text
    assert "Back pain in the past week: 6 out of 10 (moderate)" in text
    assert "Leg pain in the past week: 9 out of 10 (severe)" in text
    assert "Calf (both sides)" in text
    assert "Pressure I like: Firm" in text
    assert "Please know about: Swollen, twisted veins (varicose veins)" in text
    assert content.assessment.result.no_massage in text
    assert ("Grøvle" if unicode_font else "Gr") in text


def test_urgent_summary_leads_with_the_urgent_message_and_the_number(content: Content) -> None:
    answers = Answers(red_flags=frozenset({"bladder"}), regions=("calf-left",))
    result = evaluate(content, answers)
    summary = build_summary(content, answers, result, Settings(emergency_number="112"))
    _, text = pdf_text(to_pdf(summary, unicode_font=False))
    urgent = content.assessment.result.urgent
    assert text.index("Call 112 or go to an emergency department now.") < text.index(
        content.assessment.summary.answers_heading
    )
    assert urgent.no_massage in text
    assert "New trouble peeing" in text
    assert content.assessment.summary.techniques_heading not in text
    plain = to_text(summary).decode("utf-8")
    assert plain.index("GET HELP FIRST") < plain.index("Where it hurts: Calf (your left)")
    assert "Call 112 or go to an emergency department now." in plain
    assert "May suit" not in plain


def test_plain_text_has_every_answer(content: Content) -> None:
    answers = full_answers(content)
    plain = to_text(build_summary(content, answers, evaluate(content, answers), Settings()))
    text = plain.decode("utf-8")
    assert text.startswith(content.assessment.summary.title)
    assert "How long I have had it: More than 12 weeks" in text
    assert "What bothers me most: Leg pain, Numbness or tingling" in text
    for precaution in content.precautions.precautions:
        if not precaution.red_flag:
            assert precaution.label in text
    # The sources in short, the full citations being on the Sources page.
    assert "Patrick et al., 1995" in text and "Patrick DL" not in text
    assert content.assessment.summary.sources_note in text


@pytest.mark.parametrize("unicode_font", [True, False], ids=["dejavu", "core-font"])
def test_exports_write_nothing_to_disk(content: Content, unicode_font: bool) -> None:
    # Every open for writing, anywhere (an audit hook), not one folder: tempfile caches its
    # folder at first use, so pointing TMPDIR elsewhere would not catch a temporary file.
    answers = full_answers(content)
    summary = build_summary(content, answers, evaluate(content, answers), Settings())
    with writes_recorded() as writes:
        assert to_pdf(summary, unicode_font=unicode_font).startswith(b"%PDF")
        assert to_text(summary)
    assert writes == []


def test_the_write_recorder_sees_a_temporary_file_in_tempfiles_cached_folder(
    tmp_path: Path,
) -> None:
    # A guard that the check above is live, for the case the old TMPDIR check missed.
    tempfile.gettempdir()
    with writes_recorded() as writes, tempfile.TemporaryFile():
        pass
    assert writes
    with writes_recorded() as writes:
        (tmp_path / "answers.txt").write_text("x")
    assert ("open", str(tmp_path / "answers.txt")) in writes


def test_latin1_keeps_what_it_can() -> None:
    assert latin1("Grøvle \u2013 \u201cpain\u201d") == 'Grøvle - "pain"'
    assert latin1("a → b") == "a ? b"


def test_summary_pdfs_of_the_same_answers_differ(content: Content) -> None:
    # Streamlit names a download after a hash of its bytes: a random document id makes that name
    # unguessable even for someone who knows the answers (issue #12, part 8).
    answers = Answers.from_mapping(
        {"safety_none": [g.id for g in content.red_flags.groups]}, regions=["calf-left"]
    )
    summary = build_summary(content, answers, evaluate(content, answers), Settings())
    ids = set()
    for _ in range(3):
        found = re.search(rb"/ID \[<([0-9A-F]{32})>", to_pdf(summary))
        assert found is not None
        ids.add(found.group(1))
    assert len(ids) == 3
