"""The result's answers at a glance: words and "n out of m" with each bar, escaped, drawn with
the result (HTML, no chart library)."""

from __future__ import annotations

import re

from sciatica_guide.assessment.report import Kind, build_report
from sciatica_guide.assessment.result_view import answer_bars_html, result_words
from sciatica_guide.assessment.rules import Answers, evaluate
from sciatica_guide.content import Content


def test_each_bar_has_its_words_and_its_score_in_words(content: Content) -> None:
    a = content.assessment
    items = a.steps.bother.items
    answers = Answers(
        regions=("calf-left",),
        back_pain=3,
        leg_pain=7,
        sbi={items[0].id: 6, items[1].id: 0},
    )
    markup = answer_bars_html(content, answers)
    assert markup.count('<ul class="answer-bars"') == 2
    assert a.check.score.format(score=7, max=10) in markup
    assert a.check.score.format(score=3, max=10) in markup
    assert a.check.score.format(score=6, max=a.steps.bother.scale.max) in markup
    # Each bar's length is its share of the scale; the bar itself is hidden from screen readers
    # (its words and score are read).
    assert re.findall(r"--share:(\d+)%", markup) == ["30", "70", "100", "0"]
    assert markup.count('aria-hidden="true"') == 4


def test_no_answers_no_bars_and_the_words_are_escaped(content: Content) -> None:
    assert answer_bars_html(content, Answers(regions=("calf-left",))) == ""
    result = content.assessment.result.model_copy(update={"back_pain": "<img src=x>"})
    assessment = content.assessment.model_copy(update={"result": result})
    hostile = content.model_copy(update={"assessment": assessment})
    markup = answer_bars_html(hostile, Answers(regions=("calf-left",), back_pain=2))
    assert "<img" not in markup and "&lt;img" in markup


def test_the_result_read_aloud_starts_with_the_urgent_part(content: Content) -> None:
    """What "Read aloud" reads is the result's words in the screen's order: an urgent sign's
    action first, no sources list."""
    flag = content.red_flags.groups[0].flags[0].id
    answers = Answers(red_flags=frozenset({flag}), regions=("calf-left",))
    report = build_report(content, answers, evaluate(content, answers), "995")
    words = result_words(report)
    urgent = report.block(Kind.URGENT)
    assert urgent is not None
    assert words.startswith(urgent.heading)
    assert "995" in words
    sources = report.block(Kind.SOURCES)
    assert sources is None or not any(i.text in words for i in sources.items)
    assert "<" not in words
