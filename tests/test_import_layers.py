"""The package's imports point down and never go round in a circle.

The layers and the forbidden imports are import-linter contracts in pyproject.toml; the cycle
check covers what layers cannot see: two modules of one feature importing each other, including
imports made only for type hints.
"""

from __future__ import annotations

import graphlib

import grimp
import pytest
from importlinter.cli import lint_imports

from sciatica_guide import APP_ROOT


def test_import_linter_contracts_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(APP_ROOT)
    assert lint_imports(config_filename="pyproject.toml", no_cache=True) == 0


def test_no_module_imports_itself_round_a_cycle() -> None:
    graph = grimp.build_graph("sciatica_guide", exclude_type_checking_imports=False)
    imports = {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}
    try:
        tuple(graphlib.TopologicalSorter(imports).static_order())
    except graphlib.CycleError as cycle:
        pytest.fail("import cycle: " + " -> ".join(cycle.args[1]))
