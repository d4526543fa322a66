"""The hazard log in docs/clinical-safety.md cannot rot: every test it names exists, and every
hazard names at least one test."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOG = ROOT / "docs" / "clinical-safety.md"
TEST_REF = re.compile(r"`(tests/[\w/]+\.py)::(test_\w+)`")
HAZARD = re.compile(r"^### (H\d+)\. (.+)$", re.MULTILINE)
REQUIRED_FIELDS = (
    "**Cause:**",
    "**Effect:**",
    "**Before controls:**",
    "**Controls:**",
    "**Residual:**",
)


def hazards(text: str) -> dict[str, str]:
    """Hazard id -> its section of the log."""
    starts = list(HAZARD.finditer(text))
    sections: dict[str, str] = {}
    for match, following in zip(starts, [*starts[1:], None], strict=True):
        end = following.start() if following else text.find("\n## ", match.end())
        sections[match.group(1)] = text[match.start() : end if end != -1 else len(text)]
    return sections


@cache
def defined_tests(path: Path) -> frozenset[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return frozenset(
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    )


def missing_references(text: str) -> list[str]:
    missing = []
    for file, name in TEST_REF.findall(text):
        path = ROOT / file
        if not path.is_file() or name not in defined_tests(path):
            missing.append(f"{file}::{name}")
    return missing


def test_the_log_has_the_hazards_the_issue_names() -> None:
    titles = " ".join(title for _, title in HAZARD.findall(LOG.read_text(encoding="utf-8")))
    for words in (
        "red-flag",
        "precaution",
        "Left and right",
        "other than the one tapped",
        "evidence",
        "out of date",
        "previous patient",
        "hard to read",
        "sends data",
        "weakness in one leg",
        "weaker message",
        "overstated",
        "wrong number for the place",
        "stale number",
    ):
        assert words in titles, words


@pytest.mark.parametrize("hazard_id", sorted(hazards(LOG.read_text(encoding="utf-8"))))
def test_every_hazard_is_complete_and_controlled_by_a_test(hazard_id: str) -> None:
    section = hazards(LOG.read_text(encoding="utf-8"))[hazard_id]
    for field in REQUIRED_FIELDS:
        assert field in section, f"{hazard_id} has no {field}"
    assert TEST_REF.search(section), f"{hazard_id} names no test that enforces its controls"


def test_every_test_the_log_names_exists() -> None:
    assert missing_references(LOG.read_text(encoding="utf-8")) == []


def test_a_renamed_test_is_caught() -> None:
    broken = "- **Controls:** `tests/test_app.py::test_that_was_renamed_long_ago`."
    assert missing_references(broken) == ["tests/test_app.py::test_that_was_renamed_long_ago"]
    assert missing_references("`tests/no_such_file.py::test_x`") == [
        "tests/no_such_file.py::test_x"
    ]
