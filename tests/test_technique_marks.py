"""The technique marks (issue 17): content, load-time checks, safety rules and their words."""

from __future__ import annotations

import copy
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from guide_testing.readability import grade
from guide_testing.shipped import shipped_content
from sciatica_guide import APP_ROOT
from sciatica_guide.assessment.rules import Answers
from sciatica_guide.body_map.marks import (
    blocked_texts,
    mark_words,
    marks_data,
    marks_svg,
    region_marks,
    technique_notes,
)
from sciatica_guide.content import Content, ContentError, load_content
from sciatica_guide.content.mark_checks import NEAR_NERVE_UNITS
from sciatica_guide.shapes.geometry import (
    distance_to_polyline,
    drawn_line,
    drawn_outline,
    point_in_polygon,
)
from sciatica_guide.shapes.mark_shapes import mark_shape

CONTENT = shipped_content()
REGION_IDS = [r.id for r in CONTENT.regions()]
PRECAUTION_IDS = [p.id for p in CONTENT.precautions.precautions]
FLAG_IDS = [f.id for f in CONTENT.red_flags.all_flags()]
NUMBER = "999"


# --- content -------------------------------------------------------------------------------------
def test_every_technique_that_fits_an_area_has_marks_and_nothing_else_does(
    content: Content,
) -> None:
    fits = {(a.id, t.id) for a in content.areas.areas for t in a.techniques}
    drawn = [(m.area, m.technique) for m in content.technique_marks.marks]
    assert sorted(drawn) == sorted(fits)
    assert set(content.technique_marks.drawings) == {t.id for t in content.techniques.techniques}


def test_each_technique_is_drawn_the_way_the_issue_asks(content: Content) -> None:
    kinds = {tid: d.kind for tid, d in content.technique_marks.drawings.items()}
    assert kinds == {
        "deep-tissue": "stroke",
        "trigger-point": "spot",
        "myofascial-release": "stretch",
    }


@pytest.mark.parametrize("region_id", REGION_IDS)
def test_every_mark_lies_inside_its_regions_outline_on_both_sides(
    content: Content, region_id: str
) -> None:
    region = content.region(region_id)
    assert region is not None
    outline = content.body_map.outline(region_id)
    assert outline is not None
    polygon = drawn_outline(outline.points)
    width = content.body_map.view_box.width
    centre = width / 2
    for entry in (m for m in content.technique_marks.marks if m.area == region.area):
        kind = content.technique_marks.drawings[entry.technique].kind
        for i, mark in enumerate(entry.marks):
            shape = mark_shape(kind, mark.points, i + 1, width if region.side == "right" else None)
            for point in shape.edge_points():
                assert point_in_polygon(point, polygon), (region_id, entry.technique, point)
                # On the region's own side of the body: seen from behind your left is on the
                # viewer's left, seen from the front on the viewer's right.
                viewer_left = (region.view == "back") == (region.side == "left")
                assert (point[0] < centre) == viewer_left, (region_id, point)


def test_marks_near_the_sciatic_nerve_say_so(content: Content) -> None:
    width = content.body_map.view_box.width
    flagged = []
    for entry in content.technique_marks.marks:
        area = content.area(entry.area)
        kind = content.technique_marks.drawings[entry.technique].kind
        for i, mark in enumerate(entry.marks):
            for side in ("left", "right"):
                shape = mark_shape(kind, mark.points, i + 1, width if side == "right" else None)
                nerves = [
                    drawn_line(n.points)
                    for n in content.body_map.nerve
                    if n.view == area.view and n.side == side
                ]
                near = any(
                    distance_to_polyline(p, n) < NEAR_NERVE_UNITS
                    for p in shape.line_points()
                    for n in nerves
                )
                assert mark.near_nerve or not near, (entry.area, entry.technique, mark.text)
            if mark.near_nerve:
                flagged.append(mark.text.lower())
    # The issue's two places: the piriformis and the sitting bone.
    assert any("piriformis" in t for t in flagged)
    assert any("sitting bone" in t for t in flagged)


def test_every_mark_names_its_sources_and_they_resolve(content: Content) -> None:
    ids = {s.id for s in content.sources.sources}
    for entry in content.technique_marks.marks:
        assert entry.sources and set(entry.sources) <= ids
        textbook = "clay-pounds-2008"
        expected = "travell-simons-1992" if entry.technique == "trigger-point" else textbook
        assert expected in entry.sources, (entry.area, entry.technique)


