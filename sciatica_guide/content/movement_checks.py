"""The movements' cross-checks (movements.yaml): ids once, every area, precaution and source
known, and every body map area with at least one movement (walking fits them all)."""

from __future__ import annotations

from sciatica_guide.content.checks import check_ref, check_refs, check_unique
from sciatica_guide.content.errors import ContentError
from sciatica_guide.content.models import Content

FILE = "movements.yaml"


def check_movements(content: Content) -> None:
    movements = content.movements
    source_ids = {s.id for s in content.sources.sources}
    area_ids = {a.id for a in content.areas.areas}
    precaution_ids = {p.id for p in content.precautions.precautions}
    movement_ids = {m.id for m in movements.movements}
    check_unique(FILE, "movements", [m.id for m in movements.movements])
    check_refs(FILE, "stop_sources", movements.stop_sources, source_ids, "source")
    for mi, movement in enumerate(movements.movements):
        where = f"movements[{mi}]"
        check_refs(FILE, f"{where}.areas", movement.areas, area_ids, "body map area")
        check_refs(FILE, f"{where}.sources", movement.sources, source_ids, "source")
    if not any(m.gentle for m in movements.movements):
        raise ContentError(
            FILE, "movements", "at least one movement must be gentle (shown when pain is strong)"
        )
    for area in content.areas.areas:
        if not movements.for_area(area.id):
            raise ContentError(FILE, "movements", f"no movement fits the body map area '{area.id}'")
    seen: set[str] = set()
    for pi, rule in enumerate(movements.precautions):
        where = f"precautions[{pi}]"
        check_ref(FILE, f"{where}.precaution", rule.precaution, precaution_ids, "precaution")
        if rule.precaution in seen:
            raise ContentError(FILE, f"{where}.precaution", f"'{rule.precaution}' is listed twice")
        seen.add(rule.precaution)
        check_refs(FILE, f"{where}.rules_out", rule.rules_out, movement_ids, "movement")
        check_refs(FILE, f"{where}.sources", rule.sources, source_ids, "source")
