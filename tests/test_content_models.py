"""The models carry the rules every content text and id follows: no empty text (str_min_length on
every model), and an id has its kebab-case pattern wherever it is defined or referred to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from guide_testing.content_copy import Edit, edited_content
from sciatica_guide.content import ContentError, load_content


def edited(tmp_path: Path, name: str, edit: Edit) -> Path:
    return edited_content(tmp_path, edit, name)


@pytest.mark.parametrize(
    ("name", "edit", "field"),
    [
        ("site.yaml", lambda d: d.update(tagline=""), "tagline"),
        ("red_flags.yaml", lambda d: d["groups"][0].update(why=""), "groups[0].why"),
        ("assessment.yaml", lambda d: d["check"].update(title=""), "check.title"),
    ],
)
def test_an_empty_text_is_a_content_error(tmp_path: Path, name: str, edit: Any, field: str) -> None:
    with pytest.raises(ContentError) as caught:
        load_content(edited(tmp_path, name, edit))
    assert str(caught.value).startswith(f"Content error in {name}, field '{field}'")


@pytest.mark.parametrize(
    ("name", "edit", "field"),
    [
        # Where an id is defined...
        ("sources.yaml", lambda d: d["sources"][0].update(id="Health Hub"), "sources[0].id"),
        # ...and where one is referred to.
        (
            "precautions.yaml",
            lambda d: d["precautions"][0].update(sources=["NHS DVT"]),
            "precautions[0].sources[0]",
        ),
    ],
)
def test_an_id_keeps_its_pattern_everywhere(
    tmp_path: Path, name: str, edit: Any, field: str
) -> None:
    with pytest.raises(ContentError) as caught:
        load_content(edited(tmp_path, name, edit))
    message = str(caught.value)
    assert message.startswith(f"Content error in {name}, field '{field}'"), message
    assert "pattern" in message
