"""Small checks shared by the content cross-checks: unique ids, known references, templates.

Pure functions over validated models; each raises ContentError naming the file and the field.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel

from sciatica_guide.content.errors import ContentError
from sciatica_guide.content.placeholders import Placeholders

#: What a pasted snippet could bring into a page: an HTML tag, comment or declaration (a form, a
#: tracking image, a link), or a Markdown image or link, inline or by reference ("[a][b]").
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?]|!\[|\]\(|\]\[")
#: A reference-style link's definition ("[a]: https://..."), which turns any "[a]" into a link.
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:", re.M)
#: A web or e-mail address: Markdown makes it a live link by itself (even in the urgent-help box).
_ADDRESS = re.compile(
    r"\b[A-Za-z][A-Za-z0-9+.-]*://|\bwww\.|\bmailto:|[\w.+-]+@[\w-]+(\.[\w-]+)*\.[A-Za-z]{2,}"
)
#: Characters that reverse or embed text direction: text can then read otherwise than it shows.
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def text_problem(text: str, *, address: bool = False) -> str | None:
    """What in a content text could show as more than its words; None when it is plain.

    Applied to every text of every content file and to the article (loader.py). Markdown
    emphasis, lists and headings are fine; links, images, HTML, formulas ($...$ is a formula in
    Streamlit's Markdown) and hidden direction characters are not. `address`: the text is an
    address itself (a source's url), which the guide turns into a link on purpose.
    """
    found = _MARKUP.search(text) or _REFERENCE_DEFINITION.search(text)
    if found:
        return (
            "write plain text here, without HTML or Markdown links and images "
            f"(found '{text[found.start() : found.start() + 12]}')"
        )
    bidi = _BIDI_CONTROL.search(text)
    if bidi:
        return (
            f"remove the hidden text-direction character U+{ord(bidi.group()):04X}: it can make "
            "text read differently from how it shows"
        )
    if "$" in text:
        return "write plain text here, without a $ sign: it starts a formula (write 'dollars')"
    if not address:
        link = _ADDRESS.search(text)
        if link:
            return (
                "write plain text here, without web or e-mail addresses: they become links "
                f"(found '{text[link.start() : link.start() + 12]}'); sources.yaml holds addresses"
            )
    return None


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
