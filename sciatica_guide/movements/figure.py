"""Small animated SVG pictures of a person doing the gentle movements, written as SVG text here.

A figure is a tree of body parts. Each part is a <g> moved to its joint and turned by its angle,
so the parts below it follow. The moving picture animates those turns with CSS keyframes sampled
from the figure's pose at moments of its cycle (the easing is in the samples, so a hand on the
floor stays on the floor). The two still frames for reduced motion are drawn by the same code.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import get_args

from sciatica_guide.content.movement_models import FigureId

#: The pictures drawn here: the ids movements.yaml may name (one list, in the content model).
FIGURES: tuple[str, ...] = get_args(FigureId)

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # left, top, right, bottom

# Fixed colours: the picture sits on a white card in light and dark themes alike.
INK, FAR_INK = "#1d2b2a", "#5f7270"  # outlines, 14.7:1 and 5.1:1 on white (far limbs recede)
SKIN, FAR_SKIN, HIGHLIGHT = "#f6eee3", "#e2d8ca", "#7fcabe"  # fills; the lower back in a tilt
MAT, FLOOR = "#eef5f4", "#c9d6d4"
BADGE = "#0b6e69"  # white text on it: 6.1:1

# Body sizes in figure units; EDGE is the outline each side of a part's fill.
THIGH, SHIN, FOOT = 48.0, 45.0, 14.0
LUMBAR, CHEST, NECK, HEAD_R = 24.0, 40.0, 20.0, 15.0
UPPER_ARM, FOREARM = 28.0, 26.0
LIMB_W, TRUNK_W, EDGE = 8.0, 21.0, 3.0
FLAT = LIMB_W / 2 + EDGE  # a limb's centre line when it lies on the floor (y = 0)

WIDTH, HEIGHT = 320, 200
MAX_SCALE = 1.4  # lying people are not drawn larger than this, so all the people look alike
SAMPLES = 30  # keyframes per cycle, linear in between


@dataclass(frozen=True)
class Part:
    name: str
    parent: str | None
    length: float
    look: str = "limb"  # limb, trunk, back (highlighted), head, bar (centred), taper, none
    layer: int = 1  # 0 far limbs, 1 body, 2 and up nearer: each layer is outlined as one shape
    at: Point | None = None  # the joint in the parent's frame; None: the parent's far end
    width: float | None = None  # the fill's width (a head's diameter), when not the look's own


@dataclass(frozen=True)
class Pose:
    root: Point
    angles: Mapping[str, float]  # absolute, degrees clockwise from +x (SVG's y points down)


@dataclass(frozen=True)
class Figure:
    parts: tuple[Part, ...]  # parents before their children
    pose_at: Callable[[float], Pose]  # the pose at a moment u of the cycle, 0 <= u <= 1
    stills: tuple[float, float]  # the moments of the start and the end pose
    seconds: float
    ground: str  # "floor", "mat" or "" (the scenery has its own)
    scenery: str = ""  # drawn under the figure, in figure units
    scenery_box: Box = (0, 0, 0, 0)


def _n(value: float) -> str:
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def _dir(angle: float, length: float = 1.0) -> Point:
    return length * math.cos(math.radians(angle)), length * math.sin(math.radians(angle))


def _add(*points: Point) -> Point:
    return sum(p[0] for p in points), sum(p[1] for p in points)


def _angle(a: Point, b: Point) -> float:
    return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))


def _two_links(a: Point, b: Point, l1: float, l2: float, bend: int) -> tuple[float, float]:
    """The angles of two links from a reaching b (straight at it when out of reach); bend +1 or
    -1 picks the side the middle joint goes to."""
    d = min(max(math.dist(a, b), abs(l1 - l2) + 1e-6), l1 + l2)
    cos = min(1.0, max(-1.0, (l1 * l1 + d * d - l2 * l2) / (2 * l1 * d)))  # rounding past 1
    first = _angle(a, b) + bend * math.degrees(math.acos(cos))
    return first, _angle(_add(a, _dir(first, l1)), b)


def _ease(x: float) -> float:
    return (1 - math.cos(math.pi * min(max(x, 0.0), 1.0))) / 2


def _there_and_back(u: float) -> float:
    """0 -> 1 (eased), hold, back to 0, hold: the cycle of a movement with an end pose."""
    return _ease((u - 0.06) / 0.36) if u < 0.52 else 1 - _ease((u - 0.6) / 0.34)


def _lerp(a: float, b: float, s: float) -> float:
    return a + (b - a) * s


# Side view: facing right when standing, head to the left when lying.
SIDE_PARTS: tuple[Part, ...] = (
    Part("hip", None, 0.0, "none"),
    Part("far_thigh", "hip", THIGH, layer=0),
    Part("far_shin", "far_thigh", SHIN, layer=0),
    Part("far_foot", "far_shin", FOOT, layer=0),
    Part("lumbar", "hip", LUMBAR, "trunk"),
    Part("chest", "lumbar", CHEST, "trunk"),
    Part("far_upper", "chest", UPPER_ARM, layer=0),
    Part("far_fore", "far_upper", FOREARM, layer=0),
    Part("head", "chest", NECK, "head"),
    Part("near_thigh", "hip", THIGH),
    Part("near_shin", "near_thigh", SHIN),
    Part("near_foot", "near_shin", FOOT),
    Part("near_upper", "chest", UPPER_ARM, layer=2),
    Part("near_fore", "near_upper", FOREARM, layer=2),
)


def _walking(u: float) -> Pose:
    phase = 2 * math.pi * u
    swing = math.cos(phase)  # 1: the near leg forward, -1: back
    a = {"hip": 0.0, "lumbar": -86.0, "chest": -87.0, "head": -88.0}
    low = 0.0
    for side, sign in (("near", 1), ("far", -1)):
        lift = max(0.0, -sign * math.sin(phase))  # the knee bends as the leg swings forward
        thigh = 90 - 24 * sign * swing
        shin = thigh + 5 + 36 * lift
        foot = (shin - 90) * 0.8  # heel down in front, toes pushing off behind
        a |= {f"{side}_thigh": thigh, f"{side}_shin": shin, f"{side}_foot": foot}
        a |= {f"{side}_upper": 90 + 30 * sign * swing, f"{side}_fore": 70 + 34 * sign * swing}
        ankle = _add(_dir(thigh, THIGH), _dir(shin, SHIN))
        low = max(low, ankle[1], _add(ankle, _dir(foot, FOOT))[1])
    return Pose((0.0, -low - FLAT), a)  # the lower foot just touches the floor


def _lying(arch: float) -> tuple[Point, dict[str, float]]:
    """On the back, knees bent, feet flat, arms by the sides; the lower back arched by `arch`
    degrees (a little gap under it), the shoulders staying on the floor."""
    hip = (0.0, -TRUNK_W / 2 - EDGE)
    a = {"hip": 0.0, "lumbar": 180 + arch, "head": 184.0}
    a["chest"] = 180 - math.degrees(math.asin(LUMBAR * math.sin(math.radians(arch)) / CHEST))
    for side, ankle_x in (("near", 54.0), ("far", 62.0)):
        thigh, shin = _two_links(hip, (ankle_x, -FLAT), THIGH, SHIN, -1)
        a |= {f"{side}_thigh": thigh, f"{side}_shin": shin, f"{side}_foot": 0.0}
        a |= {f"{side}_upper": 9.0, f"{side}_fore": 2.0}
    return hip, a


def _pelvic_tilt(u: float) -> Pose:
    return Pose(*_lying(14 * (1 - _there_and_back(u))))  # the lower back flattens, lets go


def _knee_hug(u: float) -> Pose:
    s = _there_and_back(u)
    hip, a = _lying(0.0)
    thigh, shin = _lerp(a["near_thigh"], -128, s), _lerp(a["near_shin"], 12, s)
    a |= {"near_thigh": thigh, "near_shin": shin, "near_foot": shin - _lerp(a["near_shin"], 30, s)}
    # Both hands go from the sides to the shin just below the knee.
    shoulder = _add(hip, _dir(a["lumbar"], LUMBAR), _dir(a["chest"], CHEST))
    knee = _add(hip, _dir(thigh, THIGH))
    upper, fore = _two_links(shoulder, _add(knee, _dir(shin, 8)), UPPER_ARM, FOREARM, 1)
    for side in ("near", "far"):
        a[f"{side}_upper"] = _lerp(a[f"{side}_upper"], upper, _ease(s / 0.8))
        a[f"{side}_fore"] = _lerp(a[f"{side}_fore"], fore, _ease(s / 0.8))
    return Pose(hip, a)


def _bottom_to_heels(u: float) -> Pose:
    """On all fours; hands and knees stay put while the bottom goes back towards the heels."""
    s = _there_and_back(u)
    knee, arm, trunk = (0.0, -FLAT), UPPER_ARM + FOREARM, LUMBAR + CHEST
    hand = (-math.sqrt(trunk**2 - (arm - THIGH) ** 2), -FLAT)  # under the shoulder at first
    shoulder = _add(hand, _dir(_lerp(-90, -48, s), arm))  # the straight arms turn on the hands
    thigh_up, back = _two_links(knee, shoulder, THIGH, trunk, 1)
    arms = _angle(shoulder, hand)
    a = {"hip": 0.0, "lumbar": back, "chest": back, "head": back - 14 - 16 * s}
    for side in ("near", "far"):
        a |= {f"{side}_thigh": thigh_up + 180, f"{side}_shin": 0.0, f"{side}_foot": 0.0}
        a |= {f"{side}_upper": arms, f"{side}_fore": arms}
    return Pose(_add(knee, _dir(thigh_up, THIGH)), a)


# Knee rolls, seen from the feet end and a little from above: the mat goes away up the picture,
# the head, shoulders and arms lie at its far end and stay down. Each shin stands on its foot
# (near, so wide) up to the knee (further, so narrower); the thigh goes from the knee back to
# under the pelvis. The knees together make a tent, which tips to one side as one, each shin
# turning on its own foot.
_FOOT, _KNEE, _HIP = (17.0, -10.0), (7.0, -90.0), (27.0, -60.0)  # the right leg; the left mirrors
_ROLL_PARTS: tuple[Part, ...] = (
    Part("base", None, 0.0, "none"),
    Part("trunk", "base", 20.0, "trunk", at=(0.0, -72.0), width=40.0),
    Part("shoulders", "base", 68.0, "bar", at=(0.0, -104.0), width=20.0),
    Part("left_arm", "base", 64.0, at=(-34.0, -104.0)),
    Part("right_arm", "base", 64.0, at=(34.0, -104.0)),
    Part("head", "base", 20.0, "head", at=(0.0, -104.0), width=24.0),
    *(
        Part(f"{side}_{name}", parent, length, look, layer, at, width)
        for side, x, front in (("left", -1, 4), ("right", 1, 5))  # each leg outlined on its own
        for name, parent, length, look, layer, at, width in (
            ("foot", "base", 8.0, "bar", front, (x * _FOOT[0], _FOOT[1]), 15.0),
            (
                "shin",
                "base",
                math.dist(_FOOT, _KNEE),
                "taper",
                front,
                (x * _FOOT[0], _FOOT[1]),
                17.0,
            ),
            ("thigh", f"{side}_shin", math.dist(_KNEE, _HIP), "limb", 2, None, 13.0),
        )
    ),
    Part("hips", "base", 2 * _HIP[0], "bar", 3, at=(0.0, _HIP[1]), width=20.0),
)


def _knee_rolls(u: float) -> Pose:
    # Middle, over to the left, hold, middle, over to the right, hold, middle.
    half, side = (u * 2, -1) if u < 0.5 else (u * 2 - 1, 1)
    roll = 36 * side * _there_and_back(half)
    a = {"base": 0.0, "trunk": -90.0, "hips": 0.0, "shoulders": 0.0, "head": -90.0}
    a |= {"left_arm": 174.0, "right_arm": 6.0}
    for name, x in (("left", -1), ("right", 1)):
        foot, hip = (x * _FOOT[0], _FOOT[1]), (x * _HIP[0], _HIP[1])
        shin = _angle(foot, (x * _KNEE[0], _KNEE[1])) + roll
        knee = _add(foot, _dir(shin, math.dist(_FOOT, _KNEE)))
        a |= {f"{name}_foot": 0.0, f"{name}_shin": shin, f"{name}_thigh": _angle(knee, hip)}
    return Pose((0.0, 0.0), a)


_ROLL_MAT = (
    f'<path d="M-130 0 L130 0 L94 -132 L-94 -132 Z" fill="{MAT}" stroke="{FLOOR}" '
    'stroke-width="2" stroke-linejoin="round"/>'
)
_TILT_PARTS = tuple(replace(p, look="back") if p.name == "lumbar" else p for p in SIDE_PARTS)
# A curved arrow down onto the lower back (its hip stays put): press it into the floor.
_ARROW = (
    f'<path d="M-44 -59.5 Q-18 -63.5 -16 -37" stroke="{BADGE}" stroke-width="4"/>'
    f'<polygon points="-15.3,-28 -22,-36.5 -10,-37.5" fill="{BADGE}"/>'
)
_FIGURES: dict[str, Figure] = {
    "walking": Figure(SIDE_PARTS, _walking, (0.0, 0.5), 2.4, "floor"),
    "knee-rolls": Figure(
        _ROLL_PARTS, _knee_rolls, (0.0, 0.3), 8.0, "", _ROLL_MAT, (-130, -132, 130, 0)
    ),
    "pelvic-tilt": Figure(
        _TILT_PARTS, _pelvic_tilt, (0.0, 0.5), 4.0, "mat", _ARROW, (-48, -66, 0, 0)
    ),
    "knee-hug": Figure(SIDE_PARTS, _knee_hug, (0.0, 0.5), 5.0, "mat"),
    "bottom-to-heels": Figure(SIDE_PARTS, _bottom_to_heels, (0.0, 0.5), 5.0, "mat"),
}


def _frames(figure: Figure, pose: Pose) -> dict[str, tuple[Point, float, Point, float]]:
    """Each part's joint in its parent's frame and angle from the parent's (what its <g> does),
    then its joint and angle in figure units."""
    out: dict[str, tuple[Point, float, Point, float]] = {}
    lengths = {p.name: p.length for p in figure.parts}
    for part in figure.parts:
        angle = pose.angles[part.name]
        if part.parent is None:
            out[part.name] = (pose.root, angle, pose.root, angle)
            continue
        local = part.at if part.at is not None else (lengths[part.parent], 0.0)
        _, _, origin, turn = out[part.parent]
        c, s = math.cos(math.radians(turn)), math.sin(math.radians(turn))
        joint = (origin[0] + local[0] * c - local[1] * s, origin[1] + local[0] * s + local[1] * c)
        out[part.name] = (local, (angle - turn + 180) % 360 - 180, joint, angle)
    return out


def _fill_width(part: Part) -> float:
    if part.width is not None:
        return part.width
    return TRUNK_W if part.look in ("trunk", "back", "bar") else LIMB_W


def _box(figure: Figure) -> Box:
    """What the figure covers over its whole cycle, in figure units, outlines included."""
    x0, y0, x1, y1 = figure.scenery_box
    for i in range(SAMPLES + 1):
        frames = _frames(figure, figure.pose_at(i / SAMPLES))
        for part in figure.parts:
            joint, angle, n = frames[part.name][2], frames[part.name][3], part.length
            ends = (-n / 2, n / 2) if part.look == "bar" else (0.0, n)
            r = HEAD_R if part.look == "head" else _fill_width(part) / 2 + EDGE
            for x, y in (_add(joint, _dir(angle, e)) for e in ends):
                x0, y0, x1, y1 = min(x0, x - r), min(y0, y - r), max(x1, x + r), max(y1, y + r)
    return x0 - 8, y0, x1 + 8, max(y1, 10.0)  # room for the mat's ends and the floor


def _shape(part: Part, outline: bool) -> str:
    """A part's outline (its fill widened by EDGE) or its fill, along its frame's x axis."""
    if part.look == "none":
        return ""
    far, n = part.layer == 0, part.length
    colour = (FAR_INK if far else INK) if outline else (FAR_SKIN if far else SKIN)
    colour = HIGHLIGHT if part.look == "back" and not outline else colour
    width = _fill_width(part) + (2 * EDGE if outline else 0)
    if part.look == "taper":  # wide at the joint, 0.6 as wide at the far end
        a, b = width / 2, _fill_width(part) * 0.3 + (EDGE if outline else 0)
        return (
            f'<path d="M0 {_n(-a)} L{_n(n)} {_n(-b)} A{_n(b)} {_n(b)} 0 0 1 {_n(n)} {_n(b)} '
            f'L0 {_n(a)} A{_n(a)} {_n(a)} 0 0 1 0 {_n(-a)}Z" fill="{colour}"/>'
        )
    if part.look == "head":
        r = width / 2 if part.width else HEAD_R - (0 if outline else EDGE)
        width = LIMB_W + (2 * EDGE if outline else 0)
        neck = f'<line x2="{_n(n)}" stroke="{colour}" stroke-width="{_n(width)}"/>'
        return neck + f'<circle cx="{_n(n)}" r="{_n(r)}" fill="{colour}"/>'
    ends = f'x1="{_n(-n / 2)}" x2="{_n(n / 2)}"' if part.look == "bar" else f'x2="{_n(n)}"'
    return f'<line {ends} stroke="{colour}" stroke-width="{_n(width)}"/>'


def _tree(figure: Figure, pose: Pose, classes: Mapping[str, str]) -> str:
    """The figure layer by layer, each layer's outlines under its fills so that the layer reads
    as one outlined shape. Every copy of a part's <g> has its class, so all copies move alike."""
    frames = _frames(figure, pose)
    children: dict[str | None, list[Part]] = {}
    for part in figure.parts:
        children.setdefault(part.parent, []).append(part)

    def layers(part: Part) -> set[int]:
        return {part.layer}.union(*(layers(k) for k in children.get(part.name, [])))

    def draw(part: Part, layer: int, outline: bool) -> str:
        if layer not in layers(part):
            return ""
        (x, y), angle, _, _ = frames[part.name]
        inner = _shape(part, outline) if part.layer == layer else ""
        inner += "".join(draw(k, layer, outline) for k in children.get(part.name, []))
        move, turn = f"translate({_n(x)} {_n(y)})", f"rotate({_n(angle)})"
        cls = classes.get(part.name)
        if cls is None or part.parent is None:  # a root's animation moves its place too
            return f'<g{f" class={cls!r}" if cls else ""} transform="{move} {turn}">{inner}</g>'
        return f'<g transform="{move}"><g class="{cls}" transform="{turn}">{inner}</g></g>'

    layer_ids = sorted({p.layer for p in figure.parts})
    return "".join(draw(r, i, o) for i in layer_ids for o in (True, False) for r in children[None])


