"""assessment.yaml: cross-checks catch broken references; its words are plain (grade <= 6)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from guide_testing.content_copy import edited_content
from guide_testing.readability import grade
from sciatica_guide.content import Content, ContentError, load_content


def fk_grade(sentences: list[str]) -> float:
    """Flesch-Kincaid grade of the sentences, each ended with a full stop if it has none."""
    text = " ".join(
        s.strip() if s.strip().endswith((".", "?", "!", ":")) else s.strip() + "."
        for s in sentences
    )
    return grade(text)


def test_the_page_is_registered_after_beyond_massage(content: Content) -> None:
    ids = [p.id for p in content.pages.pages]
    assert ids.index("self-assessment") == ids.index("beyond") + 1
    page = content.page("self-assessment")
    assert (page.title, page.url_path, page.article_sections) == (
        "Self-assessment",
        "self-assessment",
        [],
    )


def test_every_red_flag_and_precaution_is_asked(content: Content) -> None:
    steps = content.assessment.steps
    assert {q.group for q in steps.safety.groups} == {g.id for g in content.red_flags.groups}
    # Every precaution but the one the rules apply from other answers (strong or new leg pain).
    asked = {p.id for p in content.precautions.precautions if not p.from_answers}
    assert set(steps.health.precautions) == asked
    derived = {p.id for p in content.precautions.precautions if p.from_answers}
    assert derived == {content.assessment.result.irritable_nerve.precaution}


def test_the_sbi_is_cited_and_called_a_research_questionnaire(content: Content) -> None:
    bother = content.assessment.steps.bother
    assert {"patrick-1995", "grovle-2008"} <= set(bother.sources)
    assert "research questionnaire" in bother.about
    assert "1899" in content.source("patrick-1995").citation
    assert len(bother.items) == 4 and (bother.scale.min, bother.scale.max) == (0, 6)


@pytest.mark.parametrize(
    ("edit", "field", "problem"),
    [
        (
            lambda d: d["steps"]["health"]["precautions"].append("no-such-thing"),
            "steps.health.precautions[13]",
            "unknown precaution id 'no-such-thing'",
        ),
        (
            lambda d: d["steps"]["health"]["precautions"].remove("fever"),
            "steps.health.precautions",
            "the precaution 'fever' is not asked",
        ),
        (
            lambda d: d["steps"]["safety"]["groups"].pop(),
            "steps.safety.groups",
            "the red flag group 'see-gp' is not asked",
        ),
        (
            lambda d: d["steps"]["bother"]["sources"].append("nobody-2020"),
            "steps.bother.sources[2]",
            "unknown source id 'nobody-2020'",
        ),
        (
            lambda d: d["pain_bands"]["bands"][2].update(min=5),
            "pain_bands.bands[2]",
            "must start at 4",
        ),
        (
            lambda d: d["pain_bands"]["bands"][3].update(max=9),
            "pain_bands.bands",
            "the bands must end at 10",
        ),
        (
            lambda d: d["result"]["weakness_check"].update(flag="weak"),
            "result.weakness_check.flag",
            "unknown urgent sign id 'weak'",
        ),
        (
            lambda d: d["result"]["see_gp"]["reasons"].pop("activities"),
            "result.see_gp.reasons",
            "needs exactly these keys",
        ),
        (
            lambda d: d["result"]["urgent"].update(possible_sign="{answer} {number}"),
            "result.urgent.possible_sign",
            "unknown placeholder {number}",
        ),
        (
            lambda d: d.update(progress="Step {step} of {all}"),
            "progress",
            "unknown placeholder {all}",
        ),
        (
            lambda d: d["steps"]["how_much"].pop("duration"),
            "steps.how_much.duration",
            "Field required",
        ),
    ],
)
def test_broken_assessment_content_gives_one_clear_line(
    tmp_path: Path, edit: Callable[[dict[str, Any]], None], field: str, problem: str
) -> None:
    folder = edited_content(tmp_path, edit)
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    message = str(caught.value)
    assert message.startswith(f"Content error in assessment.yaml, field '{field}'"), message
    assert problem in message


# --- reading level ---------------------------------------------------------------------------
def safety_screen_text(content: Content) -> list[str]:
    a = content.assessment
    s = a.steps.safety
    texts = [s.title, s.intro, s.error]
    for question in s.groups:
        texts += [question.question, question.none]
    texts += [f.text for f in content.red_flags.all_flags()]
    for level in content.red_flags.levels.values():
        texts += [
            level.action.format(emergency_number="999"),
            level.advice.format(emergency_number="999"),
        ]
    check = a.result.weakness_check
    texts += [a.result.urgent.you_ticked, a.result.urgent.no_massage]
    texts += [check.title, check.text, check.button]
    return texts


def question_steps_text(content: Content) -> dict[str, list[str]]:
    a = content.assessment
    st = a.steps
    labels = {p.id: p.label for p in content.precautions.precautions}
    how = st.how_much
    return {
        "intro": [a.intro, a.privacy],
        "where": [st.where.title, st.where.hint, st.where.error],
        "how_much": [
            how.title,
            how.back_pain.question,
            how.back_pain.hint or "",
            how.leg_pain.question,
            how.duration.question,
            *[o.label for o in how.duration.options],
            how.pressure.question,
            how.pressure.hint or "",
            *[o.label for o in how.pressure.options],
            how.activities.question,
            *[o.label for o in how.activities.options],
            how.error,
        ],
        "bother": [
            st.bother.title,
            st.bother.question,
            st.bother.hint,
            *[i.text for i in st.bother.items],
            st.bother.error,
        ],
        "health": [
            st.health.title,
            st.health.question,
            st.health.hint,
            *[labels[p] for p in st.health.precautions],
            st.health.none,
        ],
    }


def test_safety_screen_reads_at_grade_6_or_lower(content: Content) -> None:
    grade = fk_grade(safety_screen_text(content))
    assert grade <= 6, grade


@pytest.mark.parametrize("step", ["intro", "where", "how_much", "bother", "health"])
def test_each_question_step_reads_at_grade_6_or_lower(content: Content, step: str) -> None:
    grade = fk_grade(question_steps_text(content)[step])
    assert grade <= 6, (step, grade)


def test_the_grade_check_can_fail() -> None:
    # A guard that the readability measure is live: dense clinical wording scores far above 6.
    dense = [
        "Bilateral radicular symptomatology necessitates immediate neurosurgical evaluation "
        "and comprehensive diagnostic investigation"
    ]
    assert fk_grade(dense) > 6
