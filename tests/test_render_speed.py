"""What keeps reruns cheap: few elements per page, strings and pages built once, same words."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from sciatica_guide import APP_ROOT
from sciatica_guide.content import Content
from sciatica_guide.ui import article_view
from sciatica_guide.ui.cache import per_content
from sciatica_guide.ui.navigation import PAGES_KEY, app_pages
from sciatica_guide.ui.text import escape_markdown

APP = str(APP_ROOT / "app.py")


def _count(node: object) -> int:
    children = getattr(node, "children", {}) or {}
    return 1 + sum(_count(child) for child in children.values())


def test_per_content_builds_once_per_content_object(content: Content) -> None:
    calls: list[int] = []

    def build() -> str:
        calls.append(1)
        return "built"

    assert per_content(content, "test.key", build) == "built"
    assert per_content(content, "test.key", build) == "built"
    assert len(calls) == 1
    # A copy is another content object: it never gets the first one's strings.
    other = content.model_copy()
    assert per_content(other, "test.key", lambda: "other") == "other"


def test_a_section_is_one_markdown_with_its_card_and_notes_in_boxes(content: Content) -> None:
    section = content.article.find("Deep Tissue Massage")
    assert section is not None
    technique = next(t for t in content.techniques.techniques if t.id == "deep-tissue")
    body = article_view.section_markdown(content, section)
    # The article's words, verbatim (escaped as before), come first; the guide's card after,
    # inside its box.
    paragraph = escape_markdown(section.paragraphs[0])
    card_start = body.index(f'<div class="{article_view.CARD_CLASS}">')
    assert body.index(paragraph) < card_start
    for words in (technique.what_it_does, technique.feels_like, technique.may_suit):
        assert card_start < body.index(words)
    # Markdown inside HTML needs blank lines around it, or it would show as raw text.
    assert f'<div class="{article_view.CARD_CLASS}">\n\n' in body


def test_every_evidence_note_is_boxed_with_its_sources(content: Content) -> None:
    for note in content.evidence.notes:
        section = content.article.find(note.section)
        assert section is not None
        body = article_view.section_markdown(content, section)
        box = body.index(f'<div class="{article_view.NOTE_CLASS}">\n\n')
        assert box < body.index(escape_markdown(note.text))
        assert article_view.source_list(content, note.sources) in body[box:]


def test_pages_are_built_once_per_session_and_rebuilt_for_other_pages(content: Content) -> None:
    state: dict[str, object] = {}
    specs = content.pages_in("standard")
    first = app_pages(specs, Path("app_pages"), state)
    again = app_pages(specs, Path("app_pages"), state)
    assert [id(p) for p in first] == [id(p) for p in again]
    presenter_specs = content.pages_in("presenter")
    assert [s.id for s in presenter_specs] != [s.id for s in specs]
    presenter = app_pages(presenter_specs, Path("app_pages"), state)
    assert len(presenter) == len(presenter_specs)
    assert not {id(p) for p in presenter} & {id(p) for p in first}
    assert PAGES_KEY in state


def test_article_pages_stay_small(content: Content) -> None:
    # Each element costs a message per rerun: a page of the article should stay about the frame
    # plus a heading and one Markdown element per section (it was 30-50 elements).
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/techniques.py").run()
    assert not at.exception
    assert _count(at.main) <= 20
