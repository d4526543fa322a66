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


# --- claims that match their sources (clinical review, safety round 2) --------------------------
def _all_claims(content: Content) -> list[str]:
    """Every sentence the guide adds about evidence and guidelines."""
    a = content.assessment
    texts = [
        *guide_own_text(content),
        a.result.combine_note,
        *[o.result_note for o in a.steps.how_much.duration.options if o.result_note],
        a.result.sbi_note,
    ]
    return [s for text in texts for s in re.split(r"(?<=\.)\s+", " ".join(text.split()))]


def test_claims_match_their_sources(content: Content) -> None:
    claims = _all_claims(content)
    # Cochrane: "very little confidence that massage is an effective treatment".
    assert not [c for c in claims if re.search(r"works well|effective treatment", c)]
    # NICE 1.2.7 says "consider", and only as part of a package that includes exercise.
    nice = [c for c in claims if "NICE" in c and "massage" in c]
    assert nice and all("think about" in c and "exercise" in c for c in nice)
    # ACP does not list massage for chronic pain; it does not advise against it.
    long_term = [c for c in claims if re.search(r"massage for long-term( back)? pain", c)]
    assert long_term and all("not list massage" in c for c in long_term)
    # KNGF 2021: against massage on its own AND against massage for people with sciatica.
    dutch = " ".join(c for c in claims if "Dutch" in c or c.startswith("It also advises"))
    assert "against massage" in dutch and "for people with sciatica" in dutch
    # Deep tissue: one trial found structural massage no better than relaxation massage.
    deep = content.technique("deep-tissue")
    assert "no better than" in deep.evidence and "cherkin-2011" in deep.sources
    # Single-trial evidence is rated "very low".
    for technique in content.techniques.techniques:
        if re.match(r"One\b", technique.evidence):
            assert technique.evidence_level == "Very low", technique.id
    # Felt elsewhere: a dull ache may be expected; sharp, shooting pain or tingling means stop.
    trigger = content.technique("trigger-point").feels_like
    assert "dull" in trigger and "means stop" in trigger
    assert "tingling down my leg" in content.assessment.result.tell.always


def test_every_technique_card_says_its_trials_were_not_of_sciatica(content: Content) -> None:
    for technique in content.techniques.techniques:
        assert "not of sciatica" in technique.evidence, technique.id
    summary = " ".join(p.text for p in content.evidence.summary)
    assert "almost no trials of massage for sciatica" in summary


def test_every_source_can_be_checked_from_its_citation(content: Content) -> None:
    for source in content.sources.sources:
        if source.url is not None:
            # A page that says the fact, not a site's front page.
            assert source.url.scheme == "https", source.id
            assert (source.url.path or "/").strip("/"), source.id
        else:
            # Without a link, the citation names the work and when it was published.
            assert re.search(r"\b(19|20)\d\d\b", source.citation), source.id
    nice = content.source("nice-ng59")
    assert nice.url is not None and "Recommendations" in str(nice.url)