def test_the_words_beside_the_marks_are_grade_8_or_lower(content: Content) -> None:
    ui = content.technique_marks.ui
    texts = [m.text for e in content.technique_marks.marks for m in e.marks]
    texts += [d.legend for d in content.technique_marks.drawings.values()]
    texts += [ui.spot_note, ui.near_nerve, ui.nerve_label, ui.withheld, ui.urgent]
    assert grade(" ".join(texts)) <= 8.0


def test_the_issues_own_words_are_used(content: Content) -> None:
    ui = content.technique_marks.ui
    assert ui.spot_note == "Typical places: a therapist finds the tender spot by touch."
    assert ui.near_nerve == "Gentle pressure only: the sciatic nerve runs here."


# --- the loader refuses broken marks -------------------------------------------------------------
@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(APP_ROOT / "content", folder)
    return folder


def _edit(folder: Path, name: str, edit: Callable[[Any], None]) -> None:
    path = folder / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def _mark_index(data: dict, area: str, technique: str) -> int:
    return next(
        i for i, m in enumerate(data["marks"]) if m["area"] == area and m["technique"] == technique
    )


def _set_points(area: str, technique: str, points: list) -> Callable[[Any], None]:
    def edit(data: dict) -> None:
        data["marks"][_mark_index(data, area, technique)]["marks"][0]["points"] = points

    return edit


@pytest.mark.parametrize(
    ("edit", "field", "problem"),
    [
        # A spot on the hip bone, outside the lower back's outline.
        (
            _set_points("lower-back", "trigger-point", [[120, 420]]),
            "marks[1].marks[0].points",
            "outside the outline of 'lower-back-left'",
        ),
        # Inside on your left, but its mirror image crosses into the other side's region? No:
        # a calf stroke that runs up past the knee leaves the calf on both sides.
        (
            _set_points("calf", "deep-tissue", [[150, 850], [150, 700]]),
            "points",
            "outside the outline of 'calf-left'",
        ),
        (
            _set_points("buttock", "myofascial-release", [[130, 500]]),
            "points",
            "a stretch mark takes 2 point(s)",
        ),
        (
            _set_points("calf", "trigger-point", [[150, 780], [160, 790]]),
            "points",
            "a spot mark takes 1 point(s)",
        ),
        (
            _set_points("lower-back", "deep-tissue", [[156, 420], [156, 410]]),
            "points",
            "too short",
        ),
    ],
)
def test_a_broken_mark_stops_the_guide_with_one_line(
    content_copy: Path, edit: Callable[[Any], None], field: str, problem: str
) -> None:
    _edit(content_copy, "technique_marks.yaml", edit)
    with pytest.raises(ContentError) as caught:
        load_content(content_copy)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("Content error in technique_marks.yaml, field 'marks[")
    assert field in message and problem in message


def test_a_spot_on_the_nerve_without_near_nerve_is_refused(content_copy: Path) -> None:
    def edit(data: dict) -> None:
        mark = data["marks"][_mark_index(data, "buttock", "trigger-point")]["marks"][0]
        assert "piriformis" in mark["text"].lower()
        del mark["near_nerve"]

    _edit(content_copy, "technique_marks.yaml", edit)
    with pytest.raises(ContentError, match=r"marks\[0\]\.near_nerve'.*sciatic nerve"):
        load_content(content_copy)


def test_a_pair_without_marks_is_refused(content_copy: Path) -> None:
    _edit(
        content_copy,
        "technique_marks.yaml",
        lambda d: d["marks"].pop(_mark_index(d, "shin", "myofascial-release")),
    )
    with pytest.raises(ContentError, match="no marks for 'myofascial-release' on 'shin'"):
        load_content(content_copy)


def test_marks_for_a_technique_that_does_not_fit_are_refused(content_copy: Path) -> None:
    def edit(data: dict) -> None:
        # A deep copy: a shared list would be written as a YAML alias, which content refuses.
        extra = copy.deepcopy(data["marks"][_mark_index(data, "calf", "deep-tissue")])
        extra["area"] = "shin"
        data["marks"].append(extra)

    _edit(content_copy, "technique_marks.yaml", edit)
    with pytest.raises(ContentError, match=r"technique'.*does not fit 'shin'"):
        load_content(content_copy)


