"""AppTest runs of the entrypoint: every page renders, the article is whole, errors are calm."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sciatica_guide.content import Content
from sciatica_guide.content.loader import CONTENT_DIR_ENV, default_content_dir
from sciatica_guide.text import unescape_markdown, unescape_plain

APP = str(Path(__file__).parent.parent / "app.py")


def run_page(script: str | None = None, timeout: float = 30) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.run()
    if script:
        at.switch_page(f"app_pages/{script}").run()
    return at


def rendered_text(at: AppTest) -> str:
    parts = [
        e.value
        for kind in ("title", "header", "subheader", "markdown", "caption")
        for e in getattr(at, kind)
    ]
    return "\n".join(unescape_markdown(str(p)) for p in parts)


def test_entrypoint_opens_on_the_overview(content: Content) -> None:
    at = run_page()
    assert not at.exception
    assert at.title[0].value == content.page("overview").title


@pytest.mark.parametrize("page_id", ["overview", "techniques", "visit", "beyond", "sources"])
def test_every_page_renders_without_exception(content: Content, page_id: str) -> None:
    spec = content.page(page_id)
    at = run_page(spec.script)
    assert not at.exception
    assert at.title[0].value == spec.title


def test_every_registered_page_renders(content: Content) -> None:
    for spec in content.pages_in("standard"):
        at = run_page(spec.script)
        assert not at.exception, spec.id
        assert not at.error, spec.id


def test_every_article_paragraph_is_rendered(content: Content) -> None:
    shown = "\n".join(rendered_text(run_page(spec.script)) for spec in content.pages_in("standard"))
    fixture = (Path(__file__).parent / "fixtures" / "article_body.txt").read_text("utf-8")
    for paragraph in (p.strip() for p in fixture.split("\n\n") if p.strip()):
        assert paragraph in shown, paragraph[:60]


def test_article_is_attributed_on_each_article_page(content: Content) -> None:
    meta = content.site.article
    for spec in content.pages_in("standard"):
        if spec.article_sections:
            text = rendered_text(run_page(spec.script))
            assert meta.title in text and meta.publisher in text and meta.date in text


def test_urgent_help_and_disclaimer_are_on_every_page(content: Content) -> None:
    for spec in content.pages_in("standard"):
        at = run_page(spec.script)
        assert any(e.label == content.red_flags.title for e in at.expander), spec.id
        # Under the page (the guide draws nothing in the sidebar: its pages are in the top bar).
        assert content.site.disclaimer.short == at.main.caption[-1].value, spec.id
        assert not at.sidebar.children, spec.id
        first_flag = content.red_flags.groups[0].flags[0].text
        assert first_flag in rendered_text(at)


def test_urgent_help_comes_before_the_page_content(content: Content) -> None:
    at = run_page("techniques.py")
    main = list(at.main)
    kinds = [type(node).__name__ for node in main]
    assert kinds.index("Expander") < kinds.index("Title")


def test_configured_emergency_number_is_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCIATICA_GUIDE_EMERGENCY_NUMBER", "999")
    text = rendered_text(run_page())
    assert "Call 999 or go to an emergency department" in text


def test_a_fresh_guide_gives_singapores_numbers(content: Content) -> None:
    # The article is Singapore's: without settings the guide uses the Singapore pack.
    text = rendered_text(run_page())
    assert "Numbers for: Singapore" in text
    assert "Call 995 or go to an emergency department" in text
    assert '<a class="call-link" href="tel:995" target="_self">Call 995</a>' in text


def test_anywhere_else_the_guide_says_your_local_emergency_number(
    content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCIATICA_GUIDE_COUNTRY", "other")
    text = rendered_text(run_page())
    words = content.countries["other"].emergency_words
    assert f"Call {words} or go" in text
    assert "tel:" not in text


def test_sources_page_lists_every_reference_and_review_dates(content: Content) -> None:
    text = rendered_text(run_page("sources.py"))
    for source in content.sources.sources:
        assert source.citation in text
    assert f"{content.site.review.next_review_due:%d %B %Y}" in text


def test_techniques_page_removes_nothing_but_warns_where_precautions_apply(
    content: Content,
) -> None:
    text = rendered_text(run_page("techniques.py"))
    blood_thinners = next(p for p in content.precautions.precautions if p.id == "blood-thinners")
    assert blood_thinners.label in text


def test_broken_content_shows_one_clear_message_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "content"
    shutil.copytree(default_content_dir(), broken)
    text = (
        (broken / "techniques.yaml").read_text("utf-8").replace("    feels_like:", "    feels:", 1)
    )
    (broken / "techniques.yaml").write_text(text, "utf-8")
    monkeypatch.setenv(CONTENT_DIR_ENV, str(broken))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    # Urgent help first, from the built-in last-resort words (red_flags.yaml may be what broke).
    assert len(at.error) == 2
    assert "Call your local emergency number" in at.error[0].value
    message = unescape_plain(at.error[1].value)
    assert "Content error in techniques.yaml, field 'techniques[0]" in message
    assert "Traceback" not in message


def test_a_projector_has_the_disclaimer_under_its_slide_and_no_sidebar(content: Content) -> None:
    """Presenter mode keeps its pages in the top bar and draws nothing in the sidebar (an empty,
    collapsed sidebar would be a scrollable region no keyboard reaches); the disclaimer closes the
    slide instead."""
    from guide_testing.quiz_apptest import start

    for script in ("present.py", "quiz.py", "body_map.py"):
        at = start({"mode": "presenter"}, script)
        assert not at.sidebar.children, script
        assert at.main.caption[-1].value == content.site.disclaimer.short, script


def test_the_overview_ends_with_its_two_next_steps(content: Content) -> None:
    """Issue 25: the Overview's last word is what to do next: the body map, then the check."""
    at = run_page()
    links = at.get("page_link")
    labels = content.site.labels
    assert [link.proto.label for link in links] == [labels.next_step_map, labels.next_step_check]
    assert [link.proto.page for link in links] == [
        content.page("body-map").url_path,
        content.page("self-assessment").url_path,
    ]
    assert labels.next_steps_heading in [h.value for h in at.subheader]


def test_the_workshop_join_box_is_last_on_the_overview(content: Content) -> None:
    """Issue 25: a patient's Overview starts with the article, not with workshops; the small,
    closed "join with the code" box comes after the next steps."""
    at = run_page()
    prompt = content.modes.workshop.start_page_prompt
    labels = [getattr(node, "label", None) for node in at.main]
    kinds = [type(node).__name__ for node in at.main]
    assert prompt in labels
    assert kinds.index("Title") < labels.index(prompt)
    last_link = max(i for i, kind in enumerate(kinds) if kind == "PageLink")
    assert last_link < labels.index(prompt)
