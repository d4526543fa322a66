"""mypy finds no type error, so `pytest` alone catches a type regression (as scripts/check does).

The configuration, and which files are checked, is [tool.mypy] in pyproject.toml. The cache is
mypy's default .mypy_cache at the repository's root, shared with scripts/check: after a first full
check, a run re-checks only the files that changed.
"""

from __future__ import annotations

import pytest
from mypy import api

from sciatica_guide import APP_ROOT


def test_mypy_finds_no_type_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(APP_ROOT)
    report, errors, status = api.run([])
    assert status == 0, f"mypy found type errors:\n{report}{errors}"
