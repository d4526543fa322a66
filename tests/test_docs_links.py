"""The documentation holds together (issue 24, point 6): every relative link and picture in the
README, CONTRIBUTING.md and docs/ points to a file that exists (and to a heading that exists, when
it names one), the README stays short, and the facts a newcomer needs stay in it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from sciatica_guide import APP_ROOT
from sciatica_guide.settings import _NAMES, ENV_PREFIX

README = APP_ROOT / "README.md"
#: The README is for newcomers; the rest lives in docs/ and CONTRIBUTING.md.
README_MAX_LINES = 170

#: `[text](target)` and `![alt](target)`, with an optional "title".
_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"`+[^`]*`+")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


def markdown_files() -> list[Path]:
    docs = sorted((APP_ROOT / "docs").rglob("*.md"))
    return [README, APP_ROOT / "CONTRIBUTING.md", *docs]


def _prose_lines(text: str, *, drop_code: bool = True) -> Iterator[tuple[int, str]]:
    """(line number, line) outside fenced code blocks, inline code removed unless asked."""
    fenced = False
    for number, line in enumerate(text.splitlines(), 1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield number, _CODE_SPAN.sub("", line) if drop_code else line


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link keeps its text
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def anchors(text: str) -> set[str]:
    found: set[str] = set()
    seen: dict[str, int] = {}
    for _, line in _prose_lines(text, drop_code=False):
        match = _HEADING.match(line)
        if match:
            base = slug(match.group(2))
            count = seen.get(base, 0)
            seen[base] = count + 1
            found.add(base if count == 0 else f"{base}-{count}")
    return found


def _anchors_of(file: Path) -> set[str]:
    """The headings' anchors of a Markdown file."""
    return anchors(file.read_text(encoding="utf-8"))


def broken_links(file: Path, text: str) -> list[str]:
    """Every relative link of `text` (the contents of `file`) whose file or heading is missing."""
    broken = []
    for number, line in _prose_lines(text):
        for target in _LINK.findall(line):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
                continue  # https:, mailto: and other absolute addresses
            path_part, _, fragment = target.partition("#")
            resolved = (file.parent / path_part).resolve() if path_part else file
            where = f"{file.relative_to(APP_ROOT)}:{number}: {target}"
            if not resolved.exists():
                broken.append(where)
            elif fragment and resolved.suffix == ".md" and fragment not in _anchors_of(resolved):
                broken.append(where + " (no such heading)")
    return broken


@pytest.mark.parametrize("file", markdown_files(), ids=lambda f: str(f.relative_to(APP_ROOT)))
def test_every_relative_link_and_picture_points_to_something_that_exists(file: Path) -> None:
    assert broken_links(file, file.read_text(encoding="utf-8")) == []


def test_a_broken_link_a_missing_picture_and_a_missing_heading_are_caught() -> None:
    text = (
        "See [deploy](docs/deploy.md), [gone](docs/no-such-page.md),\n"
        "![shot](docs/screenshots/no-such-shot.png), [limits](docs/deploy.md#no-such-heading)\n"
        "and [redis](docs/deploy.md#workshop-rooms-when-redis-is-needed), <https://example.org>.\n"
        "```\n[in code](not/checked.md)\n```\n"
    )
    assert broken_links(README, text) == [
        "README.md:1: docs/no-such-page.md",
        "README.md:2: docs/screenshots/no-such-shot.png",
        "README.md:2: docs/deploy.md#no-such-heading (no such heading)",
    ]


def test_headings_get_githubs_anchors() -> None:
    text = (
        "# Performance\n## Instant body map (issue 14)\n### H18. A participant's answer\n"
        "## A\n## A\n# 0001. Scripts in `app_pages/`\n```\n# not a heading\n```\n"
    )
    assert anchors(text) == {
        "performance",
        "instant-body-map-issue-14",
        "h18-a-participants-answer",
        "a",
        "a-1",
        "0001-scripts-in-app_pages",
    }


def test_the_docs_index_lists_every_document() -> None:
    index = (APP_ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    for doc in sorted((APP_ROOT / "docs").glob("*.md")):
        if doc.name != "README.md":
            assert f"]({doc.name}" in index, f"docs/README.md does not list {doc.name}"
    decisions = APP_ROOT / "docs" / "decisions"
    decisions_index = (decisions / "README.md").read_text(encoding="utf-8")
    for record in sorted(decisions.glob("[0-9][0-9][0-9][0-9]-*.md")):
        assert f"]({record.name})" in decisions_index, f"decisions/README.md misses {record.name}"


def test_the_readme_is_short() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES, f"README.md has {len(lines)} lines"


def test_the_readme_gives_the_commands_and_why_page_scripts_are_not_in_pages() -> None:
    readme = README.read_text(encoding="utf-8")
    assert "pip install -e . && streamlit run serve.py" in readme
    assert "bash scripts/test.sh\n" in readme
    assert "bash scripts/test.sh --fast" in readme
    # The reason a newcomer must not move app_pages/ to Streamlit's usual pages/.
    assert "`app_pages/`, not `pages/`" in readme
    assert "legacy" in readme and "fresh process" in readme


def test_the_licence_and_the_articles_owner_are_stated() -> None:
    licence = (APP_ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License")
    readme = README.read_text(encoding="utf-8")
    for text in (licence, readme):
        assert "HealthHub / Health Promotion Board Singapore" in " ".join(text.split())
    assert "](LICENSE)" in readme


def test_every_setting_is_documented() -> None:
    settings = (APP_ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for name in (*_NAMES, "CONTENT_DIR"):
        assert f"`{ENV_PREFIX}{name}" in settings, f"docs/settings.md does not name {name}"
