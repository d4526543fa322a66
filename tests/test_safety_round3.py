"""Safety round 3 (issue 22): chest pain, both legs, groin numbness, a safety net in every
result, no over-triage, an irritable nerve, clot risks, conditions before alarms, trials as
they were."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from guide_testing.shipped import shipped_content
from sciatica_guide.assessment.export import summary_of, to_pdf
from sciatica_guide.assessment.report import Kind, build_report, urgent_lines
from sciatica_guide.assessment.rules import Answers, evaluate
from sciatica_guide.content import Content
from sciatica_guide.content.models import Recheck

NUMBER = "999"


def test_chest_pain_with_back_pain_is_an_emergency_with_its_own_why(content: Content) -> None:
    result = evaluate(content, Answers(red_flags=frozenset({"chest-pain"})))
    assert result.urgent_levels == ("emergency",) and not result.massage_possible
    ((title, text),) = urgent_lines(content, result, NUMBER)
    assert title == content.red_flags.action("emergency", NUMBER) + "."
    assert "heart" in text and "blood vessel" in text and "clot in your lung" in text
    # Pain between the shoulder blades alone stays at "today".
    upper = evaluate(content, Answers(red_flags=frozenset({"upper-back"})))
    assert upper.urgent_levels == ("today",)


# --- points 2, 3 and 6: emergency signs asked again -----------------------------------------------
CONTENT = shipped_content()
REGION_IDS = [r.id for r in CONTENT.regions()]
LEG_AREAS = {
    "buttock",
    "back-thigh",
    "side-thigh",
    "front-thigh",
    "calf",
    "shin",
    "foot-top",
    "sole",
}


def _recheck(content: Content, recheck_id: str) -> Recheck:
    return next(r for r in content.assessment.result.rechecks if r.id == recheck_id)


@settings(max_examples=200, deadline=None)
@given(regions=st.lists(st.sampled_from(REGION_IDS), unique=True, min_size=1))
def test_places_on_both_legs_ask_about_both_legs_before_any_massage(regions: list[str]) -> None:
    answers = Answers(regions=tuple(regions), precautions_none=True)
    result = evaluate(CONTENT, answers)
    sides = {
        r.side for rid in regions if (r := CONTENT.region(rid)) is not None and r.area in LEG_AREAS
    }
    both = sides == {"left", "right"}
    assert ("both-legs" in result.rechecks) == both
    if both:
        assert not result.massage_possible
        # The report asks the question, and offers no place's massage until it is answered.
        report = build_report(CONTENT, answers, result, NUMBER)
        recheck = report.block(Kind.RECHECK)
        assert recheck is not None and recheck.items[0].text == _recheck(CONTENT, "both-legs").text
        techniques = report.block(Kind.TECHNIQUES)
        assert techniques is not None and techniques.items == ()
        # "Yes" is the emergency result; "No" carries on.
        yes = evaluate(CONTENT, replace(answers, red_flags=frozenset({"both-legs"})))
        assert yes.urgent_levels == ("emergency",) and yes.techniques == frozenset()
        no = evaluate(CONTENT, replace(answers, rechecks_no=frozenset({"both-legs"})))
        assert "both-legs" not in no.rechecks


@pytest.mark.parametrize("score", range(7))
def test_numbness_scored_above_0_asks_about_the_saddle_area(content: Content, score: int) -> None:
    sbi = {"leg-pain": 3, "numbness": score, "weakness": 0, "sitting": 0}
    answers = Answers(regions=("calf-left",), sbi=sbi, precautions_none=True)
    result = evaluate(content, answers)
    assert ("saddle" in result.rechecks) == (score > 0)
    assert result.massage_possible == (score == 0)
    assert "inner thighs" in _recheck(content, "saddle").text
    yes = evaluate(content, replace(answers, red_flags=frozenset({"saddle-numbness"})))
    assert yes.urgent_levels == ("emergency",)


def test_a_recheck_is_never_asked_after_an_urgent_sign(content: Content) -> None:
    answers = Answers(
        regions=("calf-left", "calf-right"),
        sbi={"numbness": 6},
        red_flags=frozenset({"fever-unwell"}),
    )
    result = evaluate(content, answers)
    assert result.urgent and result.rechecks == ()


# --- point 4: a safety net in every result without an urgent sign ---------------------------------
@settings(max_examples=100, deadline=None)
@given(regions=st.lists(st.sampled_from(REGION_IDS), unique=True, min_size=1))
def test_every_result_without_an_urgent_sign_has_the_safety_net(regions: list[str]) -> None:
    answers = Answers(regions=tuple(regions), precautions_none=True, sbi={"numbness": 2})
    result = evaluate(CONTENT, answers)
    report = build_report(CONTENT, answers, result, NUMBER)
    net = report.block(Kind.SAFETY_NET)
    assert (net is None) == result.urgent
    if net is None:
        return
    # It comes before any massage, in the levels' own words.
    kinds = [b.kind for b in report.blocks]
    assert kinds.index(Kind.SAFETY_NET) < kinds.index(Kind.TECHNIQUES)
    red_flags = CONTENT.red_flags
    texts = " ".join(t for item in net.items for t in (item.text, *item.lines))
    assert net.items[0].text.startswith(red_flags.action("emergency", NUMBER))
    assert net.items[1].text.startswith(red_flags.action("today", NUMBER))
    for flag in red_flags.all_flags():
        if red_flags.level_of(flag.id) == "emergency" and flag.id != "serious-accident":
            assert flag.text in texts
    assert "weak" in texts and "hard to start to pee" in texts
    assert "cannot feel when your bladder is full" in texts


def test_the_summary_is_dated_and_says_check_again_before_each_visit(content: Content) -> None:
    answers = Answers(regions=("calf-left",), precautions_none=True)
    result = evaluate(content, answers)
    report = build_report(content, answers, result, NUMBER)
    summary = summary_of(content, report, made_on=dt.date(2026, 12, 4))
    text = summary.as_text()
    assert "Made on 4 December 2026. Check these signs again before each visit." in text
    assert content.red_flags.action("emergency", NUMBER) in text
    # Before the massage.
    assert text.index("Check these signs again") < text.index("May suit")
    reader = PdfReader(io.BytesIO(to_pdf(summary, unicode_font=False)))
    pdf = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Made on 4 December 2026" in pdf and "hard to start to pee" in pdf


# --- point 12: trials described as they were ---------------------------------------------------
def test_trials_are_described_as_they_were(content: Content) -> None:
    techniques = {t.id: t.evidence for t in content.techniques.techniques}
    chatchawan = techniques["trigger-point"]
    assert "180 people" in chatchawan and "Swedish massage" in chatchawan
    assert "no group without massage" in chatchawan and "small trial" not in chatchawan
    assert "401 people" in techniques["deep-tissue"]
    assert "80 nurses" in techniques["myofascial-release"]
    assert "several hospitals" in content.assessment.result.sbi_note
    assert "multicentre" in (content.source("haugen-2011").note or "")
    # The US guideline's age is said wherever it is cited to a person.
    duration = content.assessment.steps.how_much.duration.option("over-12-weeks")
    assert duration is not None and "2017" in (duration.result_note or "")
    texts = [n.text for n in content.evidence.notes if "acp-2017" in n.sources]
    texts += [p.text for p in content.evidence.summary if "acp-2017" in p.sources]
    assert texts and all("2017" in text for text in texts)
    assert "small trial" not in " ".join(n.text for n in content.evidence.notes)


# --- point 8: an irritable nerve ------------------------------------------------------------------
FIRM = {"deep-tissue", "trigger-point"}


@settings(max_examples=300, deadline=None)
@given(
    leg=st.integers(0, 10),
    back=st.none() | st.integers(0, 10),
    duration=st.sampled_from(["under-6-weeks", "6-to-12-weeks", "over-12-weeks"]),
    regions=st.lists(st.sampled_from(REGION_IDS), unique=True, min_size=1),
)
def test_strong_or_new_leg_pain_takes_firm_massage_away_and_says_why(
    leg: int, back: int | None, duration: str, regions: list[str]
) -> None:
    answers = Answers(
        regions=tuple(regions),
        leg_pain=leg,
        back_pain=back,
        duration=duration,
        precautions_none=True,
        rechecks_no=frozenset({"both-legs", "saddle"}),
    )
    result = evaluate(CONTENT, answers)
    irritable = leg >= 7 or (
        duration == "under-6-weeks" and leg > 0 and (back is None or leg >= back)
    )
    assert ("irritable-nerve" in result.precautions) == irritable
    if irritable:
        assert not result.techniques & FIRM
        report = build_report(CONTENT, answers, result, NUMBER)
        care = report.block(Kind.CARE)
        assert care is not None
        assert any("until the leg pain settles" in item.text for item in care.items)
        assert {"nysed-precautions", "kngf-2021"} <= set(
            CONTENT.precaution("irritable-nerve").sources
        )


def test_the_piriformis_has_one_message_and_strokes_avoid_the_back_of_the_knee(
    content: Content,
) -> None:
    buttock = {t.id: t.how for t in content.area("buttock").techniques}
    near = content.technique_marks.ui.near_nerve
    assert "gentle pressure only: the sciatic nerve runs here" in buttock["trigger-point"]
    assert near.lower().rstrip(".") in buttock["trigger-point"].lower()
    assert "Held pressure on tender knots in the piriformis" not in buttock["trigger-point"]
    for area in ("back-thigh", "calf"):
        how = {t.id: t.how for t in content.area(area).techniques}["deep-tissue"]
        assert "back of the knee" in how
        entry = content.technique_marks.for_pair(area, "deep-tissue")
        assert entry is not None
        for mark in entry.marks:
            if "knee" in mark.text:
                assert "back of the knee" in mark.text and (
                    "above" in mark.text or "below" in mark.text
                )


# --- point 9: clot risk factors -------------------------------------------------------------------
@pytest.mark.parametrize("precaution", ["clot-risk", "pregnancy"])
def test_a_clot_risk_takes_firm_calf_work_away_and_says_why(
    content: Content, precaution: str
) -> None:
    answers = Answers(
        regions=("calf-left", "back-thigh-left"),
        leg_pain=3,
        back_pain=3,
        duration="6-to-12-weeks",
        precautions=frozenset({precaution}),
        rechecks_no=frozenset({"both-legs", "saddle"}),
    )
    result = evaluate(content, answers)
    plans = {p.area: p for p in result.plans}
    assert not set(plans["calf"].suits) & FIRM
    assert set(plans["calf"].ruled_out) >= FIRM
    # Only the calf: firm work elsewhere stays for clot risk.
    if precaution == "clot-risk":
        assert set(plans["back-thigh"].suits) >= FIRM
    assert "clot" in content.precaution(precaution).advice
    assert "nhs-dvt" in content.precaution(precaution).sources


def test_the_clot_risks_are_asked_in_the_health_step(content: Content) -> None:
    assert "clot-risk" in content.assessment.steps.health.precautions
    label = content.precaution("clot-risk").label
    for words in ("operation in the last 12 weeks", "bed rest", "long journey", "baby", "hormone"):
        assert words in label


# --- point 7: no over-triage of single risk signs (NICE CKS) -----------------------------------
@pytest.mark.parametrize(
    "flag", ["first-pain-age", "steroids-weak-bones", "cancer-past", "spine-procedure-past"]
)
def test_a_single_risk_sign_means_a_gp_within_days_before_any_massage(
    content: Content, flag: str
) -> None:
    answers = Answers(red_flags=frozenset({flag}), regions=("calf-left",), precautions_none=True)
    result = evaluate(content, answers)
    assert not result.urgent and result.wait_flags == (flag,)
    assert not result.massage_possible
    report = build_report(content, answers, result, NUMBER)
    block = report.block(Kind.GP_FIRST)
    assert block is not None
    assert block.heading == content.red_flags.action("days", NUMBER) + "."
    assert "before" in block.heading and "massage" in block.heading
    # Said once, in its own block, not again as "see a GP soon".
    see_gp = report.block(Kind.SEE_GP)
    text = next(f.text for f in content.red_flags.all_flags() if f.id == flag)
    assert see_gp is None or all(text not in i.text for i in see_gp.items)


def test_cancer_with_new_pain_and_a_recent_procedure_with_fever_stay_same_day(
    content: Content,
) -> None:
    texts = {f.id: f.text for f in content.red_flags.all_flags()}
    assert "new or feels different" in texts["cancer"]
    assert all(w in texts["spine-procedure"] for w in ("fever", "unwell", "new or worse"))
    for flag in ("cancer", "spine-procedure"):
        result = evaluate(content, Answers(red_flags=frozenset({flag})))
        assert result.urgent_levels == ("today",)
    # Both answered: the more urgent level wins.
    both = evaluate(content, Answers(red_flags=frozenset({"cancer", "cancer-past"})))
    assert both.urgent_levels == ("today",)


@settings(max_examples=100, deadline=None)
@given(regions=st.lists(st.sampled_from(REGION_IDS), unique=True, min_size=1))
def test_osteoporosis_gives_the_same_result_on_either_step(regions: list[str]) -> None:
    base = Answers(regions=tuple(regions), rechecks_no=frozenset({"both-legs", "saddle"}))
    safety = evaluate(CONTENT, replace(base, red_flags=frozenset({"steroids-weak-bones"})))
    health = evaluate(CONTENT, replace(base, precautions=frozenset({"weak-bones"})))
    assert safety.wait_flags == health.wait_flags == ("steroids-weak-bones",)
    assert safety.urgent == health.urgent is False
    assert safety.massage_possible == health.massage_possible is False


# --- point 10: conditions before alarms on the body map -------------------------------------------
@pytest.mark.parametrize("region_id", REGION_IDS)
def test_a_places_warnings_start_with_their_condition_and_massage_says_only_if(
    content: Content, region_id: str
) -> None:
    from guide_testing.body_map_panel import panel_blocks
    from sciatica_guide.body_map.panel import region_panel, warnings
    from sciatica_guide.body_map.panel_html import first_line, panel_html

    panel = region_panel(content, region_id, NUMBER)
    assert panel is not None
    ui = content.body_map.ui
    listed = warnings(content, panel)
    assert all(text.startswith("If ") for text in listed)
    html = panel_html(content, panel, None, "techniques")
    blocks = panel_blocks(html)
    # Drawn as "check first" notes, never as urgent orders, before anything about massage.
    assert [t for k, t in blocks if k == "check"] == [f"{ui.check_first}: {t}" for t in listed]
    assert not [b for b in blocks if b[0] == "error"]
    if listed:
        last = max(i for i, (k, _) in enumerate(blocks) if k == "check")
        assert last < blocks.index(("heading", ui.techniques))
        assert html.count(ui.only_if_none) == len(panel.techniques)
        line = str(first_line(content, panel)["line"])
        assert line.startswith(f"{ui.check_first}: If ") and "…" not in line
    else:
        assert ui.only_if_none not in html