def _placed(
    figure: Figure, pose: Pose, classes: Mapping[str, str], box: Box, spot: Point, scale: float
) -> str:
    """The figure at `scale`, its box's top middle at `spot`, on its floor or mat."""
    x0, y0, x1, _ = box
    dx, dy = spot[0] - (x0 + x1) / 2 * scale, spot[1] - y0 * scale
    y = 1.5 if figure.ground == "floor" else 9  # a mat's top is the floor for the figure
    ground = (
        f'<line x1="{_n(x0)}" y1="{y}" x2="{_n(x1)}" y2="{y}" stroke="{FLOOR}" stroke-width="3"/>'
    )
    if figure.ground == "mat":
        ground += (
            f'<rect x="{_n(x0 + 6)}" y="0" width="{_n(x1 - x0 - 12)}" height="8" rx="4" '
            f'fill="{MAT}" stroke="{FLOOR}" stroke-width="2"/>'
        )
    ground = ground if figure.ground else ""
    return (
        f'<g transform="translate({_n(dx)} {_n(dy)}) scale({scale:.3f})">'
        f"{ground}{figure.scenery}{_tree(figure, pose, classes)}</g>"
    )


def _animation(prefix: str, figure: Figure) -> tuple[str, dict[str, str]]:
    """The keyframes of every part that moves, and the class that runs them on that part."""
    samples = [_frames(figure, figure.pose_at(i / SAMPLES)) for i in range(SAMPLES + 1)]
    rules: list[str] = []
    classes: dict[str, str] = {}
    for part in figure.parts:
        values: list[str] = []
        last: float | None = None
        for sample in samples:
            (x, y), angle, _, _ = sample[part.name]
            if last is not None:  # not from 179 to -179 degrees: that would spin the long way
                angle = last + (angle - last + 180) % 360 - 180
            last = angle
            turn = f"rotate({_n(angle)}deg)"  # a joint's place is fixed, except the root's
            values.append(turn if part.parent else f"translate({_n(x)}px,{_n(y)}px) {turn}")
        if len(set(values)) == 1:
            continue
        name = classes[part.name] = prefix + part.name.replace("_", "-")
        kept = [
            i
            for i, v in enumerate(values)
            if i in (0, SAMPLES) or not values[i - 1] == v == values[i + 1]
        ]
        frames = "".join(f"{_n(100 * i / SAMPLES)}%{{transform:{values[i]}}}" for i in kept)
        rules.append(
            f".{name}{{animation:{name} {_n(figure.seconds)}s linear infinite}}"
            f"@keyframes {name}{{{frames}}}"
        )
    return "".join(rules), classes


