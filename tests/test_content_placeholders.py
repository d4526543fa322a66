"""Every {placeholder} in content is checked at load: a text may hold only the names its field
allows (models.Placeholders), and a text without that mark may hold none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from guide_testing.content_copy import Edit, edited_content
from sciatica_guide.content import ContentError, load_content
from sciatica_guide.content.loader import YAML_FILES
from sciatica_guide.content.models import Placeholders


def edited(tmp_path: Path, name: str, edit: Edit) -> Path:
    return edited_content(tmp_path, edit, name)


def _append(path: list[str | int], text: str) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = f"{target[path[-1]]} {text}"

    return edit


@pytest.mark.parametrize(
    ("name", "path", "text", "field", "problem"),
    [
        # A text with no placeholders allowed.
        ("evidence.yaml", ["notes", 0, "text"], "{x}", "notes[0].text", "unknown placeholder {x}"),
        (
            "techniques.yaml",
            ["techniques", 1, "feels_like"],
            "{",
            "techniques[1].feels_like",
            "broken {placeholder}",
        ),
        # A template with its own names: a name it does not allow.
        (
            "modes.yaml",
            ["handout", "footer"],
            "{when}",
            "handout.footer",
            "unknown placeholder {when}",
        ),
        (
            "precautions.yaml",
            ["precautions", 0, "advice"],
            "{number}",
            "precautions[0].advice",
            "unknown placeholder {number}",
        ),
        (
            "red_flags.yaml",
            ["levels", "today", "action"],
            "{phone}",
            "levels.today.action",
            "unknown placeholder {phone}",
        ),
        # Inside a dict of texts, and behind a field alias.
        (
            "body_map.yaml",
            ["ui", "viewer_side", "left"],
            "{view}",
            "ui.viewer_side.left",
            "unknown placeholder {view}",
        ),
        (
            "assessment.yaml",
            ["result", "tell", "where"],
            "{place}",
            "result.tell.where",
            "unknown placeholder {place}",
        ),
        ("site.yaml", ["attribution"], "{author}", "attribution", "unknown placeholder {author}"),
    ],
)
def test_a_stray_placeholder_gives_one_clear_line(
    tmp_path: Path, name: str, path: list[str | int], text: str, field: str, problem: str
) -> None:
    with pytest.raises(ContentError) as caught:
        load_content(edited(tmp_path, name, _append(path, text)))
    message = str(caught.value)
    assert message.startswith(f"Content error in {name}, field '{field}'"), message
    assert problem in message


def _marked_fields(model: type[BaseModel], seen: set[type] | None = None) -> int:
    """How many fields, anywhere in a model, are marked as templates."""
    seen = seen or set()
    count = 0
    for info in model.model_fields.values():
        text = repr(info.annotation) + repr(info.metadata)
        count += "Placeholders" in text
        annotation = info.annotation
        for candidate in (*getattr(annotation, "__args__", ()), annotation):
            is_model = isinstance(candidate, type) and issubclass(candidate, BaseModel)
            if is_model and candidate not in seen:
                seen.add(candidate)
                count += _marked_fields(candidate, seen)
    return count


def test_the_templates_the_guide_fills_in_are_marked() -> None:
    # 24 single texts, 7 "what to tell your therapist" lines, 2 advice texts, 2 viewer sides: each
    # filled in with .format() somewhere; marking them is what lets the loader check them.
    marks = sum(_marked_fields(model) for _, model in YAML_FILES.values())
    assert marks >= 30
    assert Placeholders("a").names == frozenset({"a"})
