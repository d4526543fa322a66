"""What the panel says about one region, as plain data: muscles, roots, care, techniques."""

from __future__ import annotations

from dataclasses import dataclass

from sciatica_guide.content import Content
from sciatica_guide.content.models import Area, Precaution, Region, Technique


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