def _text(value: str) -> str:
    """Escaped for XML, without the control characters XML does not allow at all."""
    return html.escape(re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", value))


def _badge(label: str, x: float, y: float) -> str:
    width = max(32.0, 12.0 * len(label) + 18)
    return (
        f'<rect x="{_n(x - width / 2)}" y="{_n(y - 16)}" width="{_n(width)}" height="32" rx="16" '
        f'fill="{BADGE}"/><text x="{_n(x)}" y="{_n(y)}" fill="#fff" font-size="20" '
        f'font-weight="700" text-anchor="middle" dominant-baseline="central">{_text(label)}</text>'
    )


def movement_figure_svg(figure_id: str, *, title: str, steps: Sequence[str] = ("1", "2")) -> str:
    """A self-contained SVG document (a string starting with "<svg") of a person doing the
    movement: from the start pose to the end pose and back, looping. Where the device asks for
    reduced motion it shows instead the two poses side by side, badged steps[0] and steps[1].

    Raises KeyError for a figure not in FIGURES, ValueError for fewer than two step labels.
    """
    figure = _FIGURES[figure_id]
    if len(steps) < 2:
        raise ValueError("two step labels are needed: the start pose and the end pose")
    prefix = f"mv-{figure_id}-"
    rules, classes = _animation(prefix, figure)
    style = (
        f".{prefix}moving g{{transform-box:view-box;transform-origin:0 0}}"
        f".{prefix}stills{{display:none}}{rules}"
        "@media (prefers-reduced-motion: reduce){"
        f".{prefix}moving{{display:none}}.{prefix}stills{{display:inline}}"
        f".{prefix}moving g{{animation:none}}}}"
    )
    box = _box(figure)
    w, h = box[2] - box[0], box[3] - box[1]
    scale = min(MAX_SCALE, (WIDTH - 20) / w, (HEIGHT - 20) / h)
    moving = _placed(
        figure, figure.pose_at(0.0), classes, box, (WIDTH / 2, (HEIGHT - h * scale) / 2), scale
    )
    # The still frames: as large as half the width allows, under their badges, centred as a block.
    scale = min(MAX_SCALE / 2, (WIDTH / 2 - 12) / w, (HEIGHT - 64) / h)
    top = (HEIGHT - 40 - h * scale) / 2
    stills = "".join(
        _placed(figure, figure.pose_at(u), {}, box, (x, top + 40), scale)
        + _badge(label, x, top + 16)
        for x, u, label in zip((WIDTH / 4, WIDTH * 3 / 4), figure.stills, steps[:2], strict=True)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{prefix}title">'
        f'<title id="{prefix}title">{_text(title)}</title><style>{style}</style>'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>'
        '<g fill="none" stroke-linecap="round" font-family="sans-serif">'
        f'<g class="mv-moving {prefix}moving">{moving}</g>'
        f'<g class="mv-stills {prefix}stills">{stills}'
        f'<line x1="160" y1="16" x2="160" y2="184" stroke="{FLOOR}" stroke-width="2"/></g>'
        "</g></svg>"
    )
