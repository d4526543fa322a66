"""The guide's own words are plain: Flesch-Kincaid grade 8 or lower, 6 or lower for safety text.

The article is shown word for word and is not measured here.
"""

from __future__ import annotations

import pytest

from guide_testing.readability import grade
from sciatica_guide.content import Content

GUIDE_TEXT_LIMIT = 8.0
SAFETY_TEXT_LIMIT = 6.0


def guide_text(content: Content) -> dict[str, list[str]]:
    """The text the guide adds, by kind, as a reader meets it."""
    return {
        "evidence notes": [n.text for n in content.evidence.notes]
        + [p.text for p in content.evidence.summary],
        "technique cards": [
            text
            for t in content.techniques.techniques
            for text in (t.what_it_does, t.feels_like, t.may_suit, t.evidence, t.common_effects)
        ],
        "page introductions": [p.lead for p in content.pages.pages if p.lead],
        "disclaimer": [content.site.disclaimer.short, content.site.disclaimer.full],
        "precautions": [f"{p.label}. {p.advice}" for p in content.precautions.precautions],
        "body map regions": [
            text
            for a in content.areas.areas
            for text in (a.description, a.typical, *[t.how for t in a.techniques], *a.care)
        ],
        "movements": [
            text
            for m in content.movements.movements
            for text in (m.summary, *m.steps, m.dose, *m.stop_if)
        ]
        + content.movements.stop_signs
        + [r.why for r in content.movements.precautions]
        + [
            content.movements.ui.intro,
            content.movements.ui.gentlest,
            content.movements.ui.gentlest_gp_first,
            content.movements.ui.held,
            content.movements.ui.none_left,
            content.movements.ui.panel_urgent,
        ],
        # The leaflet's own words (its key points are the article's, quoted) and the summary's.
        "take-home words": [
            content.modes.leaflet.subheading,
            content.modes.leaflet.button_help,
            content.modes.leaflet.techniques_note,
            content.modes.leaflet.movements_check,
            content.modes.handout.button_help,
            content.movements.ui.summary_how,
            content.assessment.summary.sources_note,
        ],
        "body map words": [
            content.body_map.ui.prompt,
            content.body_map.ui.unknown_region,
            content.body_map.ui.roots_caption,
            content.body_map.ui.techniques_note,
        ],
    }


def safety_text(content: Content) -> list[str]:
    red_flags = content.red_flags
    return (
        [red_flags.intro]
        + [group.why for group in red_flags.groups]
        + [f"{flag.text}." for flag in red_flags.all_flags()]
    )


def test_grade_is_measured_offline_and_tells_plain_from_dense() -> None:
    plain = "Stop. Get help now. Call your doctor."
    dense = (
        "Contemporaneous multidisciplinary rehabilitation interventions demonstrate heterogeneous "
        "effectiveness notwithstanding methodological considerations."
    )
    assert grade(plain) < 4 < 12 < grade(dense)


@pytest.mark.parametrize(
    "kind",
    [
        "evidence notes",
        "technique cards",
        "page introductions",
        "disclaimer",
        "precautions",
        "body map regions",
        "body map words",
        "movements",
        "take-home words",
    ],
)
def test_guide_text_is_grade_8_or_lower(content: Content, kind: str) -> None:
    texts = guide_text(content)[kind]
    assert texts
    assert grade(" ".join(texts)) <= GUIDE_TEXT_LIMIT


def test_urgent_help_signs_are_grade_6_or_lower(content: Content) -> None:
    assert grade(" ".join(safety_text(content))) <= SAFETY_TEXT_LIMIT
