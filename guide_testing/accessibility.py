"""axe-core results as (rule, element) pairs, so a comparison with a bare Streamlit page ignores
only the very elements that page also gets wrong, not every element that breaks the same rule."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

SERIOUS = frozenset({"serious", "critical"})


class Violation(NamedTuple):
    """One element breaking one axe rule; `target` is axe's selector path to the element."""

    rule: str
    target: str
    help: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return self.rule, self.target


def violations_of(axe_response: dict[str, Any], impacts: Iterable[str] = SERIOUS) -> set[Violation]:
    """Every (rule, element) of an axe response with one of `impacts`."""
    wanted = set(impacts)
    return {
        Violation(rule["id"], " >>> ".join(map(str, node["target"])), rule.get("help", ""))
        for rule in axe_response["violations"]
        if rule.get("impact") in wanted
        for node in rule["nodes"]
    }


def serious_violations(page: Page) -> set[Violation]:
    return violations_of(Axe().run(page).response)


def new_violations(found: Iterable[Violation], baseline: Iterable[Violation]) -> list[Violation]:
    """What `found` has beyond the baseline, compared by rule AND element."""
    known = {v.key for v in baseline}
    return sorted(v for v in found if v.key not in known)
