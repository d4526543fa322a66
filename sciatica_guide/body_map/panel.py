"""What the panel says about one region, as plain data: muscles, roots, care, techniques.

`RegionPanel` is what applies to a region (its precautions, urgent signs, techniques);
`PanelText` is everything its panel says, marks' words included: the one model that the body
map's panel and a workshop phone's panel both draw.
"""

from __future__ import annotations

from dataclasses import dataclass

from sciatica_guide.assessment.rules import Answers
from sciatica_guide.body_map.marks import (
    RegionMarks,
    blocked_texts,
    mark_words,
    region_marks,
    technique_notes,
    withheld_text,
)
from sciatica_guide.content import Content
from sciatica_guide.content.models import Area, Precaution, Region, Technique
from sciatica_guide.content.movement_models import gentlest_words
from sciatica_guide.movements.plan import movement_plan


@dataclass(frozen=True)
class UrgentSign:
    heading: str
    text: str
    #: The level's action alone (the heading is the action and when it applies).
    action: str = ""
    #: The sign's urgency level (red_flags.yaml), for where to go and what to call.
    level: str = "emergency"


@dataclass(frozen=True)
class TechniqueFit:
    technique: Technique
    how: str


@dataclass(frozen=True)
class RegionPanel:
    region: Region
    area: Area
    #: Same-day precautions (a possible blood clot): shown above the techniques.
    urgent_precautions: list[Precaution]
    urgent_signs: list[UrgentSign]
    precautions: list[Precaution]
    care: list[str]
    techniques: list[TechniqueFit]
    sources: list[str]
    #: Filled into precaution advice ("call {emergency_number} if ...").
    emergency_number: str


def region_panel(content: Content, region_id: str, emergency_number: str) -> RegionPanel | None:
    """The panel for a region id, or None for an unknown id."""
    region = content.region(region_id)
    if region is None:
        return None
    area = content.area(region.area)
    by_id = {p.id: p for p in content.precautions.precautions}
    chosen = [by_id[pid] for pid in area.precautions]
    signs: list[UrgentSign] = []
    for group in content.red_flags.groups:
        for flag in group.flags:
            if flag.id in area.red_flags:
                heading = content.red_flags.heading(group, emergency_number)
                action = content.red_flags.action(group.level, emergency_number)
                signs.append(
                    UrgentSign(heading=heading, text=flag.text, action=action, level=group.level)
                )
    return RegionPanel(
        region=region,
        area=area,
        urgent_precautions=[p for p in chosen if p.same_day_advice],
        urgent_signs=signs,
        precautions=[p for p in chosen if not p.same_day_advice],
        care=list(area.care),
        techniques=[TechniqueFit(content.technique(t.id), t.how) for t in area.techniques],
        sources=[content.source(sid).short for sid in area.sources],
        emergency_number=emergency_number,
    )


def warnings(content: Content, panel: RegionPanel) -> list[str]:
    """The place's warnings, each condition first ("If your calf is swollen ...", "If you have
    this: ..."), then what to do: a same-day precaution's advice, then each urgent sign."""
    ui = content.body_map.ui
    texts = [p.advice_text(panel.emergency_number) for p in panel.urgent_precautions]
    texts += [ui.sign_if.format(sign=s.text, action=s.action) for s in panel.urgent_signs]
    return texts


def bar_warning(content: Content, panel: RegionPanel) -> str | None:
    """The first warning, short, for the phone's bar: condition first, never cut."""
    for precaution in panel.urgent_precautions:
        return precaution.bar or precaution.advice_text(panel.emergency_number)
    listed = warnings(content, panel)
    return listed[0] if listed else None


# --- what the panel says ------------------------------------------------------------------------
@dataclass(frozen=True)
class PanelWarning:
    """A "check first" note (condition first, then what to do) and the calls beside it."""

    text: str
    #: The urgency level whose call and place the call row offers.
    level: str
    #: The call row offers the emergency number too (a same-day precaution names it for worse
    #: signs).
    emergency: bool


@dataclass(frozen=True)
class PanelPrecaution:
    label: str
    advice: str


@dataclass(frozen=True)
class TechniqueCard:
    """A technique that fits the region: how, its marks in words (or why none are drawn)."""

    id: str
    name: str
    how: str
    #: "Read about {technique}": the link to the techniques page.
    read_more: str
    #: What the whole picture needs said (legend, "typical places", the nerve), then each mark
    #: in words; both empty when the map draws no marks for it.
    mark_notes: tuple[str, ...]
    mark_words: tuple[str, ...]
    #: Why the map does not draw it (the person's answers rule it out), or None.
    withheld: str | None


@dataclass(frozen=True)
class PanelMovement:
    id: str
    name: str
    summary: str


