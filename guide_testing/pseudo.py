"""A pseudo-language: a copy of the content folder with a translation ``qps`` that marks every
word the content gives (``⟦...⟧``), so a page run in it shows which of its words did not come
from the content (tests/test_pseudo_language.py).

Each word (translation.words_of decides which strings are words) becomes ``⟦`` + the English +
``⟧``: its {placeholders} stay whole, inside the marks, and the page still reads and works. What
the translation leaves English, and why:

* glossary terms and forms (glossary.yaml ``term``, ``forms``): the screens find them in other
  texts as whole words. Marked, "⟦sciatica⟧" would be found in no text (the text reads
  "⟦Sciatica is ...⟧") and no page would list the words it uses; unmarked, "sciatica" is still
  found in the marked text, because a mark is not a word character. The test knows them by name.
* words the models refuse marked: a few strings words_of counts as words are values from a fixed
  list ("L4", one of the nerve roots a model names). Each file is validated with its marks, and
  where its model refuses a marked value that value stays English (``refused`` below lists them;
  none is shown as a word of the guide on its own).
* whatever words_of leaves out of every translation: ids, icons, numbers to dial, the article's
  own words, sources as cited (the test allows each, with its reason).
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from sciatica_guide import APP_ROOT
from sciatica_guide.content.country_models import COUNTRIES_DIR, CountryPack
from sciatica_guide.content.loader import (
    REVIEW_FILE,
    TRANSLATIONS_DIR,
    YAML_FILES,
    read_yaml,
)
from sciatica_guide.content.translation import words_of

#: The pseudo-language's code (what ?lang= takes) and its entry in languages.yaml.
PSEUDO = "qps"
PSEUDO_LANGUAGE = {"code": PSEUDO, "name": "⟦Pseudo⟧", "html_lang": "en-XA"}
OPEN, CLOSE = "⟦", "⟧"
#: Glossary fields the screens match as whole words in other texts: kept English (see above).
UNMARKED = {"glossary.yaml": frozenset({"term", "forms"})}


def mark(text: str) -> str:
    """`text` between the marks (its {placeholders} untouched: they stay inside, whole)."""
    return f"{OPEN}{text}{CLOSE}"


def _marked(file: str, data: Any, path: str = "", key: str = "") -> Any:
    """`data` (a whole English file) with each of its words marked; paths and keys as
    translation.words_of names them, so the same strings count as words."""
    if isinstance(data, str):
        if key in UNMARKED.get(file, ()) or words_of(file, data, path, key) is None:
            return data
        return mark(data)
    if isinstance(data, dict):
        return {
            k: _marked(file, v, f"{path}.{k}" if path else str(k), str(k)) for k, v in data.items()
        }
    if isinstance(data, list):
        return [
            _marked(file, item, f"{path}.{_item_key(item, i)}", key) for i, item in enumerate(data)
        ]
    return data


def _item_key(item: Any, index: int) -> str:
    # As translation.py names a list item in a path: by its id where it has one.
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return str(item["id"])
    return str(index)


def _restore(marked: Any, english: Any, loc: tuple[int | str, ...]) -> bool:
    """Put the English back at `loc` (as far as the data goes); False when nothing changed."""
    parent: Any = None
    step: int | str | None = None
    node, source = marked, english
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and part < len(node)
        ):
            parent, step, node, source = node, part, node[part], source[part]
        else:
            break
    if parent is None or step is None or node == source:
        return False
    parent[step] = copy.deepcopy(source)  # type: ignore[index]
    return True


def _valid_marked(file: str, english: Any, model: type[BaseModel]) -> tuple[Any, list[str]]:
    """The file with its words marked, English again wherever its model refuses a mark; and the
    places left English that way."""
    marked = _marked(file, english)
    refused: list[str] = []
    while True:
        try:
            model.model_validate(marked)
        except ValidationError as error:
            changed = False
            for problem in error.errors():
                if _restore(marked, english, problem["loc"]):
                    changed = True
                    refused.append(f"{file}:{'.'.join(str(p) for p in problem['loc'])}")
            if not changed:
                raise
        else:
            return marked, refused


def _content_files(folder: Path) -> list[tuple[str, type[BaseModel]]]:
    countries = sorted(p.name for p in (folder / COUNTRIES_DIR).glob("*.yaml"))
    return [*YAML_FILES.values()] + [(f"{COUNTRIES_DIR}/{n}", CountryPack) for n in countries]


def _dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def make_pseudo_content(tmp_dir: Path) -> Path:
    """The content folder copied to `tmp_dir`/content with the language ``qps`` (every word
    marked) and no other translation: its languages.yaml offers English and ``qps`` only."""
    folder = Path(tmp_dir) / "content"
    shutil.copytree(APP_ROOT / "content", folder, ignore=shutil.ignore_patterns(TRANSLATIONS_DIR))
    languages = read_yaml(folder, "languages.yaml")
    source = languages["source"]
    languages["languages"] = [
        *(lang for lang in languages["languages"] if lang["code"] == source),
        PSEUDO_LANGUAGE,
    ]
    _dump(folder / "languages.yaml", languages)
    target = folder / TRANSLATIONS_DIR / PSEUDO
    for name, model in _content_files(folder):
        marked, _ = _valid_marked(name, read_yaml(folder, name), model)
        words = words_of(name, marked)
        if words is not None:
            _dump(target / name, words)
    _dump(
        target / REVIEW_FILE,
        {"translated_by": mark("the pseudo-language generator"), "reviewed_by": None},
    )
    return folder


def refused_marks() -> list[str]:
    """Where the models refuse a mark on a word of the shipped content (file:field), which the
    pseudo-language leaves English."""
    refused: list[str] = []
    for name, model in _content_files(APP_ROOT / "content"):
        refused += _valid_marked(name, read_yaml(APP_ROOT / "content", name), model)[1]
    return refused
