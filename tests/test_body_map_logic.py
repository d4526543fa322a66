"""Pure parts of the body map: reading ?region=, the selection, the panel and the SVG markup."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciatica_guide.body_map.panel import region_panel
from sciatica_guide.body_map.panel_html import first_line
from sciatica_guide.body_map.selection import (
    MAX_PARAM_LENGTH,
    UrlRegion,
    normalise_region_value,
    parse_region_param,
    resolve_selection,
    view_of,
)
from sciatica_guide.body_map.svg import body_map_svg, region_order
from sciatica_guide.content import Content
from sciatica_guide.shapes.geometry import mirror, smooth_closed_path, smooth_open_path

SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def known(content: Content) -> list[str]:
    return [r.id for r in content.regions()]


# --- ?region= -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], UrlRegion()),
        ([""], UrlRegion()),
        (["   "], UrlRegion()),
        (["calf-left"], UrlRegion("calf-left")),
        (["Calf-Left"], UrlRegion("calf-left")),
        ([" calf left "], UrlRegion("calf-left")),
        (["back_thigh_right"], UrlRegion("back-thigh-right")),
        (["sole-left", "shin-right"], UrlRegion("shin-right")),
        (["calf"], UrlRegion(problem=True)),
        (["calf-middle"], UrlRegion(problem=True)),
        (["<script>alert(1)</script>"], UrlRegion(problem=True)),
        (["calf-left'; DROP TABLE"], UrlRegion(problem=True)),
        (["calf-left" + "x" * MAX_PARAM_LENGTH], UrlRegion(problem=True)),
        (["ca\u0142f-left"], UrlRegion(problem=True)),
    ],
)
def test_parse_region_param(values: list[str], expected: UrlRegion, known: list[str]) -> None:
    assert parse_region_param(values, known) == expected


@given(st.lists(st.text(max_size=200), max_size=3))
def test_any_url_value_gives_a_known_region_or_a_problem(values: list[str]) -> None:
    known = ["calf-left", "calf-right"]
    result = parse_region_param(values, known)
    assert result.region_id is None or result.region_id in known
    assert not (result.region_id and result.problem)


def test_normalise_region_value() -> None:
    assert normalise_region_value("  Lower Back_LEFT ") == "lower-back-left"


def test_a_valid_url_value_wins_over_the_session(known: list[str]) -> None:
    assert resolve_selection("calf-left", UrlRegion("shin-right"), known) == "shin-right"
    assert resolve_selection("calf-left", UrlRegion(problem=True), known) == "calf-left"
    assert resolve_selection("calf-left", UrlRegion(), known) == "calf-left"
    # A stale id left in the session (for example after a content change) is dropped.
    assert resolve_selection("knee-left", UrlRegion(), known) is None


def test_the_view_follows_the_region(content: Content) -> None:
    assert view_of(content, "shin-left") == "front"
    assert view_of(content, "calf-right") == "back"
    assert view_of(content, None) == "back"
    assert view_of(content, "nonsense", fallback="front") == "front"


# --- the panel ----------------------------------------------------------------------------------
def test_calf_panel_puts_the_blood_clot_warning_first(content: Content) -> None:
    panel = region_panel(content, "calf-left", "999")
    assert panel is not None
    assert panel.region.name == "Calf, your left"
    assert [p.id for p in panel.urgent_precautions] == ["calf-clot"]
    assert "calf-clot" not in [p.id for p in panel.precautions]
    assert [fit.technique.id for fit in panel.techniques] == [
        t.id for t in content.area("calf").techniques
    ]


def test_buttock_panel_names_the_urgent_sign_with_the_emergency_number(content: Content) -> None:
    panel = region_panel(content, "buttock-right", "112")
    assert panel is not None
    assert panel.urgent_signs and "112" in panel.urgent_signs[0].heading
    assert "bottom" in panel.urgent_signs[0].text
    assert panel.care


def test_every_region_has_a_panel_and_unknown_ids_have_none(content: Content) -> None:
    for region in content.regions():
        panel = region_panel(content, region.id, "999")
        assert panel is not None and panel.techniques, region.id
    assert region_panel(content, "knee-left", "999") is None


# --- SVG markup ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def svg(content: Content) -> ET.Element:
    return ET.fromstring(body_map_svg(content))


def test_every_region_is_a_named_focusable_button_once(content: Content, svg: ET.Element) -> None:
    regions = svg.findall(f".//{SVG_NS}path[@data-region]")
    assert sorted(r.get("data-region") for r in regions) == sorted(r.id for r in content.regions())
    names = {r.id: r.name for r in content.regions()}
    for element in regions:
        region_id = element.get("data-region")
        assert element.get("role") == "button"
        assert element.get("tabindex") == "0"
        assert element.get("aria-pressed") == "false"
        assert element.get("aria-label") == names[region_id]
        assert re.fullmatch(r"M[-\d. ]+(C[-\d. ]+)+Z", element.get("d") or "")


def test_each_view_is_a_labelled_group_with_its_own_regions(
    content: Content, svg: ET.Element
) -> None:
    for view in ("back", "front"):
        group = svg.find(f".//{SVG_NS}g[@data-view='{view}']")
        assert group is not None
        assert content.body_map.ui.views[view] in (group.get("aria-label") or "")
        inside = {e.get("data-region") for e in group.iter() if e.get("data-region")}
        assert inside == {r.id for r in content.regions() if r.view == view}
        texts = "".join(group.itertext())
        assert content.body_map.ui.views[view] in texts
        assert "your left" in texts and "your right" in texts


def test_side_labels_match_the_view(svg: ET.Element) -> None:
    # Seen from behind your left is on the left of the picture; seen from the front, the right.
    for view, left_word in (("back", "your left"), ("front", "your right")):
        group = svg.find(f".//{SVG_NS}g[@data-view='{view}']")
        assert group is not None
        starts = [t for t in group.iter(f"{SVG_NS}text") if t.get("text-anchor") == "start"]
        assert starts and left_word in (starts[0].text or "")


def test_keyboard_order_follows_the_picture(content: Content) -> None:
    assert [r.id for r in region_order(content, "back")][:2] == [
        "lower-back-left",
        "lower-back-right",
    ]
    # Seen from the front, your right is on the viewer's left: it comes first.
    assert [r.id for r in region_order(content, "front")][:2] == [
        "side-thigh-right",
        "side-thigh-left",
    ]


def test_region_names_are_escaped_in_the_markup(content: Content) -> None:
    areas = content.areas.model_copy(update={"region_name": '{area} <b>&"{side}"'})
    odd = content.model_copy(update={"areas": areas})
    root = ET.fromstring(body_map_svg(odd))  # would not parse if the name broke the markup
    labels = [e.get("aria-label") for e in root.iter() if e.get("data-region")]
    assert 'Calf <b>&"your left"' in labels


# --- geometry -----------------------------------------------------------------------------------
def test_smooth_paths_pass_through_every_point() -> None:
    points = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]
    closed = smooth_closed_path(points)
    ends = re.findall(r"(-?[\d.]+) (-?[\d.]+)(?=C|Z)", closed)
    assert [(float(x), float(y)) for x, y in ends] == [*points, points[0]]
    assert smooth_open_path(points[:2]).startswith("M0 0C")
    with pytest.raises(ValueError):
        smooth_closed_path(points[:2])


def test_mirror() -> None:
    assert mirror([(10.0, 5.0), (100.0, 7.0)], 380) == [(370.0, 5.0), (280.0, 7.0)]


def test_the_phone_bar_says_the_condition_first_and_is_short(content: Content) -> None:
    """The bar above the figure on a phone (issue 22): a place's first warning, condition first
    ("If your calf is swollen ..."), marked as a "check first" note, and short enough that it
    is never cut."""
    for region in content.regions():
        panel = region_panel(content, region.id, "999")
        assert panel is not None
        line = first_line(content, panel)
        assert line["name"] == region.name
        text = str(line["line"])
        if panel.urgent_precautions or panel.urgent_signs:
            assert line["check"] and text.startswith(f"{content.body_map.ui.check_first}: If ")
            assert len(text) <= 200, text
        else:
            assert not line["check"] and text == panel.area.description
    # The calf's clot warning says when it applies before the alarm.
    calf_panel = region_panel(content, "calf-left", "999")
    assert calf_panel is not None
    calf = str(first_line(content, calf_panel)["line"])
    assert calf.index("swollen, red, warm or tender") < calf.index("blood clot")
    assert calf.index("blood clot") < calf.index("get medical advice today")
    assert "…" not in calf and "..." not in calf
