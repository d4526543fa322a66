"""assessment.yaml: cross-checks catch broken references; its words are plain (grade <= 6)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from guide_testing.content_copy import edited_content
from guide_testing.readability import grade
from sciatica_guide.assessment.rules import question_flags
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
    asked_signs = [f for q in steps.safety.questions for f in question_flags(content, q)]
    assert sorted(asked_signs) == sorted(f.id for f in content.red_flags.all_flags())
    # Every precaution but the one the rules apply from other answers (strong or new leg pain),
    # each once: in the health screens, or as the urgent sign it stands for.
    asked = {p.id for p in content.precautions.precautions if not p.from_answers}
    health = steps.health
    assert sorted(health.precautions + health.asked_as_signs) == sorted(asked)
    for pid in health.asked_as_signs:
        sign = content.precaution(pid).red_flag
        assert sign is not None and sign.areas is None and sign.flag in asked_signs
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
            lambda d: d["steps"]["health"]["screens"][1]["precautions"].append("no-such-thing"),
            "steps.health.screens[10]",
            "unknown precaution id 'no-such-thing'",
        ),
        (
            lambda d: d["steps"]["health"]["asked_as_signs"].remove("fever"),
            "steps.health.screens",
            "the precaution 'fever' is not asked",
        ),
        (
            lambda d: d["steps"]["health"]["asked_as_signs"].append("pregnancy"),
            "steps.health.screens",
            "a precaution is asked twice",
        ),
        (
            # Varicose veins stand for no urgent sign: they must be asked.
            lambda d: (
                d["steps"]["health"]["screens"][0]["precautions"].remove("varicose-veins"),
                d["steps"]["health"]["asked_as_signs"].append("varicose-veins"),
            ),
            "steps.health.asked_as_signs",
            "'varicose-veins' is not a sign the first questions ask",
        ),
        (
            lambda d: d["steps"]["safety"]["screens"][2]["questions"].pop(),
            "steps.safety.screens",
            "the urgent sign 'getting-worse' is not asked",
        ),
        (
            lambda d: d["steps"]["safety"]["screens"][1]["questions"][0].update(flags=[]),
            "steps.safety.questions[1]",
            "asks 7 signs; split it",
        ),
        (
            lambda d: d["steps"]["safety"]["screens"][0]["questions"][0]["flags"].append("cancer"),
            "steps.safety.questions[0].flags[4]",
            "unknown sign of 'cauda-equina' id 'cancer'",
        ),
        (
            lambda d: d["steps"]["how_much"]["screens"][2].update(asks=["pressure", "duration"]),
            "steps.how_much.screens",
            "a question is asked twice",
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
    for question in s.questions:
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
