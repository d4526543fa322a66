"""Safety round 3 (issue 22): chest pain, both legs, groin numbness, a safety net in every
result, no over-triage, an irritable nerve, clot risks, conditions before alarms, trials as
they were."""

from __future__ import annotations

from sciatica_guide.assessment.report import urgent_lines
from sciatica_guide.assessment.rules import Answers, evaluate
from sciatica_guide.content import Content

NUMBER = "999"


def test_chest_pain_with_back_pain_is_an_emergency_with_its_own_why(content: Content) -> None:
    result = evaluate(content, Answers(red_flags=frozenset({"chest-pain"})))
    assert result.urgent_levels == ("emergency",) and not result.massage_possible
    (title, text), = urgent_lines(content, result, NUMBER)
    assert title == content.red_flags.action("emergency", NUMBER) + "."
    assert "heart" in text and "blood vessel" in text and "clot in your lung" in text
    # Pain between the shoulder blades alone stays at "today".
    upper = evaluate(content, Answers(red_flags=frozenset({"upper-back"})))
    assert upper.urgent_levels == ("today",)
