"""Tap-to-explain on the screens: each article page and the techniques page end with a closed
"What these words mean" list of the glossary words they use; the body map's panel has its own."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from sciatica_guide.body_map.panel import panel_text, region_panel
from sciatica_guide.body_map.panel_html import panel_text_html
from sciatica_guide.content import Content
from sciatica_guide.content.glossary import entries_for
from sciatica_guide.text import unescape_markdown

APP = str(Path(__file__).parent.parent / "app.py")


def run_page(script: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    at.switch_page(f"app_pages/{script}").run()
    return at


def words_list(at: AppTest, content: Content) -> tuple[str, str]:
    prefix = content.site.labels.words_explained.split("(")[0].strip()
    [expander] = [e for e in at.expander if e.label.startswith(prefix)]
    return expander.label, unescape_markdown("\n".join(m.value for m in expander.markdown))


def test_the_techniques_page_explains_its_words_plain_name_first(content: Content) -> None:
    at = run_page("techniques.py")
    label, text = words_list(at, content)
    lines = text.splitlines()
    terms = [e.term for e in content.glossary.terms]
    for line in lines:
        # "- **plain name** (word): what it means", for a word of the glossary.
        term = line.split("** (", 1)[1].split("): ", 1)[0]
        assert term in terms, line
        entry = content.glossary.entry_named(term)
        assert entry is not None
        assert line == f"- **{entry.plain}** ({entry.term}): {entry.definition}"
    assert any("(trigger point)" in line for line in lines)
    assert label == content.site.labels.words_explained.format(count=len(lines))


def test_every_article_page_lists_the_words_its_sections_use(content: Content) -> None:
    for spec in content.pages_in("standard"):
        if not spec.article_sections or spec.id == "techniques":
            continue
        at = run_page(spec.script)
        sections = [s for s in content.article.sections if s.heading in spec.article_sections]
        words = [p for s in sections for p in s.paragraphs]
        if entries_for(content, words):
            _, text = words_list(at, content)
            for entry in entries_for(content, words):
                assert f"({entry.term})" in text, (spec.id, entry.id)


def test_the_body_map_panel_explains_its_words_closed(content: Content) -> None:
    panel = region_panel(content, "buttock-left", "999")
    assert panel is not None
    html = panel_text_html(content, panel_text(content, panel, None), "techniques")
    assert '<details class="bp-words"><summary>' in html
    piriformis = content.glossary.entry_named("piriformis")
    assert piriformis is not None
    assert f"<dt>{piriformis.plain} (piriformis)</dt>" in html
    # Under the techniques: the warnings and the massage come first.
    assert html.index("bp-words") > html.index("bp-card")
