"""A copy of the real content folder with one YAML file edited, for tests of broken content."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from sciatica_guide import APP_ROOT

Edit = Callable[[dict[str, Any]], None]


def edited_content(tmp_path: Path, edit: Edit, name: str = "assessment.yaml") -> Path:
    """The content folder copied under `tmp_path`, with `edit` applied to the data of `name`."""
    folder = tmp_path / "content"
    shutil.copytree(APP_ROOT / "content", folder)
    data = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
    edit(data)
    (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder
