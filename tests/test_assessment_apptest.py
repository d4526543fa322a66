"""The self-assessment page in Streamlit's AppTest: the whole flow, the urgent path, the shared
body-map selection and "Clear my answers"."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from guide_testing.assessment_flow import answer_safety_none
from sciatica_guide import APP_ROOT
from sciatica_guide.assessment.screens import question_screens
from sciatica_guide.assessment.state import ANSWERS, SCREEN, STEP, where_key
from sciatica_guide.content import Content
from sciatica_guide.session import PAIN_REGIONS, PREFIX, SELECTED_REGION
from sciatica_guide.text import unescape_markdown
from sciatica_guide.ui.state import LANGUAGE_KEY

PAGE = "app_pages/self_assessment.py"
W = PREFIX + "assessment.w."


def open_page(**state: object) -> AppTest:
    at = AppTest.from_file(str(APP_ROOT / "app.py"), default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def shown(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [e.value for e in at.error]
    parts += [w.value for w in at.warning] + [c.value for c in at.caption]
    parts += [s.value for s in at.subheader] + [i.value for i in at.info]
    return unescape_markdown("\n".join(str(p) for p in parts))


def press(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at


def progress(at: AppTest) -> list[str]:
    return [p.proto.text for p in at.get("progress")]


def test_whole_flow_to_the_result(content: Content) -> None:
    a = content.assessment
    total = len(question_screens(content))
    at = open_page()
    assert at.title[0].value == "Self-assessment"
    assert progress(at) == [a.progress.format(step=1, total=total)]

    # Continue without answering is refused with the screen's error.
    press(at, "continue-nerve-signs")
    assert a.steps.safety.error in shown(at)
    answer_safety_none(at, content)
    assert at.session_state[STEP] == "where"
    assert a.steps.where.title in shown(at)
    assert progress(at) == [a.progress.format(step=7, total=total)]

    at.pills(key=where_key(at.session_state, "calf")).set_value(["left"]).run()
    at.pills(key=where_key(at.session_state, "buttock")).set_value(["left", "right"]).run()
    press(at, "continue-where")
    # Kept in the order picked: the last one picked is the body map's selected region.
    assert at.session_state[PAIN_REGIONS] == ["calf-left", "buttock-left", "buttock-right"]

    # One question, or a small group, per screen.
    assert [r.key for r in at.radio if r.key != LANGUAGE_KEY] == []
    at.segmented_control(key=f"{W}back_pain").set_value(3).run()
    at.segmented_control(key=f"{W}leg_pain").set_value(7).run()
    press(at, "continue-pain")
    at.radio(key=f"{W}duration").set_value("6-to-12-weeks").run()
    press(at, "continue-duration")
    assert a.steps.how_much.error in shown(at)
    at.radio(key=f"{W}activities").set_value("no").run()
    press(at, "continue-duration")
    at.radio(key=f"{W}pressure").set_value("light").run()
    press(at, "continue-pressure")

    for item, score in zip(a.steps.bother.items, [5, 4, 1, 0], strict=True):
        at.segmented_control(key=f"{W}sbi.{item.id}").set_value(score).run()
    press(at, "continue-bother")

    at.checkbox(key=f"{W}precaution.blood-thinners").check().run()
    press(at, "continue-health-blood")
    # The fever and cancer are not asked again: the first questions asked them.
    labels = [c.label for c in at.checkbox]
    assert content.precaution("fever").label not in labels
    assert content.precaution("cancer-treatment").label not in labels
    at.checkbox(key=f"{W}precaution-none.health-area").check().run()
    press(at, "continue-health-area")
    assert at.session_state[STEP] == "check"
    text = shown(at)
    assert "Calf (your left)" in text and "Buttock (both sides)" in text
    assert "7 out of 10 (severe)" in text

    # "Change" opens the screen of that answer, and Continue returns to the check page.
    press(at, "change-back_pain")
    assert at.session_state[STEP] == "how_much"
    at.segmented_control(key=f"{W}back_pain").set_value(4).run()
    press(at, "continue-pain")
    assert at.session_state[STEP] == "check"
    assert "4 out of 10 (moderate)" in shown(at)
    # The safety signs are walked whole, then back to the check page.
    press(at, "change-safety")
    for screen in a.steps.safety.screens:
        assert at.session_state[STEP] == "safety"
        press(at, f"continue-{screen.id}")
    assert at.session_state[STEP] == "check"

    press(at, "see-result")
    assert at.session_state[STEP] == "result"
    # Places on both legs and numbness: both emergency signs are asked again first (issue 22).
    assert "May suit" not in shown(at)
    press(at, "recheck-no-both-legs")
    press(at, "recheck-no-saddle")
    text = shown(at)
    assert not at.error
    assert "Back pain: 4 out of 10 (moderate)" in text
    assert "Leg pain: 7 out of 10 (severe)" in text
    assert a.pain_bands.note.strip() in text
    assert "Sciatica Bothersomeness Index: 10 out of 24" in text
    assert "research questionnaire" in text
    # Blood thinners: no deep tissue and no trigger point anywhere, myofascial release remains.
    assert "May suit: Myofascial release" in text
    assert "Not for you now: Deep tissue massage and Trigger point therapy" in text
    assert "NICE" in text
    assert "Please know about: You take blood thinners" in text
    # Severe leg pain and symptoms that bother a lot: see a GP or physiotherapist too.
    assert a.result.see_gp.heading in text
    assert a.result.see_gp.reasons["pain"] in text and a.result.see_gp.reasons["bother"] in text
    assert a.result.see_gp.reasons["duration"] not in text
    assert [b.label for b in at.get("download_button")] == [
        a.buttons.download_pdf,
        a.buttons.download_text,
    ]


def test_a_red_flag_jumps_to_the_urgent_result_with_no_massage(content: Content) -> None:
    a = content.assessment
    at = open_page(**{PAIN_REGIONS: ["calf-left"]})
    at.checkbox(key=f"{W}flag.saddle-numbness").check().run()
    # The urgent message shows at once, before Continue.
    assert at.error and "Call 995" in at.error[0].value
    press(at, "continue-nerve-signs")
    assert at.session_state[STEP] == "result"
    text = shown(at)
    assert a.result.urgent.no_massage in text
    assert "Numbness, tingling or pins and needles around your genitals or your bottom" in text
    assert "May suit" not in text and a.result.techniques_heading not in text
    assert len(at.get("download_button")) == 2


def test_urgent_message_uses_the_configured_number(
    content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCIATICA_GUIDE_EMERGENCY_NUMBER", "999")
    at = open_page(**{STEP: "safety", SCREEN: "risk-signs"})
    at.checkbox(key=f"{W}flag.cancer").check().run()
    assert at.error[0].value.startswith("### Get medical help today.")
    assert "call 999 or go to an emergency department" in at.error[0].value


def test_none_of_these_unticks_the_signs_and_the_other_way_round(content: Content) -> None:
    at = open_page()
    at.checkbox(key=f"{W}flag.both-legs").check().run()
    at.checkbox(key=f"{W}flag-none.cauda-equina-legs").check().run()
    assert at.checkbox(key=f"{W}flag.both-legs").value is False
    assert not at.error
    at.checkbox(key=f"{W}flag.both-legs").check().run()
    assert at.checkbox(key=f"{W}flag-none.cauda-equina-legs").value is False


def test_body_map_selection_is_already_picked_and_picks_go_back(content: Content) -> None:
    at = open_page(**{SELECTED_REGION: "calf-right"})
    answer_safety_none(at, content)
    assert at.pills(key=where_key(at.session_state, "calf")).value == ["right"]
    at.pills(key=where_key(at.session_state, "shin")).set_value(["left"]).run()
    assert at.session_state[PAIN_REGIONS] == ["calf-right", "shin-left"]
    # The last region picked here becomes the body map's selected region.
    assert at.session_state[SELECTED_REGION] == "shin-left"


def test_clear_my_answers_forgets_everything(content: Content) -> None:
    at = open_page(**{SELECTED_REGION: "calf-right"})
    answer_safety_none(at, content)
    assert at.session_state[PAIN_REGIONS] == ["calf-right"]
    press(at, "clear-answers")
    assert content.assessment.cleared in [s.value for s in at.success]
    assert SELECTED_REGION not in at.session_state
    assert PAIN_REGIONS not in at.session_state
    assert STEP not in at.session_state
    assert at.session_state[ANSWERS]["safety_none"] == []
    # Back on a fresh first screen with nothing ticked.
    assert progress(at) == [f"Question 1 of {len(question_screens(content))}"]
    assert not any(box.value for box in at.checkbox)


def result_page(content: Content, regions: list[str], **answers: object) -> AppTest:
    """The result screen for stored answers (every step answered, nothing urgent unless given)."""
    base: dict[str, object] = {
        "safety_none": [g.id for g in content.red_flags.groups],
        "back_pain": 3,
        "leg_pain": 3,
        "duration": "under-6-weeks",
        "pressure": "medium",
        "activities": "no",
        "sbi": {"leg-pain": 2, "numbness": 2, "weakness": 2, "sitting": 2},
        "precautions_none": True,
        # The numbness above asks the saddle question again; answered "No" (issue 22).
        "rechecks_no": ["saddle"],
    }
    return open_page(**{ANSWERS: {**base, **answers}, PAIN_REGIONS: regions, STEP: "result"})


def test_weakness_that_bothers_a_lot_is_asked_again_and_yes_is_urgent(content: Content) -> None:
    check = content.assessment.result.weakness_check
    at = result_page(
        content, ["shin-left"], sbi={"leg-pain": 2, "numbness": 2, "weakness": 6, "sitting": 2}
    )
    assert check.title in shown(at) and not at.error
    assert "May suit" in shown(at)
    press(at, "weakness-yes")
    assert at.error and at.error[0].value.startswith("### Get medical help today.")
    text = shown(at)
    assert "New weakness in one leg or foot" in text
    assert "May suit" not in text and check.title not in text


def test_a_possible_clot_stops_all_massage_and_names_the_emergency_signs(
    content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCIATICA_GUIDE_EMERGENCY_NUMBER", "999")
    at = result_page(
        content,
        ["lower-back-left", "calf-right"],
        precautions=["calf-clot"],
        precautions_none=False,
        health_none=["health-area"],
    )
    warning = at.warning[0].value
    assert "Get medical advice today" in warning
    assert "Call 999 if you are also short of breath, have chest pain or cough up blood" in warning
    text = shown(at)
    assert "May suit" not in text
    assert content.assessment.result.no_massage in text


def test_numbness_ticked_with_buttock_pain_asks_the_saddle_question(content: Content) -> None:
    recheck = next(r for r in content.assessment.result.rechecks if r.id == "saddle")
    at = result_page(
        content,
        ["buttock-left"],
        precautions=["reduced-feeling"],
        precautions_none=False,
        health_none=["health-blood"],
        rechecks_no=[],
    )
    # No false alarm: nothing was ticked, so no urgent message and no "you ticked".
    assert not at.error and "You ticked" not in shown(at)
    assert recheck.text in shown(at) and "May suit" not in shown(at)
    press(at, "recheck-no-saddle")
    assert not at.error and "May suit: Myofascial release" in shown(at)
    assert recheck.answered_no in shown(at)


def test_a_fever_kept_as_a_precaution_gets_the_same_message_as_the_sign(
    content: Content,
) -> None:
    # Not asked as a precaution any more (the first questions ask it as the sign); answers
    # kept from before still get the sign's message.
    as_precaution = result_page(
        content, ["calf-left"], precautions=["fever"], precautions_none=False, health_none=[]
    )
    as_sign = open_page(
        **{
            ANSWERS: {"red_flags": ["fever-unwell"]},
            PAIN_REGIONS: ["calf-left"],
            STEP: "result",
        }
    )
    assert as_precaution.error[0].value == as_sign.error[0].value
    assert "May suit" not in shown(as_precaution)


def test_pain_getting_worse_alone_is_a_gp_sign_not_an_emergency(content: Content) -> None:
    at = open_page()
    for screen in content.assessment.steps.safety.screens:
        for question in screen.questions:
            if question.id == "see-gp":
                at.checkbox(key=f"{W}flag.getting-worse").check().run()
                assert not at.error
            else:
                at.checkbox(key=f"{W}flag-none.{question.id}").check().run()
        press(at, f"continue-{screen.id}")
    assert at.session_state[STEP] == "where"
    at = result_page(content, ["calf-left"], red_flags=["getting-worse"])
    text = shown(at)
    assert not at.error and "Your pain keeps getting worse." in text
    assert content.assessment.result.see_gp.heading in text and "May suit" in text


def test_the_self_assessment_and_its_result_say_not_a_diagnosis_on_the_page(
    content: Content,
) -> None:
    # Issue 22, point 11: on a phone the sidebar (and its disclaimer) is closed.
    line = content.site.disclaimer.one_line
    for at in (open_page(), result_page(content, ["calf-left"])):
        assert any(line in str(m.value) for m in at.main.markdown)
