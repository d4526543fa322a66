"""A snippet pasted into the content cannot bring a link, form or tracking image into a page, and
an oversized content file is refused at load (issue #12, part 5)."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
import yaml

from guide_testing.body_map_panel import panel_links
from sciatica_guide.article.page import evidence_notes_markdown, technique_card_markdown
from sciatica_guide.body_map.panel import panel_text, region_panel
from sciatica_guide.body_map.panel_html import panel_html
from sciatica_guide.body_map.shown_view import panel_body_markdown
from sciatica_guide.content import Content, ContentError, default_content_dir, load_content, loader

SNIPPETS = [
    '<a href="https://evil.example">Book now</a>',
    '<form action="https://evil.example"><input name="q"></form>',
    '<img src="https://evil.example/pixel.png">',
    "![pixel](https://evil.example/pixel.png)",
    "[Book now](https://evil.example)",
    "<!-- hidden -->",
]
#: The only tags the guide's own Markdown carries: its boxes.
OWN_TAGS = re.compile(r'<div class="[a-z-]*">|</div>')


def pasted_copy(tmp_path: Path, snippet: str) -> Path:
    """The content folder with `snippet` pasted into an evidence note, a technique's feels_like
    and a precaution's advice: the places where issue #12 saw raw HTML rendered."""
    folder = tmp_path / "content"
    shutil.copytree(default_content_dir(), folder)
    for name, items, field in [
        ("evidence.yaml", "notes", "text"),
        ("techniques.yaml", "techniques", "feels_like"),
        ("precautions.yaml", "precautions", "advice"),
    ]:
        data = yaml.safe_load((folder / name).read_text("utf-8"))
        for item in data[items]:
            item[field] += " " + snippet
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return folder


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_a_pasted_snippet_stops_the_guide_naming_the_file_and_field(
    tmp_path: Path, snippet: str
) -> None:
    with pytest.raises(ContentError) as caught:
        load_content(pasted_copy(tmp_path, snippet))
    message = str(caught.value)
    assert message.startswith("Content error in ")
    assert "without HTML or Markdown links and images" in message
    assert "\n" not in message


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_content_inside_the_guides_boxes_is_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, snippet: str
) -> None:
    # Even if a snippet got past the loader, the boxes (rendered with unsafe_allow_html) show it
    # as text: the only tags left are the guide's own.
    monkeypatch.setattr(loader, "check_plain_text", lambda *args, **kwargs: None)
    content = load_content(pasted_copy(tmp_path, snippet))
    note = evidence_notes_markdown(content, content.evidence.notes[0].section)
    card = technique_card_markdown(content, content.techniques.techniques[0], "999")
    area = next(a for a in content.areas.areas if a.precautions and not a.red_flags)
    panel = region_panel(content, f"{area.id}-left", "999")
    assert panel is not None and panel.precautions
    body = panel_body_markdown(content, panel_text(content, panel, None))
    for markdown in [*note, card, body]:
        leftover = OWN_TAGS.sub("", markdown)
        assert not re.search(r"(?<!\\)<\s*/?\s*[A-Za-z!]", leftover), leftover
        assert "](" not in leftover.replace("\\](", "")
    # ...and still shown, as text, for an editor to notice.
    if "evil" in snippet:
        assert "evil" in card and "evil" in body
    # The body map's panel, drawn in the browser from HTML: the only tags are the panel's own,
    # and the snippet is there as text (escaped).
    html = panel_html(content, panel, None, "techniques")
    parsed = panel_links(html)
    assert all(link.get("class") == "bp-more" for link in parsed), parsed
    own = "h3|h4|p|ul|li|strong|em|div|span|a|details|summary|dl|dt|dd"
    assert not re.search(rf"<(?!/?(?:{own})[ >])", html), html
    assert "<img" not in html and "<form" not in html and "<!--" not in html
    if "evil" in snippet:
        assert "evil" in html


def test_an_oversized_content_file_is_refused_quickly(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(default_content_dir(), folder)
    article = folder / "article" / "article.md"
    paragraph = "Massage may ease tight muscles around the sciatic nerve. " * 20 + "\n\n"
    article.write_text(article.read_text("utf-8") + paragraph * 5000, "utf-8")
    assert article.stat().st_size > 5_000_000
    started = time.monotonic()
    with pytest.raises(ContentError, match=r"article/article\.md: the file is \d+ KB"):
        load_content(folder)
    assert time.monotonic() - started < 2


def test_the_real_content_is_plain_text(content: Content) -> None:
    # The check passes the shipped content (load_content ran it) and every file is well under
    # the size limit.
    for path in default_content_dir().rglob("*"):
        if path.is_file():
            assert path.stat().st_size < loader.MAX_FILE_BYTES / 4, path


# Issue #29, point 6: the article and every Markdown field, under the same checks. Each of these
# rendered as more than its words: a link from a reference or a bare address (live even in the
# urgent-help box), reversed text, a formula.
HOSTILE_MARKDOWN = {
    "reference link": "Book a [massage] today.\n\n[massage]: https://evil.example",
    "reference definition only": "[massage]: /elsewhere",
    "bare web address": "Read more at https://evil.example/offer",
    "bare www address": "Read more at www.evil.example",
    "e-mail address": "Write to offers@evil.example for a discount",
    "bidi override": "Call \u202e999\u202c now",
    "bidi isolate": "Call \u2066999\u2069 now",
    "formula": "Relief costs $x^2$ or less",
}


def _article_with(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(default_content_dir(), folder)
    article = folder / "article" / "article.md"
    article.write_text(article.read_text("utf-8") + "\n\n" + text + "\n", "utf-8")
    return folder


@pytest.mark.parametrize("text", HOSTILE_MARKDOWN.values(), ids=HOSTILE_MARKDOWN.keys())
def test_the_article_is_checked_like_every_content_file(tmp_path: Path, text: str) -> None:
    with pytest.raises(ContentError) as caught:
        load_content(_article_with(tmp_path, text))
    message = str(caught.value)
    assert message.startswith("Content error in article/article.md: line ")
    assert "\n" not in message and "\u202e" not in message and "\u2066" not in message


@pytest.mark.parametrize("snippet", [*SNIPPETS, *HOSTILE_MARKDOWN.values()])
def test_the_article_refuses_every_pasted_snippet(tmp_path: Path, snippet: str) -> None:
    with pytest.raises(ContentError, match=r"^Content error in article/article\.md: line \d+: "):
        load_content(_article_with(tmp_path, snippet))


#: In a one-line text a "[a]: ..." is no definition (those start a line), so not a link.
IN_A_LINE = {k: v for k, v in HOSTILE_MARKDOWN.items() if k != "reference definition only"}


@pytest.mark.parametrize("text", IN_A_LINE.values(), ids=IN_A_LINE.keys())
def test_the_urgent_help_box_refuses_links_and_hidden_characters(tmp_path: Path, text: str) -> None:
    folder = tmp_path / "content"
    shutil.copytree(default_content_dir(), folder)
    path = folder / "red_flags.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["groups"][0]["flags"][0]["text"] += " " + text
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    with pytest.raises(ContentError, match=r"^Content error in red_flags\.yaml, field 'groups"):
        load_content(folder)


def test_a_sources_address_is_still_an_address(content: Content) -> None:
    # A url field may hold an address (ADDRESS_FIELDS); the check still ran on the rest.
    assert any(str(source.url).startswith("https://") for source in content.sources.sources)
