"""A pseudo-language that marks every word the content gives, and a reading of what an AppTest
page shows, so a test can find the words that did not come from the content
(tests/test_pseudo_language.py).

`make_pseudo_content` copies the content folder and adds the language ``qps``: a translation
(content/translations/qps/, from translation.words_of) in which each word is its English between
marks, "⟦...⟧". The English stays inside the marks, so every page still reads and works. In a
template each run of words between {placeholders} is marked on its own ("⟦Call ⟧{number}⟦ now⟧"):
what the code fills in stays outside the marks and is checked too. Left English, and why:

* glossary terms and forms (glossary.yaml ``term``, ``forms``): the screens find them in other
  texts as whole words, any case. Marked, "⟦sciatica⟧" would be found in no text (the text reads
  "⟦Sciatica is ...⟧") and no page would explain the words it uses; unmarked, "sciatica" is
  still found in the marked text, as a mark is not a word character. The test allows them.
* what a model refuses marked: words_of counts a few strings as words that are values from a
  fixed list, the nerve roots ("L4", areas.yaml ``roots`` and body_map.yaml ``root_areas``).
  Each file is validated with its marks and keeps the English wherever its model refuses one
  (`refused_marks` names them). The roots' names are glossary terms too.
* whatever words_of leaves out of every translation: ids, icons, numbers to dial, the article's
  own words, sources as cited (the test allows each, with its reason).

The copy has no other translation (a faster start; the language control lists English and
``qps``).
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import string
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from sciatica_guide import APP_ROOT
from sciatica_guide.content.loader import REVIEW_FILE, TRANSLATIONS_DIR, content_files, read_yaml
from sciatica_guide.content.translation import words_of

#: The pseudo-language's code (what ?lang= takes) and its entry in languages.yaml. "en-XA" is
#: the tag pseudo-locales use (a private region of English).
PSEUDO = "qps"
PSEUDO_LANGUAGE = {"code": PSEUDO, "name": "⟦Pseudo⟧", "html_lang": "en-XA"}
OPEN, CLOSE = "⟦", "⟧"
#: Glossary fields the screens match as whole words in other texts: kept English (see above).
UNMARKED = {"glossary.yaml": frozenset({"term", "forms"})}


def mark(text: str) -> str:
    """`text` between the marks; in a template each run of words between its {placeholders} is
    marked on its own, and the placeholders stay whole, outside the marks."""
    parts: list[str] = []
    for literal, name, spec, conversion in string.Formatter().parse(text):
        words = literal.replace("{", "{{").replace("}", "}}")
        parts.append(f"{OPEN}{words}{CLOSE}" if literal.strip() else words)
        if name is not None:
            field = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            parts.append("{" + field + "}")
    return "".join(parts)


def _item_key(item: Any, index: int) -> str:
    # As translation.py names a list item in a path: by its id where it has one.
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return str(item["id"])
    return str(index)


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


def _restore(marked: Any, english: Any, loc: tuple[int | str, ...]) -> bool:
    """Put the English back at `loc` (as deep as the data goes); False when nothing changed."""
    parent: Any = None
    step: Any = None
    node: Any = marked
    source: Any = english
    for part in loc:
        if isinstance(node, dict) and part in node:
            key: Any = part
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            key = part
        else:
            break
        parent, step, node, source = node, key, node[key], source[key]
    if parent is None or node == source:
        return False
    parent[step] = copy.deepcopy(source)
    return True


def _valid_marked(file: str, english: Any, model: type[BaseModel]) -> tuple[Any, list[str]]:
    """The file with its words marked, English again wherever its model refuses a mark; and the
    places left English that way (file:path)."""
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


def _dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def make_pseudo_content(tmp_dir: Path) -> Path:
    """The content folder copied to `tmp_dir`/content with the language ``qps`` (every word
    marked) and no other translation: its languages.yaml offers English and ``qps``."""
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
    written: list[str] = []
    for name, model in content_files(folder):
        marked, _ = _valid_marked(name, read_yaml(folder, name), model)
        words = words_of(name, marked)
        if words is not None:
            _dump(target / name, words)
            written.append(name)
    # Not checked by a health professional: every page shows the unchecked-translation line.
    _dump(
        target / REVIEW_FILE,
        {
            "translated_by": mark("the pseudo-language generator"),
            "files": {name: {"reviewed_by": None, "reviewed_on": None} for name in written},
        },
    )
    return folder


def refused_marks() -> list[str]:
    """Where the models refuse a mark on a word of the shipped content (file:path), which the
    pseudo-language leaves English."""
    folder = APP_ROOT / "content"
    refused: list[str] = []
    for name, model in content_files(folder):
        refused += _valid_marked(name, read_yaml(folder, name), model)[1]
    return refused


# --- what a page shows, and which of it is not marked ------------------------------------------
#: Proto fields whose strings a person reads: labels, bodies, tooltips, placeholders, options
#: (radio, selectbox, pills, segmented control), captions under options, progress text, deltas.
TEXT_FIELDS = frozenset(
    {
        "label",
        "body",
        "help",
        "placeholder",
        "options",
        "captions",
        "content",
        "text",
        "delta",
        "delta_description",
    }
)
#: Fields whose text is Markdown or HTML (escapes, tags and link targets are not read).
_MARKUP_FIELDS = frozenset({"body", "help", "label", "captions", "options", "content"})
#: Attributes whose value a person reads or hears.
_SHOWN_ATTRIBUTES = frozenset({"aria-label", "title", "alt", "placeholder", "aria-description"})
#: Component data keys whose values name things rather than say them: ids, keys, regions, kinds
#: of mark, views, languages, addresses, a phone's token, a run's or a drawing's hash.
COMPONENT_NON_WORDS = frozenset(
    {
        "id",
        "key",
        "box",
        "button",
        "expander",
        "lang",
        "href",
        "url",
        "path",
        "phone",
        "hash",
        "run",
        "view",
        "region",
        "selected",
        "kind",
    }
)
#: Where a Plotly figure holds words a person reads: its traces' labels and texts, its titles,
#: its axes' tick labels and its annotations.
_PLOTLY_WORDS = frozenset({"x", "y", "text", "name", "title", "ticktext", "hovertext", "label"})
_PLOTLY_SETTINGS = frozenset({"marker", "line", "font", "template"})
_ICON = re.compile(r":material/[a-z0-9_]+:")
#: Streamlit's Markdown directives (":small[...]", ":red[...]"): their names are not shown.
_DIRECTIVE = re.compile(r":[a-z]+(?:-[a-z]+)*\[")
_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff]")
_SPAN = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
#: What stands for a marked span once it is taken out.
HOLE = "\x00"


@dataclass(frozen=True)
class Shown:
    """One text a page shows: where (the element and its field) and what."""

    where: str
    text: str


class _Words(HTMLParser):
    """The words of HTML as a person meets them: text outside <style> and <script>, and the
    attributes read aloud or shown on hover (aria-label, title, alt)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.attributes: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._hidden += 1
        self.attributes += [v for k, v in attrs if k in _SHOWN_ATTRIBUTES and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def readable(markup: str) -> list[str]:
    """What a person reads of a Markdown (or HTML) text: its words without tags, escapes, link
    targets, icons or directives; the attributes a screen reader says come as texts of their
    own."""
    parser = _Words()
    parser.feed(markup)
    parser.close()
    # A space where a tag was: two SVG labels ("L4", "L5") or two list items are two words; a
    # mark around a tag (<b>) still closes, whatever is inside it.
    texts = [" ".join(parser.parts), *parser.attributes]
    out = []
    for text in texts:
        text = _ESCAPE.sub(r"\1", _INVISIBLE.sub("", _LINK_TARGET.sub("]", text)))
        out.append(_DIRECTIVE.sub("[", _ICON.sub("", text)))
    return out


def _proto_texts(message: Any, where: str) -> Iterator[Shown]:
    for field, value in message.ListFields():
        name = field.name
        for item in list(value) if field.is_repeated else [value]:
            if isinstance(item, str):
                if name in TEXT_FIELDS and item:
                    texts = readable(item) if name in _MARKUP_FIELDS else [item]
                    yield from (Shown(f"{where}.{name}", t) for t in texts)
            elif hasattr(item, "ListFields"):
                yield from _proto_texts(item, f"{where}.{name}")


def _json_texts(data: Any, where: str, key: str = "") -> Iterator[Shown]:
    if isinstance(data, str):
        if key not in COMPONENT_NON_WORDS and data:
            yield from (Shown(where, t) for t in readable(data))
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from _json_texts(v, f"{where}.{k}", str(k))
    elif isinstance(data, list):
        for v in data:
            yield from _json_texts(v, where, key)


def _frame_texts(frame: Any, where: str) -> Iterator[Shown]:
    """A table's column names and its text cells (st.table reads them as Markdown)."""
    for column in frame.columns:
        yield from (Shown(f"{where}.column", t) for t in readable(str(column)))
    for row in frame.itertuples(index=False):
        for cell in row:
            if isinstance(cell, str):
                yield from (Shown(f"{where}.cell", t) for t in readable(cell))


def _plotly_words(spec: Any, key: str = "") -> Any:
    """The words of a Plotly figure's JSON (its numbers, colours and settings left out)."""
    if isinstance(spec, dict):
        return {
            k: _plotly_words(v, k)
            for k, v in spec.items()
            if k in _PLOTLY_WORDS or (isinstance(v, dict | list) and k not in _PLOTLY_SETTINGS)
        }
    if isinstance(spec, list):
        return [_plotly_words(v, key) for v in spec]
    return spec if isinstance(spec, str) and key in _PLOTLY_WORDS else None


def shown_texts(node: Any, where: str = "") -> Iterator[Shown]:
    """Every text an AppTest block (at.main) or element shows: each element's and container's
    labels, bodies, options and tooltips; st.html's words; tables' cells and charts' labels; and
    the words custom components draw from their data (the body map's panels, the read-aloud
    button, the countdown)."""
    proto: Any = getattr(node, "proto", None)
    kind = getattr(node, "type", type(node).__name__) if proto is not None else "block"
    here = f"{where}/{kind}" if where else kind
    if kind in ("table", "dataframe"):
        yield from _frame_texts(node.value, here)
    elif kind == "plotly_chart":
        yield from _json_texts(_plotly_words(json.loads(proto.spec)), f"{here}.spec")
    elif kind == "bidi_component":
        name = proto.component_name.rsplit(".", 1)[-1]
        if proto.json:
            yield from _json_texts(json.loads(proto.json), f"{here}:{name}")
    elif kind == "html":
        yield from (Shown(f"{here}.body", t) for t in readable(proto.body))
    elif hasattr(proto, "ListFields"):
        yield from _proto_texts(proto, here)
    for child in getattr(node, "children", {}).values():
        yield from shown_texts(child, here)


def unmarked(text: str) -> list[str]:
    """The parts of a shown text outside every marked span (spans may nest: "⟦Numbers for: ⟧
    ⟦Singapore⟧" in a mark of its own), split where a span was. A mark left open or never opened
    (a text cut short) stays in the part, where it shows."""
    previous = None
    while previous != text:
        previous, text = text, _SPAN.sub(HOLE, text)
    return text.split(HOLE)
