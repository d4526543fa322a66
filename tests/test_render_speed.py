"""What keeps reruns cheap: few elements per page, the body-map drawing cached, same words."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from sciatica_guide import APP_ROOT
from sciatica_guide.article import page as article_view
from sciatica_guide.body_map import page as body_map_page
from sciatica_guide.content import Content
from sciatica_guide.text import escape_markdown
from sciatica_guide.ui import blocks
from sciatica_guide.ui.navigation import app_pages
from sciatica_guide.ui.state import get_content

APP = str(APP_ROOT / "app.py")


def _count(node: object) -> int:
    children = getattr(node, "children", {}) or {}
    return 1 + sum(_count(child) for child in children.values())


def test_the_body_map_drawing_is_built_once_per_content_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The one string worth caching (about 2 ms; benchmarks/build_costs.py), in Streamlit's cache.
    calls: list[int] = []

    def drawing(content: Content) -> str:
        calls.append(1)
        return f"<svg>{len(calls)}</svg>"

    monkeypatch.setattr(body_map_page, "body_map_svg", drawing)
    st.cache_resource.clear()
    try:
        shared = get_content()
        assert body_map_page.svg_markup(shared) == body_map_page.svg_markup(get_content())
        assert len(calls) == 1
        # A copy is other content: drawn from it, never given the shared content's drawing.
        assert body_map_page.svg_markup(shared.model_copy()) == "<svg>2</svg>"
        # Clearing Streamlit's caches reloads the content and redraws the map.
        st.cache_resource.clear()
        assert get_content() is not shared
        assert body_map_page.svg_markup(get_content()) == "<svg>3</svg>"
    finally:
        st.cache_resource.clear()


def test_a_section_is_one_markdown_with_its_card_and_notes_in_boxes(content: Content) -> None:
    section = content.article.find("Deep Tissue Massage")
    assert section is not None
    technique = next(t for t in content.techniques.techniques if t.id == "deep-tissue")
    body = article_view.section_markdown(content, section)
    # The article's words, verbatim (escaped as before), come first; the guide's card after,
    # inside its box.
    paragraph = escape_markdown(section.paragraphs[0])
    card_start = body.index(f'<div class="{blocks.CARD_CLASS}">')
    assert body.index(paragraph) < card_start
    for words in (technique.what_it_does, technique.feels_like, technique.may_suit):
        assert card_start < body.index(words)
    # Markdown inside HTML needs blank lines around it, or it would show as raw text.
    assert f'<div class="{blocks.CARD_CLASS}">\n\n' in body


def test_every_evidence_note_is_boxed_with_its_sources(content: Content) -> None:
    for note in content.evidence.notes:
        section = content.article.find(note.section)
        assert section is not None
        body = article_view.section_markdown(content, section)
        box = body.index(f'<div class="{blocks.NOTE_CLASS}">\n\n')
        assert box < body.index(escape_markdown(note.text))
        assert blocks.source_list(content, note.sources) in body[box:]


def test_pages_follow_the_specs_of_each_mode(content: Content) -> None:
    # Built on every run (about 0.05 ms for all; benchmarks/build_costs.py), never shared.
    standard = app_pages(content.pages_in("standard"), Path("app_pages"))
    presenter = app_pages(content.pages_in("presenter"), Path("app_pages"))
    assert len(standard) == len(content.pages_in("standard"))
    assert len(presenter) == len(content.pages_in("presenter"))
    assert [s.id for s in content.pages_in("presenter")] != [
        s.id for s in content.pages_in("standard")
    ]
    again = app_pages(content.pages_in("standard"), Path("app_pages"))
    assert not {id(p) for p in again} & {id(p) for p in standard}


def test_article_pages_stay_small(content: Content) -> None:
    # Each element costs a message per rerun: a page of the article should stay about the frame
    # plus a heading and one Markdown element per section (it was 30-50 elements). The
    # techniques page: its care list, the article's section that opens (one Markdown element
    # inside), then per technique its heading, the section that opens, one Markdown element and
    # its figure, the closed list of the words it uses (with its Markdown), the disclaimer under
    # every page, the text size control beside the urgent help (its row, popover, choice and
    # where light or dark is chosen), the language button (its popover and choice), the theme
    # probe (palette.py) and the page's language tag (ui/language.py): 34 in all.
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/techniques.py").run()
    assert not at.exception
    assert _count(at.main) <= 34


def test_the_panels_are_cached_only_without_answers(content: Content) -> None:
    """Every region's panel is built once per content, view and number while nobody has answered
    the self-assessment (most visits); answers are never a cache key, so a person's answers are
    kept nowhere but their own session."""
    from sciatica_guide.assessment.rules import Answers
    from sciatica_guide.body_map.view_data import chosen_marks, view_data
    from sciatica_guide.local_help import resolve_help

    st.cache_resource.clear()
    try:
        shared = get_content()
        blank = Answers()
        help = resolve_help(shared, "sg")
        first = view_data(shared, "back", help, blank)
        # Each country has its own panels (its numbers in them).
        uk = view_data(shared, "back", resolve_help(shared, "uk"), blank)
        assert uk is not first and 'href="tel:999"' in uk.panels["calf-left"]
        assert view_data(shared, "back", resolve_help(shared, "sg"), Answers()) is first
        assert view_data(shared, "front", help, blank) is not first
        assert chosen_marks(shared, "calf-left", "999", blank) is chosen_marks(
            shared, "calf-left", "999", Answers()
        )
        answered = Answers(precautions=frozenset({"blood-thinners"}))
        mine = view_data(shared, "back", help, answered)
        assert mine is not view_data(shared, "back", help, answered)
        assert mine.panels["calf-left"] != first.panels["calf-left"]
        # A test's copy of the content is other content: never given the shared panels.
        assert view_data(shared.model_copy(), "back", help, blank) is not first
    finally:
        st.cache_resource.clear()
