"""The moving pictures of the gentle movements (sciatica_guide/movements/figure.py): well-formed,
self-contained SVG documents with their title, animation and reduced-motion still frames."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from test_palette import contrast

from sciatica_guide.movements import figure
from sciatica_guide.movements.figure import FIGURES, movement_figure_svg

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    assert svg.startswith("<svg")
    return ET.fromstring(svg)


def groups_with_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if name in g.get("class", "").split()]


@pytest.mark.parametrize("figure_id", FIGURES)
def test_each_figure_is_a_titled_self_contained_svg(figure_id: str) -> None:
    svg = movement_figure_svg(figure_id, title="Knee rolls, moving picture")
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "Knee rolls, moving picture"
    assert root.get("aria-labelledby") == title.get("id")
    # Nothing to fetch: no links, no web fonts, no CSS imports or url()s.
    assert not re.search(r"href|url\(|@import|@font-face", svg)
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


@pytest.mark.parametrize("figure_id", FIGURES)
def test_each_figure_moves_and_has_still_frames_for_reduced_motion(figure_id: str) -> None:
    svg = movement_figure_svg(figure_id, title="t", steps=("1", "2"))
    root = parse(svg)
    style = root.findtext(f"{SVG}style") or ""
    assert "@keyframes" in style
    assert "prefers-reduced-motion: reduce" in style
    assert len(groups_with_class(root, "mv-moving")) == 1
    (stills,) = groups_with_class(root, "mv-stills")
    assert [t.text for t in stills.iter(f"{SVG}text")] == ["1", "2"]
    # The names are the figure's own, so that several pictures can share a page.
    prefix = f"mv-{figure_id}-"
    keyframes = re.findall(r"@keyframes ([\w-]+)", style)
    assert keyframes and all(name.startswith(prefix) for name in keyframes)
    classes = {c for g in root.iter(f"{SVG}g") for c in g.get("class", "").split()}
    assert classes - {"mv-moving", "mv-stills"} == {c for c in classes if c.startswith(prefix)}, (
        classes
    )
    # Every animated part is in the moving picture, none in the still frames.
    moving_classes = {
        c
        for g in groups_with_class(root, "mv-moving")[0].iter(f"{SVG}g")
        for c in g.get("class", "").split()
    }
    assert set(keyframes) <= moving_classes
    assert not any(g.get("class") for g in stills.iter(f"{SVG}g") if g is not stills)


@pytest.mark.parametrize("figure_id", FIGURES)
def test_numbers_are_drawn_plainly(figure_id: str) -> None:
    svg = movement_figure_svg(figure_id, title="t")
    assert not re.search(r"\b(nan|inf)\b", svg, re.IGNORECASE)  # not "infinite", the loop


def test_a_hostile_title_and_step_labels_stay_text() -> None:
    title = '</title><script>alert(1)</script> & "quotes"'
    steps = ("<b>1</b>", "2' onload='alert(1)")
    root = parse(movement_figure_svg("knee-hug", title=title, steps=steps))
    assert root.findtext(f"{SVG}title") == title
    assert [t.text for t in root.iter(f"{SVG}text")] == list(steps)
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter("script"))
    assert {el.tag for el in root.iter()} <= {
        f"{SVG}{tag}"
        for tag in (
            "svg",
            "title",
            "style",
            "rect",
            "g",
            "line",
            "circle",
            "path",
            "polygon",
            "text",
        )
    }


def test_characters_xml_cannot_hold_are_left_out() -> None:
    root = parse(movement_figure_svg("walking", title="a\x00b\x1bc", steps=("1\x07", "2")))
    assert root.findtext(f"{SVG}title") == "abc"
    assert [t.text for t in root.iter(f"{SVG}text")] == ["1", "2"]


def test_an_unknown_figure_or_too_few_steps_raise() -> None:
    with pytest.raises((KeyError, ValueError)):
        movement_figure_svg("cartwheel", title="t")
    with pytest.raises(ValueError):
        movement_figure_svg("walking", title="t", steps=("1",))


def test_the_same_input_gives_the_same_document() -> None:
    for figure_id in FIGURES:
        first = movement_figure_svg(figure_id, title="Walking", steps=("1", "2"))
        assert movement_figure_svg(figure_id, title="Walking", steps=("1", "2")) == first


def test_the_colours_read_on_the_white_card() -> None:
    white = "#ffffff"
    assert contrast("#ffffff", figure.BADGE) >= 4.5  # the badges' white numbers
    assert contrast(figure.INK, white) >= 3 and contrast(figure.FAR_INK, white) >= 3
    assert contrast(figure.INK, figure.SKIN) >= 3  # an outline against its own fill


@pytest.mark.parametrize("figure_id", FIGURES)
def test_every_pose_fits_in_the_picture(figure_id: str) -> None:
    """Every joint of every moment of the cycle, outlines and all (the box the figure is fitted
    by), lands inside the picture in the moving figure and in both still frames."""
    drawn = figure._FIGURES[figure_id]
    x0, y0, x1, y1 = figure._box(drawn)
    for i in range(figure.SAMPLES + 1):
        for _, _, (x, y), _ in figure._frames(drawn, drawn.pose_at(i / figure.SAMPLES)).values():
            assert x0 <= x <= x1 and y0 <= y <= y1, (i, x, y)
    root = parse(movement_figure_svg(figure_id, title="t"))
    width, height = float(root.get("width", 0)), float(root.get("height", 0))
    (moving,), (stills,) = (
        groups_with_class(root, "mv-moving"),
        groups_with_class(root, "mv-stills"),
    )
    placed = [moving[0], *(g for g in stills if g.tag == f"{SVG}g")]  # each a translate and scale
    assert len(placed) == 3
    for group in placed:
        dx, dy, scale = map(float, re.findall(r"-?[\d.]+", group.get("transform", "")))
        assert 0 <= dx + x0 * scale < dx + x1 * scale <= width
        assert 0 <= dy + y0 * scale < dy + y1 * scale <= height