def test_an_unknown_source_is_refused(content_copy: Path) -> None:
    def edit(data: dict) -> None:
        data["marks"][0]["sources"] = ["a-blog"]

    _edit(content_copy, "technique_marks.yaml", edit)
    with pytest.raises(ContentError, match=r"marks\[0\]\.sources\[0\]'.*unknown source"):
        load_content(content_copy)


def test_a_missing_marks_file_names_the_file(content_copy: Path) -> None:
    (content_copy / "technique_marks.yaml").unlink()
    with pytest.raises(ContentError, match=r"technique_marks\.yaml: the file is missing"):
        load_content(content_copy)


# --- safety: nothing is drawn that the answers rule out ------------------------------------------
def _ruled_out_here(region_id: str, precautions: frozenset[str]) -> set[str]:
    """Independently of the guide's code: what the chosen precautions rule out on this region."""
    region = CONTENT.region(region_id)
    assert region is not None
    fits = {t.id for t in CONTENT.area(region.area).techniques}
    out: set[str] = set()
    for precaution in CONTENT.precautions.precautions:
        if precaution.id not in precautions:
            continue
        for rule in precaution.rules_out:
            if rule.areas is None or region.area in rule.areas:
                out |= fits if rule.techniques is None else fits & set(rule.techniques)
    return out


@settings(max_examples=300, deadline=None)
@given(
    region_id=st.sampled_from(REGION_IDS),
    precautions=st.frozensets(st.sampled_from(PRECAUTION_IDS)),
)
def test_no_mark_is_offered_for_a_technique_a_chosen_precaution_rules_out(
    region_id: str, precautions: frozenset[str]
) -> None:
    marks = region_marks(CONTENT, region_id, Answers(precautions=precautions))
    assert marks is not None
    offered = {s.technique.id for s in marks.shown}
    ruled_out = _ruled_out_here(region_id, precautions)
    assert not offered & ruled_out
    # What is not drawn is said, and nothing that is drawn is also said to be withheld.
    withheld = {w.technique.id for w in marks.withheld}
    if not marks.blocked:
        assert withheld == ruled_out
    # The component is given only what may be drawn: no ruled-out technique in its data or SVG.
    data = marks_data(CONTENT, marks, NUMBER)
    assert {t["id"] for t in data["techniques"]} == offered
    for technique in data["techniques"]:
        for other in ruled_out:
            assert f'data-technique="{other}"' not in technique["svg"]


@settings(max_examples=100, deadline=None)
@given(
    region_id=st.sampled_from(REGION_IDS),
    flags=st.frozensets(st.sampled_from(FLAG_IDS), min_size=1),
)
def test_an_urgent_sign_means_nothing_is_drawn_anywhere(
    region_id: str, flags: frozenset[str]
) -> None:
    levels = CONTENT.red_flags.levels
    urgent = any(levels[CONTENT.red_flags.level_of(f)].urgent for f in flags)
    marks = region_marks(CONTENT, region_id, Answers(red_flags=flags))
    assert marks is not None
    assert (not marks.shown) == urgent
    if urgent:
        assert marks.urgent_level is not None
        assert blocked_texts(CONTENT, marks, NUMBER)


def test_without_answers_every_technique_that_fits_is_offered(content: Content) -> None:
    for region in content.regions():
        marks = region_marks(content, region.id)
        assert marks is not None
        fits = [t.id for t in content.area(region.area).techniques]
        assert [s.technique.id for s in marks.shown] == fits
        assert not marks.withheld and marks.urgent_level is None


def test_a_calf_with_clot_signs_shows_no_marks_and_its_warning(content: Content) -> None:
    marks = region_marks(content, "calf-left", Answers(precautions=frozenset({"calf-clot"})))
    assert marks is not None and not marks.shown
    clot = next(p for p in content.precautions.precautions if p.id == "calf-clot")
    texts = blocked_texts(content, marks, NUMBER)
    assert any(clot.advice_text(NUMBER) in t for t in texts)


def test_numbness_with_buttock_pain_draws_nothing_there(content: Content) -> None:
    # Numbness asks the saddle question again (issue 22): nothing is drawn until "No", and the
    # map says why without calling it urgent.
    answers = Answers(precautions=frozenset({"reduced-feeling"}))
    for region in ("buttock-right", "calf-right"):
        marks = region_marks(content, region, answers)
        assert marks is not None and not marks.shown and marks.recheck
        assert marks.urgent_level is None
        assert blocked_texts(content, marks, NUMBER) == [content.technique_marks.ui.recheck]
    answered = Answers(
        precautions=frozenset({"reduced-feeling"}), rechecks_no=frozenset({"saddle"})
    )
    calf = region_marks(content, "calf-right", answered)
    assert calf is not None
    assert [s.technique.id for s in calf.shown] == ["myofascial-release"]


