"""The summary to take away (issue 27, part 4): dated, a small body figure with the chosen places
marked and named, the answers in one list, what may suit and what not (massage and movements),
the safety net and a short source list, on one page; the urgent one with urgent help first."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from dataclasses import dataclass
from typing import Any

import pytest
from pypdf import PdfReader

from guide_testing.disk import writes_recorded
from sciatica_guide.assessment.export import (
    DEJAVU_DIR,
    Summary,
    SummaryParts,
    build_summary,
    to_pdf,
    to_text,
)
from sciatica_guide.assessment.report import area_phrase
from sciatica_guide.assessment.rules import Answers, evaluate
from sciatica_guide.body_map.pdf_places import PLACE_FILL, SummaryFigure
from sciatica_guide.content import Content
from sciatica_guide.movements.summary import movements_section
from sciatica_guide.pdf import GuidePdf
from sciatica_guide.settings import Settings

DAY = dt.date(2026, 12, 7)
PARTS = SummaryParts(movements=movements_section, figure=SummaryFigure)
#: Points: where the answers' column ends and the figure's starts on A4 (210 mm, margins 15 mm).
FIGURE_LEFT = (210 - 15 - SummaryFigure.width) * 72 / 25.4
FONTS = [
    pytest.param(True, id="dejavu"),
    pytest.param(False, id="core-font"),
]


def no_signs(content: Content) -> frozenset[str]:
    return frozenset(g.id for g in content.red_flags.groups)


def typical(content: Content, **changes: object) -> Answers:
    """A usual mild result: one leg, moderate pain, nothing that asks again."""
    answers = {
        "safety_none": no_signs(content),
        "regions": ("buttock-left", "back-thigh-left", "calf-left"),
        "back_pain": 4,
        "leg_pain": 5,
        "duration": "6-to-12-weeks",
        "pressure": "medium",
        "activities": "no",
        "sbi": {"leg-pain": 3, "numbness": 0, "weakness": 1, "sitting": 2},
        "precautions_none": True,
    }
    answers.update(changes)
    return Answers(**answers)  # type: ignore[arg-type]


def summary(content: Content, answers: Answers, number: str = "999") -> Summary:
    settings = Settings(emergency_number=number)
    return build_summary(content, answers, evaluate(content, answers), settings, None, PARTS, DAY)


@dataclass(frozen=True)
class Pdf:
    pages: int
    text: str
    #: Each piece of text with its left edge and baseline, in points from the page's bottom left.
    pieces: list[tuple[str, float, float]]
    #: Each piece's font size (points) and whether it is bold.
    fonts: list[tuple[float, bool]]
    stream: str


def read_pdf(data: bytes) -> Pdf:
    reader = PdfReader(io.BytesIO(data))
    pieces: list[tuple[str, float, float]] = []
    fonts: list[tuple[float, bool]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            pieces.append((" ".join(text.split()), tm[4], tm[5]))
            fonts.append((size, "Bold" in str((font or {}).get("/BaseFont", ""))))

    text = " ".join(reader.pages[0].extract_text(visitor_text=visit).split())
    stream = reader.pages[0].get_contents().get_data().decode("latin-1")  # type: ignore[union-attr]
    return Pdf(len(reader.pages), text, pieces, fonts, stream)


def pdf_of(content: Content, made: Summary, unicode_font: bool = True) -> Pdf:
    return read_pdf(
        PARTS.pdf(content, made)
        if unicode_font
        else to_pdf(made, figure=SummaryFigure(content), unicode_font=False)
    )


def beside_figure(pdf: Pdf) -> str:
    """The words drawn in the figure's column (its names and the views' names)."""
    return " ".join(text for text, x, _ in pdf.pieces if x >= FIGURE_LEFT - 1)


def place_fills(pdf: Pdf) -> int:
    """How many shapes the page fills in the chosen places' colour."""
    rgb = " ".join(f"{int(PLACE_FILL[i : i + 2], 16) / 255:.4f}" for i in (1, 3, 5))
    return pdf.stream.count(f"{rgb} rg")


# --- the date -------------------------------------------------------------------------------------
@pytest.mark.parametrize("unicode_font", FONTS)
def test_the_summary_says_the_day_it_was_made_under_its_title_and_never_the_time(
    content: Content, unicode_font: bool
) -> None:
    if unicode_font and not (DEJAVU_DIR / "DejaVuSans.ttf").is_file():
        pytest.skip("fonts-dejavu-core is not installed")
    s = content.assessment.summary
    for answers in (typical(content), Answers(red_flags=frozenset({"bladder"}))):
        made = summary(content, answers)
        plain = to_text(made).decode("utf-8")
        assert (
            plain.splitlines()[3]
            == "Made on 7 December 2026"
            == s.made_on.format(date="7 December 2026")
        )
        pdf = pdf_of(content, made, unicode_font)
        # Right under the title: before the urgent help, and before any other section.
        assert pdf.text.startswith(f"{s.title} Made on 7 December 2026 ")
        assert not re.search(r"\d{1,2}[:.]\d\d\b", plain + pdf.text)
        # The file's own date is the day only (midnight), not the time it was made.
        meta = PdfReader(io.BytesIO(PARTS.pdf(content, made))).metadata
        assert meta is not None and str(meta["/CreationDate"]).startswith("D:20261207000000")


