"""The body map's content: region facts, drawing and words are complete and consistent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from sciatica_guide import APP_ROOT
from sciatica_guide.content import Content, ContentError, load_content
from sciatica_guide.content.models import Point
from sciatica_guide.shapes.geometry import (
    bounding_box,
    point_in_polygon,
    polygon_problem,
    viewer_left_side,
)


def test_every_area_has_facts_and_at_least_one_technique(content: Content) -> None:
    for area in content.areas.areas:
        assert area.description and area.muscles and area.typical, area.id
        assert area.techniques, area.id
        assert all(t.how for t in area.techniques), area.id


def test_every_reference_of_an_area_exists(content: Content) -> None:
    techniques = {t.id for t in content.techniques.techniques}
    precautions = {p.id for p in content.precautions.precautions}
    flags = {f.id for f in content.red_flags.all_flags()}
    sources = {s.id for s in content.sources.sources}
    for area in content.areas.areas:
        assert {t.id for t in area.techniques} <= techniques, area.id
        assert set(area.precautions) <= precautions, area.id
        assert set(area.red_flags) <= flags, area.id
        assert set(area.sources) <= sources, area.id
        # The typical nerve-root areas come from Harrison's table: cite it.
        assert "harrisons-19" in area.sources, area.id


def test_calf_carries_the_same_day_blood_clot_precaution(content: Content) -> None:
    calf = content.area("calf")
    first = next(p for p in content.precautions.precautions if p.id == calf.precautions[0])
    assert first.id == "calf-clot"
    assert first.same_day_advice


def test_every_region_is_drawn_once_as_a_valid_outline_inside_the_drawing(
    content: Content,
) -> None:
    box = content.body_map.view_box
    drawn = [o.region for o in content.body_map.outlines]
    assert sorted(drawn) == sorted(r.id for r in content.regions())
    for outline in content.body_map.outlines:
        assert polygon_problem(outline.points) is None, outline.region
        for x, y in [*outline.points, outline.label_at]:
            assert 0 <= x <= box.width and 0 <= y <= box.height, outline.region
        # The label point is where the browser tests click and tap: it must be inside.
        assert point_in_polygon(outline.label_at, list(outline.points)), outline.region


def test_left_and_right_outlines_exist_for_every_area_and_mirror_each_other(
    content: Content,
) -> None:
    width = content.body_map.view_box.width
    for area in content.areas.areas:
        left = content.body_map.outline(f"{area.id}-left")
        right = content.body_map.outline(f"{area.id}-right")
        assert left is not None and right is not None, area.id
        mirrored = sorted((round(width - x, 1), y) for x, y in left.points)
        assert mirrored == sorted(right.points), area.id


def test_your_left_is_on_the_viewers_left_only_when_seen_from_behind(content: Content) -> None:
    centre = content.body_map.view_box.width / 2
    for region in content.regions():
        outline = content.body_map.outline(region.id)
        assert outline is not None
        x, _, w, _ = bounding_box(outline.points)
        on_viewer_left = x + w / 2 < centre
        assert on_viewer_left == (viewer_left_side(region.view) == region.side), region.id
    assert viewer_left_side("back") == "left"
    assert viewer_left_side("front") == "right"


def test_regions_are_big_enough_to_tap_at_the_drawings_own_size(content: Content) -> None:
    # The map is shown 380 px wide on tablets, one unit per CSS pixel: 44 px targets need 44
    # units; the browser test measures the real boxes too.
    for outline in content.body_map.outlines:
        _, _, w, h = bounding_box(outline.points)
        assert w >= 46 and h >= 46, (outline.region, w, h)


def test_overlays_cover_every_root_in_both_views_and_both_sides(content: Content) -> None:
    drawn = {(a.root, a.view, a.side) for a in content.body_map.root_areas}
    for root in ("L4", "L5", "S1"):
        for view in ("back", "front"):
            for side in ("left", "right"):
                assert (root, view, side) in drawn
    nerve = {(n.view, n.side) for n in content.body_map.nerve}
    assert nerve == {(v, s) for v in ("back", "front") for s in ("left", "right")}


def test_the_map_says_which_view_and_whose_side(content: Content) -> None:
    ui = content.body_map.ui
    assert ui.views == {"back": "Seen from behind", "front": "Seen from the front"}
    assert content.areas.sides == {"left": "your left", "right": "your right"}
    assert ui.not_diagnosis.lower() == "typical areas, not a diagnosis"


# --- the loader refuses broken drawings ---------------------------------------------------------
@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(APP_ROOT / "content", folder)
    return folder


def _edit_body_map(folder: Path, edit: object) -> None:
    path = folder / "body_map.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def test_a_missing_outline_is_a_content_error(content_copy: Path) -> None:
    _edit_body_map(content_copy, lambda d: d["outlines"].pop())
    with pytest.raises(ContentError, match="no outline for region"):
        load_content(content_copy)


def test_a_crossing_outline_is_a_content_error(content_copy: Path) -> None:
    def bow_tie(data: dict) -> None:
        data["outlines"][0]["points"] = [[150, 400], [180, 440], [180, 400], [150, 440]]

    _edit_body_map(content_copy, bow_tie)
    with pytest.raises(ContentError, match="edges cross"):
        load_content(content_copy)


def test_an_outline_outside_the_drawing_is_a_content_error(content_copy: Path) -> None:
    def outside(data: dict) -> None:
        data["outlines"][0]["points"][0] = [150, 1200]

    _edit_body_map(content_copy, outside)
    with pytest.raises(ContentError, match="outside the drawing"):
        load_content(content_copy)


def test_an_outline_on_the_wrong_side_is_a_content_error(content_copy: Path) -> None:
    def swap(data: dict) -> None:
        first, second = data["outlines"][0], data["outlines"][1]
        first["region"], second["region"] = second["region"], first["region"]

    _edit_body_map(content_copy, swap)
    with pytest.raises(ContentError, match="wrong side"):
        load_content(content_copy)


def test_an_unknown_technique_on_an_area_is_a_content_error(content_copy: Path) -> None:
    path = content_copy / "areas.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["areas"][0]["techniques"][0]["id"] = "hot-stones"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(ContentError, match="unknown technique id 'hot-stones'"):
        load_content(content_copy)


def test_an_area_without_techniques_is_a_content_error(content_copy: Path) -> None:
    path = content_copy / "areas.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["areas"][0]["techniques"] = []
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(ContentError, match=r"areas\[0\]\.techniques"):
        load_content(content_copy)


@pytest.mark.parametrize(
    ("points", "problem"),
    [
        ([(0, 0), (10, 0), (10, 10), (0, 10)], None),
        ([(0, 0), (10, 10), (10, 0), (0, 10)], "edges cross"),
        ([(0, 0), (5, 5), (10, 10)], "encloses no area"),
        ([(0, 0), (10, 0)], "at least 3 points"),
    ],
)
def test_polygon_problem(points: list[Point], problem: str | None) -> None:
    found = polygon_problem(points)
    assert (found is None) if problem is None else (problem in (found or ""))
