"""Content safety checks named in the hazard log (docs/clinical-safety.md)."""

from __future__ import annotations

import datetime as dt
import re

from sciatica_guide.content import Content

# Words that claim more than the evidence allows (low to very low quality, short-term effects).
OVERCLAIMS = re.compile(
    r"\b(cures?|cured|proven to|guaranteed?|always works|permanent(ly)? relie\w*|miracle)\b",
    re.IGNORECASE,
)


def guide_own_text(content: Content) -> list[str]:
    """Everything the guide adds: evidence notes, technique cards, area facts, page leads."""
    texts = [n.text for n in content.evidence.notes] + [p.text for p in content.evidence.summary]
    for t in content.techniques.techniques:
        texts += [t.what_it_does, t.feels_like, t.may_suit, t.evidence, t.common_effects]
    for area in content.areas.areas:
        texts += [area.description] + [entry.how for entry in area.techniques]
    texts += [p.lead for p in content.pages.pages if p.lead]
    return texts


def test_every_benefit_the_article_claims_has_an_evidence_note(content: Content) -> None:
    benefits = content.article.find("Understanding the Benefits of Massage for Sciatica")
    assert benefits is not None
    for section in [benefits, *benefits.children]:
        assert content.notes_for(section.heading), section.heading


def test_every_technique_states_its_evidence_and_sources(content: Content) -> None:
    for technique in content.techniques.techniques:
        assert technique.evidence_level in {"Low", "Very low", "Moderate", "High"}
        assert "cochrane-2015" in technique.sources


def test_the_guide_claims_no_cure(content: Content) -> None:
    found = [text for text in guide_own_text(content) if OVERCLAIMS.search(text)]
    assert found == []


def test_the_overclaim_check_can_fail() -> None:
    assert OVERCLAIMS.search("Massage cures sciatica.")
    assert OVERCLAIMS.search("It is proven to work")
    assert not OVERCLAIMS.search("Massage may ease pain for a short time.")


def test_review_dates_are_in_order_and_not_overdue(content: Content) -> None:
    review = content.site.review
    assert review.last_reviewed < review.next_review_due
    # Health content past its review date must be reviewed before it is released again.
    assert dt.date.today() <= review.next_review_due, "content review is overdue"