# --- the body figure ------------------------------------------------------------------------------
@pytest.mark.parametrize("unicode_font", FONTS)
def test_the_pdf_draws_the_body_with_the_chosen_places_marked_and_named_beside_the_answers(
    content: Content, unicode_font: bool
) -> None:
    if unicode_font and not (DEJAVU_DIR / "DejaVuSans.ttf").is_file():
        pytest.skip("fonts-dejavu-core is not installed")
    answers = typical(content, regions=("calf-left", "calf-right", "shin-left", "buttock-right"))
    pdf = pdf_of(content, summary(content, answers), unicode_font)
    assert pdf.pages == 1
    words = beside_figure(pdf)
    ui = content.body_map.ui
    # Both views, each named, and each chosen area named in the answers' own words.
    for view in ("back", "front"):
        assert ui.views[view] in words
    for area, sides in (("calf", ["left", "right"]), ("shin", ["left"]), ("buttock", ["right"])):
        assert area_phrase(content, area, sides) in words
    assert "Back of thigh" not in words and "Lower back" not in words
    # Each chosen place is filled and hatched (a clipped pattern, so not by colour alone).
    assert place_fills(pdf) == len(answers.regions)
    assert pdf.stream.count(" W n") == len(answers.regions)
    # Beside the answers: level with "My answers", not under it.
    heading_y = next(y for t, _, y in pdf.pieces if t == content.assessment.summary.answers_heading)
    names_y = [y for t, x, y in pdf.pieces if x >= FIGURE_LEFT - 1]
    assert max(names_y) > heading_y - 80  # within about 3 cm of the heading


def test_without_places_or_a_figure_nothing_is_drawn(content: Content) -> None:
    made = summary(content, typical(content, regions=()))
    assert place_fills(read_pdf(PARTS.pdf(content, made))) == 0
    assert content.body_map.ui.views["back"] not in read_pdf(PARTS.pdf(content, made)).text
    answers = typical(content)
    plain = build_summary(content, answers, evaluate(content, answers), Settings())
    pdf = read_pdf(to_pdf(plain))
    assert place_fills(pdf) == 0 and beside_figure(pdf) == ""


@pytest.mark.parametrize("unicode_font", FONTS)
@pytest.mark.parametrize("case", ["typical", "both-legs-strong", "every-place", "urgent"])
def test_typical_answers_stay_one_page_and_nothing_runs_into_the_figure(
    content: Content, unicode_font: bool, case: str
) -> None:
    if unicode_font and not (DEJAVU_DIR / "DejaVuSans.ttf").is_file():
        pytest.skip("fonts-dejavu-core is not installed")
    answers = {
        "typical": typical(content),
        "both-legs-strong": typical(
            content,
            regions=("lower-back-left", "buttock-left", "calf-left", "calf-right", "sole-right"),
            leg_pain=8,
            rechecks_no=frozenset({"both-legs"}),
            precautions_none=False,
            precautions=frozenset({"blood-thinners", "pregnancy"}),
        ),
        "every-place": typical(content, regions=tuple(r.id for r in content.regions())),
        "urgent": Answers(red_flags=frozenset({"bladder"}), regions=("calf-left",)),
    }[case]
    made = summary(content, answers)
    pdf = pdf_of(content, made, unicode_font)
    assert pdf.pages == 1
    # Beside the figure, every line of the answers ends before the figure's column starts.
    heading = content.assessment.summary.answers_heading
    band = [y for t, x, y in pdf.pieces if x >= FIGURE_LEFT - 1 or t == heading]
    measure = GuidePdf(unicode_font)
    beside = [
        (text, x, font)
        for (text, x, y), font in zip(pdf.pieces, pdf.fonts, strict=True)
        if x < FIGURE_LEFT - 1 and min(band) <= y <= max(band)
    ]
    assert len(beside) > 1
    for text, x, (size, bold) in beside:
        measure.set_font(measure.family, "B" if bold else "", size)
        # Millimetres to points; justified lines are as wide as their column, no wider.
        width = measure.get_string_width(measure.clean(text)) * 72 / 25.4
        assert x + width <= FIGURE_LEFT, text
    # In the figure's column there are only the figure's own words.
    names = [area.name for area in content.areas.areas]
    views = list(content.body_map.ui.views.values())
    allowed = " ".join([*names, *views, "(your left)", "(your right)", "(both sides)"])
    for text, x, _ in pdf.pieces:
        if x >= FIGURE_LEFT - 1:
            assert all(word in allowed for word in text.split()), text
    assert place_fills(pdf) == len(answers.regions)


