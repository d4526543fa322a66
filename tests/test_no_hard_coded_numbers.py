"""Nothing hard-coded (issue 23, point 4): no phone number or helpline name appears in content/,
the code or the deployment examples outside the country packs (content/countries/). A number
anywhere else would be shown whatever country the guide is set up for: in Singapore 999 is the
police. The search reads what people can see or copy: YAML texts and comments, Python strings and
comments, and the text of every other file; web addresses are left out (a citation's page
address may hold a number), and so are colours, sizes and YAML numbers (coordinates, user ids)."""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from sciatica_guide import APP_ROOT

#: Where a number could reach a person: the content, the code, the deployment examples.
SEARCHED = ["content", "sciatica_guide", "app_pages", "deploy", "app.py", "compose.yaml"]
#: Where numbers and services belong: the packs, and the settings (which check the override's
#: shape and give an example in their error message).
ALLOWED = [
    APP_ROOT / "content" / "countries",
    # Each translation's words for the packs (content/translations/<code>/countries/).
    *(APP_ROOT / "content" / "translations").glob("*/countries"),
    APP_ROOT / "sciatica_guide" / "settings.py",
]
SUFFIXES = {".py", ".yaml", ".yml", ".md", ".css", ".js", ".conf", ".html", ".txt", ".toml"}

#: Emergency and advice numbers people know (and the Singapore line that ends in 2027).
_NUMBERS = r"999|995|911|112|111|000|1777"
_SHORT_NUMBER = re.compile(rf"(?<![\w.,/#-])(?:{_NUMBERS})(?![\w%]|\.\d|-\d)")
#: "Call 123": a number after a word that says to dial it.
_CALL_NUMBER = re.compile(r"\b(?:call|dial|ring|phone|text)\s+\+?\d[\d ]{1,}", re.IGNORECASE)
#: A written-out phone number: "6262 6262", "+44 20 7946 0000", "0800 123 4567".
_PHONE = re.compile(r"(?<![\w.])(?:\+\d{1,3}[ \d]{6,}\d|\d{4} \d{4}\b|0\d{3} \d{3} \d{4})")
#: Helplines and services to call, by name.
_SERVICE = re.compile(r"NHS ?111|Nurse ?First|\b1777\b|Samaritans|Lifeline", re.IGNORECASE)
_FSTRING_MIDDLE = getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:nhs\.uk|gov\.sg|org|com)\S*")
_NOISE = re.compile(
    r"#[0-9a-fA-F]{3,8}\b|\b\d+(?:\.\d+)?(?:%|px|rem|em|ms|s|vh|vw|deg|pt|mm|MB|KB|kB)\b"
)


def _allowed(file: Path) -> bool:
    return any(file == folder or file.is_relative_to(folder) for folder in ALLOWED)


def _files() -> Iterator[Path]:
    for name in SEARCHED:
        path = APP_ROOT / name
        paths = [path] if path.is_file() else sorted(path.rglob("*"))
        for file in paths:
            readable = file.is_file() and file.suffix in SUFFIXES
            if readable and "__pycache__" not in file.parts and not _allowed(file):
                yield file


def _yaml_texts(data: Any, key: str = "") -> Iterator[str]:
    if isinstance(data, str):
        if key != "url":
            yield data
    elif isinstance(data, dict):
        for k, value in data.items():
            yield from _yaml_texts(value, str(k))
    elif isinstance(data, list):
        for value in data:
            yield from _yaml_texts(value, key)


def _texts(file: Path) -> Iterator[tuple[int, str]]:
    """(line, text) pieces of a file that a person can read."""
    source = file.read_text(encoding="utf-8")
    if file.suffix in {".yaml", ".yml"}:
        for number, line in enumerate(source.splitlines(), 1):
            if "#" in line and not re.match(r"^\s*[\w-]+:\s*['\"]", line):
                yield number, line[line.index("#") :]
        for document in yaml.safe_load_all(source):
            for text in _yaml_texts(document):
                yield 0, text
    elif file.suffix == ".py":
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            # Python 3.12 splits f-strings into parts (FSTRING_MIDDLE); 3.11 has one STRING.
            if token.type in (tokenize.STRING, tokenize.COMMENT, _FSTRING_MIDDLE):
                yield token.start[0], token.string
    else:
        yield from enumerate(source.splitlines(), 1)


def findings(file: Path) -> list[str]:
    found = []
    for line, text in _texts(file):
        clean = _NOISE.sub(" ", _URL.sub(" ", text))
        for pattern in (_SERVICE, _CALL_NUMBER, _PHONE, _SHORT_NUMBER):
            match = pattern.search(clean)
            if match:
                where = (
                    f"{file.relative_to(APP_ROOT)}:{line}"
                    if line
                    else str(file.relative_to(APP_ROOT))
                )
                found.append(f"{where}: {match.group(0)!r} in {text.strip()[:80]!r}")
                break
    return found


def test_no_number_or_helpline_outside_the_country_packs() -> None:
    found = [item for file in _files() for item in findings(file)]
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(
    "text",
    [
        "Call 999 or go to A&E now.",
        "get advice from 111 or a GP the same day",
        "Ring NHS 111 today.",
        "NurseFirst, 6262 6262, 8 am to 11 pm",
        "call 1777 for a non-emergency ambulance",
        "In the US dial 911.",
        "+44 20 7946 0000",
        "emergency (112)",
        'value: "995"',
    ],
)
def test_the_search_finds_numbers_and_helplines(tmp_path: Path, text: str) -> None:
    for suffix, body in ((".yaml", f"text: {text!r}\n"), (".py", f"WORDS = {text!r}\n")):
        file = tmp_path / f"snippet{suffix}"
        file.write_text(body, encoding="utf-8")
        assert _search(file), (suffix, text)


@pytest.mark.parametrize(
    "body",
    [
        "colour: '#111111'\n",
        "points: [[112, 512], [111, 999]]\n",
        "url: https://111.wales.nhs.uk/sciatica/\n",
        "size: '112%'\n",
        "citation: 'Spine 1995;20(17):1899-1908.'\n",
        "note: '25 trials, 3,096 people, 2,000 calls'\n",
        "runAsUser: 999\n",
    ],
)
def test_the_search_leaves_colours_sizes_and_addresses_alone(tmp_path: Path, body: str) -> None:
    file = tmp_path / "snippet.yaml"
    file.write_text(body, encoding="utf-8")
    assert _search(file) == []


def _search(file: Path) -> list[str]:
    # findings() names files relative to the app; a snippet elsewhere is named as it is.
    found = []
    for _, text in _texts(file):
        clean = _NOISE.sub(" ", _URL.sub(" ", text))
        found += [
            p.pattern for p in (_SERVICE, _CALL_NUMBER, _PHONE, _SHORT_NUMBER) if p.search(clean)
        ]
    return found
