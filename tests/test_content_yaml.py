"""Content YAML is read fast and safely (issue #29, point 4): libyaml's safe loader where it is
installed, giving the same data as PyYAML's; anchors and aliases refused before anything expands,
so a small "alias bomb" is one clear error in well under a second instead of a hung session."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
import yaml

from sciatica_guide import APP_ROOT
from sciatica_guide.content import ContentError, load_content
from sciatica_guide.content.loader import parse_yaml

BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip(["", "a", "b", "c", "d", "e", "f", "g", "h"], "abcdefghi", strict=True)
)


@pytest.mark.parametrize(
    "path", sorted((APP_ROOT / "content").glob("*.yaml")), ids=lambda p: p.name
)
def test_every_content_file_reads_as_pyyaml_reads_it(path: Path) -> None:
    text = path.read_text("utf-8")
    assert parse_yaml(path.name, text) == yaml.safe_load(text)


def test_libyaml_is_used_where_installed() -> None:
    from sciatica_guide.content import loader

    if yaml.__with_libyaml__:
        assert loader._SAFE_LOADER is yaml.CSafeLoader


def test_an_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(APP_ROOT / "content", folder)
    site = folder / "site.yaml"
    site.write_text(
        site.read_text("utf-8")
        + "\nbomb:\n"
        + "".join("  " + line + "\n" for line in BOMB.splitlines()),
        "utf-8",
    )
    started = time.perf_counter()
    with pytest.raises(ContentError) as error:
        load_content(folder)
    assert time.perf_counter() - started < 1.0
    assert str(error.value).startswith("Content error in site.yaml")
    assert "anchor or alias" in str(error.value)


@pytest.mark.parametrize("text", ["a: &x 1\n", "a: &x 1\nb: *x\n", "a: [&x 1]\n"])
def test_any_anchor_or_alias_is_refused(text: str) -> None:
    with pytest.raises(ContentError, match="line 1 uses a YAML anchor or alias"):
        parse_yaml("site.yaml", text)