def test_unknown_region_has_no_marks(content: Content) -> None:
    assert region_marks(content, "<script>") is None
    assert marks_data(content, None, NUMBER) == {}


# --- words and drawing ---------------------------------------------------------------------------
def test_spots_are_numbered_in_the_words_as_in_the_picture(content: Content) -> None:
    marks = region_marks(content, "buttock-left")
    assert marks is not None
    spots = marks.technique("trigger-point")
    assert spots is not None
    words = mark_words(content, spots)
    assert words[0].startswith("1. Deep buttock muscle (piriformis)")
    assert words[0].endswith(content.technique_marks.ui.near_nerve)
    assert content.technique_marks.ui.spot_note in technique_notes(content, spots)
    svg = ET.fromstring(
        f'<svg xmlns="http://www.w3.org/2000/svg">{marks_svg(content, marks.region, spots)}</svg>'
    )
    numbers = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert numbers == ["1", "2", "3"]
    # The nerve is drawn with a mark near it, and the picture is named for screen readers.
    group = next(iter(svg))
    assert group.get("role") == "img"
    assert "piriformis" in (group.get("aria-label") or "")
    assert any("bm-mark-nerve" in (e.get("class") or "") for e in svg.iter())


def test_your_right_side_is_the_mirror_image(content: Content) -> None:
    width = content.body_map.view_box.width
    left = region_marks(content, "calf-left")
    right = region_marks(content, "calf-right")
    assert left is not None and right is not None
    for a, b in zip(left.shown, right.shown, strict=True):
        for sa, sb in zip(a.shapes, b.shapes, strict=True):
            assert [(round(width - x, 1), y) for x, y in sa.line_points()] == [
                (round(x, 1), y) for x, y in sb.line_points()
            ]


def test_hostile_words_are_escaped_in_the_drawing(content: Content) -> None:
    entry = content.technique_marks.marks[0]
    hostile_mark = entry.marks[0].model_copy(update={"text": '<script>alert(1)</script>"&'})
    hostile = entry.model_copy(update={"marks": [hostile_mark]})
    marks_file = content.technique_marks.model_copy(
        update={"marks": [hostile, *content.technique_marks.marks[1:]]}
    )
    evil = content.model_copy(update={"technique_marks": marks_file})
    marks = region_marks(evil, f"{entry.area}-left")
    assert marks is not None
    svg = marks_svg(evil, marks.region, marks.shown[0])
    assert "<script>" not in svg
    ET.fromstring(f'<svg xmlns="http://www.w3.org/2000/svg">{svg}</svg>')


# --- the techniques page's small figures ---------------------------------------------------------
@pytest.mark.parametrize("technique_id", ["deep-tissue", "trigger-point", "myofascial-release"])
def test_the_techniques_page_figure_shows_every_place_and_its_words(
    content: Content, technique_id: str
) -> None:
    from sciatica_guide.body_map.marks import technique_figure_svg, technique_places_markdown
    from sciatica_guide.text import unescape_markdown

    svg = ET.fromstring(technique_figure_svg(content, technique_id))
    assert svg.get("role") == "img" and svg.get("aria-label")
    places = [e for e in svg.iter() if e.get("class") == "tf-region"]
    fits = [a for a in content.areas.areas if technique_id in {t.id for t in a.techniques}]
    assert len(places) == 2 * len(fits)  # your left and your right
    words = unescape_markdown(technique_places_markdown(content, technique_id))
    for area in fits:
        entry = content.technique_marks.for_pair(area.id, technique_id)
        assert entry is not None
        assert area.name in words
        assert all(m.text in words for m in entry.marks)


def test_the_techniques_page_shows_the_figures() -> None:
    from streamlit.testing.v1 import AppTest

    from sciatica_guide.text import unescape_markdown

    at = AppTest.from_file(str(APP_ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("app_pages/techniques.py")
    at.run()
    assert not at.exception
    text = unescape_markdown(" ".join(m.value for m in at.markdown))
    assert text.count(CONTENT.technique_marks.ui.figure_heading) == 3
    assert CONTENT.technique_marks.ui.spot_note in text
