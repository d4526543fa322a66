"""Small checks shared by the content cross-checks: unique ids, known references, templates.

Pure functions over validated models; each raises ContentError naming the file and the field.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel

from sciatica_guide.content.errors import ContentError
from sciatica_guide.content.placeholders import Placeholders


def check_unique(file: str, field: str, ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for index, item_id in enumerate(ids):
        if item_id in seen:
            raise ContentError(file, f"{field}[{index}].id", f"the id '{item_id}' is used twice")
        seen.add(item_id)


def check_refs(file: str, field: str, refs: Iterable[str], known: set[str], kind: str) -> None:
    for index, ref in enumerate(refs):
        if ref not in known:
            raise ContentError(file, f"{field}[{index}]", f"unknown {kind} id '{ref}'")


def check_ref(file: str, field: str, ref: str, known: set[str], kind: str) -> None:
    if ref not in known:
        raise ContentError(file, field, f"unknown {kind} id '{ref}'")


def _placeholders_of(annotation: Any) -> frozenset[str]:
    """The {placeholders} a text typed `annotation` may hold (models.Placeholders)."""
    if get_origin(annotation) is Annotated:
        for mark in get_args(annotation)[1:]:
            if isinstance(mark, Placeholders):
                return mark.names
    return frozenset()


def check_templates(file: str, field: str, value: Any, annotation: Any = None) -> None:
    """Every text in a content file holds only the {placeholders} its field allows (none, unless
    the model marks the field with Placeholders), and no broken brace."""
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            marks = [m for m in info.metadata if isinstance(m, Placeholders)]
            inner = Annotated[info.annotation, *marks] if marks else info.annotation
            key = info.alias or name
            check_templates(file, f"{field}.{key}" if field else key, getattr(value, name), inner)
        return
    args = get_args(annotation)
    if get_origin(annotation) is Annotated and isinstance(value, list | dict):
        annotation, args = args[0], get_args(args[0])
    if isinstance(value, list | tuple):
        for index, item in enumerate(value):
            check_templates(file, f"{field}[{index}]", item, args[0] if args else None)
    elif isinstance(value, dict):
        for key, item in value.items():
            inner = args[1] if len(args) == 2 else None
            check_templates(file, f"{field}.{key}", item, inner)
    elif isinstance(value, str):
        check_template(file, field, value, set(_placeholders_of(annotation)))


def check_template(file: str, field: str, text: str, allowed: set[str]) -> None:
    """A text with {placeholders} may only use the names the guide fills in."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise ContentError(file, field, f"broken {{placeholder}}: {exc}") from None
    unknown = sorted(names - allowed)
    if unknown:
        known = ", ".join("{" + name + "}" for name in sorted(allowed)) or "none"
        raise ContentError(file, field, f"unknown placeholder {{{unknown[0]}}} (allowed: {known})")


def check_asked_once(
    file: str, field: str, asked: list[str], expected: list[str], kind: str
) -> None:
    """Every expected id is asked, exactly once, and nothing unknown is."""
    check_refs(file, field, asked, set(expected), kind)
    for item_id in expected:
        if item_id not in asked:
            raise ContentError(file, field, f"the {kind} '{item_id}' is not asked")
    if len(set(asked)) != len(asked):
        raise ContentError(file, field, f"a {kind} is asked twice")