@dataclass(frozen=True)
class PanelMovements:
    """The gentle movements that fit the region after the answers (movements/plan.py): their
    names link to Beyond massage. `note` is said first: why none are listed (an urgent sign, or
    none suits the answers) or why only the gentlest are."""

    heading: str
    note: str | None
    movements: tuple[PanelMovement, ...]


def panel_movements(content: Content, area_id: str, answers: Answers | None) -> PanelMovements:
    ui = content.movements.ui
    plan = movement_plan(content, answers or Answers(), areas=(area_id,))
    if plan.urgent:
        return PanelMovements(ui.panel_heading, ui.panel_urgent, ())
    if plan.held:
        return PanelMovements(ui.panel_heading, ui.held, ())
    shown = tuple(PanelMovement(m.id, m.name, m.summary) for m in plan.shown)
    reason = plan.gentlest_reason
    note = (
        ui.none_left
        if not shown
        else gentlest_words(ui, reason, short=True)
        if reason is not None
        else None
    )
    return PanelMovements(ui.panel_heading, note, shown)


@dataclass(frozen=True)
class PanelText:
    """Everything a region's panel says about the region, top to bottom, as plain text.

    The body map's panel (panel_html.py) and a workshop phone's (shown_view.py) are two
    drawings of this one model; only the fixed words around it (headings, notes) come from
    body_map.yaml's `ui`. Text here is not escaped: each drawing escapes it for its own format.
    """

    region_id: str
    name: str
    description: str
    #: Before anything about massage, each with its call row.
    warnings: tuple[PanelWarning, ...]
    muscles: tuple[str, ...]
    typical: str
    #: "Nerve roots often linked: ...".
    roots_line: str
    #: "Take care" (shown when either is not empty).
    precautions: tuple[PanelPrecaution, ...]
    care: tuple[str, ...]
    #: Why no marks are drawn, said once above the techniques (None when marks may be drawn).
    blocked: str | None
    #: The blocked note is an urgent order (a ticked urgent-help sign), not a quiet note.
    blocked_urgent: bool
    techniques: tuple[TechniqueCard, ...]
    #: The gentle movements for the region, after the techniques.
    movements: PanelMovements
    #: "Sources: ..." under the techniques.
    sources: str
    #: How to share the region's page.
    share: str


def _technique_card(
    content: Content, fit: TechniqueFit, marks: RegionMarks | None
) -> TechniqueCard:
    technique = fit.technique
    shown = marks.technique(technique.id) if marks is not None else None
    withheld = (
        next((w for w in marks.withheld if w.technique.id == technique.id), None)
        if marks is not None and shown is None
        else None
    )
    return TechniqueCard(
        id=technique.id,
        name=technique.name,
        how=fit.how,
        read_more=content.body_map.ui.read_more.format(technique=technique.name),
        mark_notes=tuple(technique_notes(content, shown)) if shown is not None else (),
        mark_words=tuple(mark_words(content, shown)) if shown is not None else (),
        withheld=withheld_text(content, withheld) if withheld is not None else None,
    )


def panel_text(
    content: Content,
    panel: RegionPanel,
    marks: RegionMarks | None,
    answers: Answers | None = None,
) -> PanelText:
    """What the panel says about `panel`'s region, with the marks the map may draw there after
    the person's answers (`marks`; None: say nothing about marks) and the movements those
    answers leave (`answers`; None: every movement that fits)."""
    ui = content.body_map.ui
    area = panel.area
    number = panel.emergency_number
    calls = [("today", True)] * len(panel.urgent_precautions)
    calls += [(sign.level, False) for sign in panel.urgent_signs]
    blocked = (
        blocked_texts(content, marks, number)[0] if marks is not None and marks.blocked else None
    )
    return PanelText(
        region_id=panel.region.id,
        name=panel.region.name,
        description=area.description,
        warnings=tuple(
            PanelWarning(text, level, emergency)
            for text, (level, emergency) in zip(warnings(content, panel), calls, strict=True)
        ),
        muscles=tuple(area.muscles),
        typical=area.typical,
        roots_line=ui.roots_line.format(roots=", ".join(area.roots)),
        precautions=tuple(
            PanelPrecaution(p.label, p.advice_text(number)) for p in panel.precautions
        ),
        care=tuple(panel.care),
        blocked=blocked,
        blocked_urgent=marks is not None and marks.urgent_level is not None,
        techniques=tuple(_technique_card(content, fit, marks) for fit in panel.techniques),
        movements=panel_movements(content, area.id, answers),
        sources=f"{ui.sources}: {'; '.join(panel.sources)}",
        share=ui.share.format(name=panel.region.name),
    )


def region_text(
    content: Content, region_id: str, emergency_number: str, answers: Answers | None = None
) -> PanelText | None:
    """What the panel says about a region id (None for an unknown id), with its marks after
    the person's self-assessment answers (`answers`; None: none given)."""
    panel = region_panel(content, region_id, emergency_number)
    if panel is None:
        return None
    return panel_text(content, panel, region_marks(content, region_id, answers), answers)
