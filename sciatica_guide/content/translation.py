"""Translations of the content folder: overlay files that replace the English words and nothing
else.

A translation lives in ``content/translations/<code>/``. Each file there has the name and the
shape of an English file (``red_flags.yaml``, ``countries/sg.yaml``) and holds only the words it
translates: mappings by key, lists of items that have an ``id`` by that id, other lists item by
item. Whatever a translation leaves out stays English, one string at a time, and the merged
folder is validated like the English one, so a translation cannot break a reference or drop a
placeholder unnoticed.

Which strings are words (and so translatable) is decided here, in one place: ids, references,
addresses, icons, numbers to dial, file names and the article's own words (the article stays
verbatim in English) are not.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator
from typing import Any

from sciatica_guide.content.errors import ContentError

#: A placeholder the guide fills in ("{emergency_number}").
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
#: An id or a reference to one ("calf-clot", "back_pain"): never translated.
_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
#: Keys whose slug-shaped values are still words ("and", a glossary term such as "fascia").
_WORD_KEYS = frozenset({"and", "because", "term", "forms", "label"})
#: Keys whose values are never words, whatever they look like.
_NOT_WORD_KEYS = frozenset(
    {
        "id",
        "url",
        "url_path",
        "script",
        "icon",
        "dial",
        "shown",
        "file_name",
        "file_stem",
        "words_file_stem",
        # The article stays verbatim in English: its headings are references, its key points
        # and its title, publisher and date are quoted from it.
        "article_section",
        "article_sections",
        "section",
        "evidence_notes",
        "key_points",
        # Sources are cited as published.
        "citation",
    }
)
#: Whole files or parts of files that are not translated (file, dotted path pattern).
_NOT_WORD_PATHS = (
    ("site.yaml", "article.*"),
    ("sources.yaml", "*"),
    ("languages.yaml", "source"),
    ("languages.yaml", "languages.*"),
    ("languages.yaml", "safety.*"),
    ("blocked_words.yaml", "*"),
    ("body_map.yaml", "outlines.*"),
    ("body_map.yaml", "figures.*"),
    ("body_map.yaml", "nerve.*"),
)


def _is_word(file: str, path: str, key: str, value: str) -> bool:
    if key in _NOT_WORD_KEYS:
        return False
    if any(file == f and fnmatch.fnmatchcase(path, p) for f, p in _NOT_WORD_PATHS):
        return False
    if value.startswith(":material/"):
        return False
    return key in _WORD_KEYS or not _SLUG.match(value)


def _item_key(item: Any, index: int) -> str:
    """How an item of a list is named in a path: by its id where it has one."""
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return item["id"]
    return str(index)


def words_of(file: str, data: Any, path: str = "", key: str = "") -> Any:
    """The translatable part of an English file's data: the same shape, words only (None when
    nothing under `data` is a word). Items of a list with ids keep their ids."""
    if isinstance(data, str):
        return data if _is_word(file, path, key, data) else None
    if isinstance(data, dict):
        kept: dict[str, Any] = {}
        for k, value in data.items():
            sub = words_of(file, value, f"{path}.{k}" if path else str(k), str(k))
            if sub is not None:
                kept[str(k)] = sub
        return kept or None
    if isinstance(data, list):
        items = [
            words_of(file, item, f"{path}.{_item_key(item, i)}", key) for i, item in enumerate(data)
        ]
        if all(item is None for item in items):
            return None
        if data and all(isinstance(item, dict) and "id" in item for item in data):
            return [
                {"id": item["id"], **(sub or {})}
                for item, sub in zip(data, items, strict=True)
                if sub is not None
            ]
        return [
            sub if sub is not None else ({} if isinstance(d, dict) else d)
            for d, sub in zip(data, items, strict=True)
        ]
    return None


def leaves(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every (dotted path, string) in a words tree; list items named by id or position."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key == "id" and isinstance(value, str):
                continue
            yield from leaves(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from leaves(item, f"{path}.{_item_key(item, index)}")


def merge(file: str, base: Any, overlay: Any, path: str = "") -> Any:
    """`base` with the words of `overlay` in place of its own. Refuses anything in the overlay
    that is not a word of the base (an unknown key or id, a number, a changed list length)."""
    where = path or None
    if isinstance(base, dict):
        if not isinstance(overlay, dict):
            raise ContentError(file, where, "the translation must hold a mapping here")
        merged = dict(base)
        for key, value in overlay.items():
            if key not in base:
                raise ContentError(file, where, f"the English file has no field '{key}'")
            merged[key] = merge(file, base[key], value, f"{path}.{key}" if path else str(key))
        return merged
    if isinstance(base, list):
        if not isinstance(overlay, list):
            raise ContentError(file, where, "the translation must hold a list here")
        if base and all(isinstance(item, dict) and "id" in item for item in base):
            by_id = {item["id"]: i for i, item in enumerate(base)}
            merged_list = list(base)
            for item in overlay:
                if not isinstance(item, dict) or item.get("id") not in by_id:
                    raise ContentError(file, where, "each translated item needs an id in English")
                index = by_id[item["id"]]
                merged_list[index] = merge(file, base[index], item, f"{path}.{item['id']}")
            return merged_list
        if len(overlay) != len(base):
            raise ContentError(
                file,
                where,
                f"the translation has {len(overlay)} items where English has {len(base)}",
            )
        return [
            merge(file, b, o, f"{path}.{i}")
            for i, (b, o) in enumerate(zip(base, overlay, strict=True))
        ]
    if isinstance(base, str):
        if not isinstance(overlay, str):
            raise ContentError(file, where, "a translation must be text")
        # The same {names} as the English: a translation that dropped {emergency_number} would
        # tell people to call nothing.
        wanted, found = set(_PLACEHOLDER.findall(base)), set(_PLACEHOLDER.findall(overlay))
        if wanted != found:
            names = ", ".join(f"{{{n}}}" for n in sorted(wanted)) or "none"
            raise ContentError(file, where, f"the translation must keep the placeholders: {names}")
        return overlay
    if overlay != base:
        raise ContentError(file, where, "only words can be translated, not numbers or settings")
    return base


def missing_words(file: str, english: Any, overlay: Any, patterns: tuple[str, ...]) -> list[str]:
    """The paths of `file`'s words that match one of `patterns` (``file.yaml:dotted.*``) and
    that `overlay` does not translate."""
    own = [p.split(":", 1)[1] if ":" in p else "*" for p in patterns if p.split(":", 1)[0] == file]
    if not own:
        return []
    translated = {path for path, _ in leaves(overlay)} if overlay is not None else set()
    return [
        f"{file}:{path}"
        for path, _ in leaves(words_of(file, english))
        if any(fnmatch.fnmatchcase(path, p) for p in own) and path not in translated
    ]