# --- answers, massage and movements ---------------------------------------------------------------
def test_the_movements_say_what_may_suit_what_not_for_now_and_why_and_when_to_stop(
    content: Content,
) -> None:
    ui = content.movements.ui
    mild = to_text(summary(content, typical(content))).decode("utf-8")
    assert f"{ui.summary_heading}\n" in mild
    assert "May suit: Walking, Knee rolls, Pelvic tilt, Knee hug and Bottom to heels." in mild
    assert "Not for you now" not in mild.split(ui.summary_heading)[1].split("\n\n")[0]
    assert f"{ui.stop_heading}: {content.movements.stop_signs[0]}" in mild
    # Massage, then movements, both after the safety net.
    net = content.assessment.result.safety_net.heading.upper()
    massage = content.assessment.summary.techniques_heading
    assert mild.index(net) < mild.index(massage) < mild.index(ui.summary_heading)

    pregnant = typical(content, precautions_none=False, precautions=frozenset({"pregnancy"}))
    text = to_text(summary(content, pregnant)).decode("utf-8")
    assert "May suit: Walking and Bottom to heels." in text
    why = next(p.why for p in content.movements.precautions if p.precaution == "pregnancy")
    assert f"Not for you now: Knee rolls, Pelvic tilt and Knee hug. {why}" in text

    strong = to_text(summary(content, typical(content, leg_pain=9))).decode("utf-8")
    assert "May suit: Walking, Knee rolls and Pelvic tilt." in strong
    assert f"Not for you now: Knee hug and Bottom to heels. {ui.panel_gentlest}" in strong
    # The PDF says the same.
    pdf = read_pdf(PARTS.pdf(content, summary(content, typical(content, leg_pain=9))))
    assert "May suit: Walking, Knee rolls and Pelvic tilt." in pdf.text
    assert ui.panel_gentlest in pdf.text


def test_the_urgent_summary_has_urgent_help_first_and_no_movement_only_what_to_do(
    content: Content,
) -> None:
    answers = Answers(red_flags=frozenset({"bladder"}), regions=("calf-left",))
    made = summary(content, answers, number="112")
    action = content.red_flags.action("emergency", "112")
    say = content.movements.ui.urgent.format(action=action)
    plain = to_text(made).decode("utf-8")
    assert made.sections[0].urgent and made.sections[0].heading.upper() in plain
    assert plain.index("GET HELP FIRST") < plain.index("Where it hurts: Calf (your left)")
    assert plain.index("GET HELP FIRST") < plain.index(content.movements.ui.summary_heading)
    assert f"- {say}." in plain
    assert "May suit" not in plain and "Walking" not in plain
    pdf = pdf_of(content, made)
    assert pdf.text.index(f"{action}.") < pdf.text.index(content.body_map.ui.views["back"])
    assert say in pdf.text and "Walking" not in pdf.text
    assert area_phrase(content, "calf", ["left"]) in beside_figure(pdf)


def test_the_plain_text_has_the_date_the_places_in_words_the_answers_and_the_movements(
    content: Content,
) -> None:
    plain = to_text(summary(content, typical(content))).decode("utf-8")
    s = content.assessment.summary
    assert plain.startswith(f"{s.title}\n{'=' * len(s.title)}\n\nMade on 7 December 2026\n")
    answers = plain.split(f"{s.answers_heading}\n")[1].split("\n\n")[0]
    assert (
        "- Where it hurts: Buttock (your left), Back of thigh (your left) and Calf (your left)"
        in (answers)
    )
    assert "- Pressure I like: Medium" in answers
    assert content.movements.ui.summary_how in plain


# --- the short source list ------------------------------------------------------------------------
def test_the_source_list_is_short_names_of_what_the_summary_cites_once_each(
    content: Content,
) -> None:
    made = summary(
        content, typical(content, precautions_none=False, precautions=frozenset({"pregnancy"}))
    )
    s = content.assessment.summary
    sources = next(x for x in made.sections if x.heading == s.sources_heading)
    assert sources is made.sections[-1]
    assert sources.lines[-1] == s.sources_note
    names = sources.lines[0].rstrip(".").split("; ")
    assert len(names) == len(set(names))
    shorts = {x.short for x in content.sources.sources}
    assert set(names) <= shorts
    # The safety net's, the movements' (when to stop, and why some are left out) and no others.
    for sid in [*content.assessment.result.safety_net.sources, "nhs-inform-back-exercises"]:
        assert content.source(sid).short in names
    assert content.source("nhs-pregnancy-exercise").short in names
    assert content.source("ros-exercise-2022").short not in names
    plain = to_text(made).decode("utf-8")
    assert not any(x.citation in plain for x in content.sources.sources)


# --- privacy --------------------------------------------------------------------------------------
def test_the_summary_with_its_figure_writes_nothing_to_disk_or_the_logs(
    content: Content, caplog: pytest.LogCaptureFixture
) -> None:
    answers = typical(content)
    caplog.set_level(logging.DEBUG)
    with writes_recorded() as writes:
        made = summary(content, answers)
        assert PARTS.pdf(content, made).startswith(b"%PDF")
        assert to_text(made)
    assert writes == []
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "Calf" not in logged and "Buttock" not in logged
