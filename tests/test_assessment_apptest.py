"""The self-assessment page in Streamlit's AppTest: the whole flow, the urgent path, the shared
body-map selection and "Clear my answers"."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from sciatica_guide import APP_ROOT
from sciatica_guide.assessment.state import ANSWERS, STEP
from sciatica_guide.content import Content
from sciatica_guide.session import PAIN_REGIONS, PREFIX, SELECTED_REGION
from sciatica_guide.ui.text import unescape_markdown

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


def answer_safety_none(at: AppTest, content: Content) -> None:
    for group in content.red_flags.groups:
        at.checkbox(key=f"{W}flag-none.{group.id}").check().run()


def test_whole_flow_to_the_result(content: Content) -> None:
    a = content.assessment
    at = open_page()
    assert at.title[0].value == "Self-assessment"
    assert a.progress.format(step=1, total=5) in [p.proto.text for p in at.get("progress")]

    # Continue without answering is refused with the step's error.
    press(at, "continue-safety")
    assert a.steps.safety.error in shown(at)
    answer_safety_none(at, content)
    press(at, "continue-safety")
    assert at.session_state[STEP] == "where"
    assert a.steps.where.title in shown(at)

    at.pills(key=f"{W}where.calf").set_value(["left"]).run()
    at.pills(key=f"{W}where.buttock").set_value(["left", "right"]).run()
    press(at, "continue-where")
    # Kept in the order picked: the last one picked is the body map's selected region.
    assert at.session_state[PAIN_REGIONS] == ["calf-left", "buttock-left", "buttock-right"]

    at.segmented_control(key=f"{W}back_pain").set_value(3).run()
    at.segmented_control(key=f"{W}leg_pain").set_value(7).run()
    at.radio(key=f"{W}duration").set_value("6-to-12-weeks").run()
    at.radio(key=f"{W}pressure").set_value("light").run()
    press(at, "continue-how_much")

    for item, score in zip(a.steps.bother.items, [5, 4, 1, 0], strict=True):
        at.segmented_control(key=f"{W}sbi.{item.id}").set_value(score).run()
    press(at, "continue-bother")

    at.checkbox(key=f"{W}precaution.blood-thinners").check().run()
    press(at, "continue-health")
    assert at.session_state[STEP] == "check"
    text = shown(at)
    assert "Calf (your left)" in text and "Buttock (both sides)" in text
    assert "7 out of 10 (severe)" in text

    # "Change" goes back to the step, and Continue returns to the check page.
    press(at, "change-how_much")
    assert at.session_state[STEP] == "how_much"
    at.segmented_control(key=f"{W}back_pain").set_value(4).run()
    press(at, "continue-how_much")
    assert at.session_state[STEP] == "check"
    assert "4 out of 10 (moderate)" in shown(at)

    press(at, "see-result")
    text = shown(at)
    assert at.session_state[STEP] == "result"
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
    assert [b.label for b in at.get("download_button")] == [
        a.buttons.download_pdf,
        a.buttons.download_text,
    ]


def test_a_red_flag_jumps_to_the_urgent_result_with_no_massage(content: Content) -> None:
    a = content.assessment
    at = open_page(**{PAIN_REGIONS: ["calf-left"]})
    at.checkbox(key=f"{W}flag.saddle-numbness").check().run()
    # The urgent message shows at once, before Continue.
    assert at.error and "Call your local emergency number" in at.error[0].value
    press(at, "continue-safety")
    assert at.session_state[STEP] == "result"
    text = shown(at)
    assert a.result.urgent.no_massage in text
    assert "Numbness around your genitals or your bottom" in text
    assert "May suit" not in text and a.result.techniques_heading not in text
    assert len(at.get("download_button")) == 2


def test_urgent_message_uses_the_configured_number(
    content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCIATICA_GUIDE_EMERGENCY_NUMBER", "999")
    at = open_page()
    at.checkbox(key=f"{W}flag.past-cancer").check().run()
    assert "call 999 or go to an emergency department" in at.error[0].value


def test_none_of_these_unticks_the_signs_and_the_other_way_round(content: Content) -> None:
    at = open_page()
    at.checkbox(key=f"{W}flag.both-legs").check().run()
    at.checkbox(key=f"{W}flag-none.cauda-equina").check().run()
    assert at.checkbox(key=f"{W}flag.both-legs").value is False
    assert not at.error
    at.checkbox(key=f"{W}flag.both-legs").check().run()
    assert at.checkbox(key=f"{W}flag-none.cauda-equina").value is False


def test_body_map_selection_is_already_picked_and_picks_go_back(content: Content) -> None:
    at = open_page(**{SELECTED_REGION: "calf-right"})
    answer_safety_none(at, content)
    press(at, "continue-safety")
    assert at.pills(key=f"{W}where.calf").value == ["right"]
    at.pills(key=f"{W}where.shin").set_value(["left"]).run()
    assert at.session_state[PAIN_REGIONS] == ["calf-right", "shin-left"]
    # The last region picked here becomes the body map's selected region.
    assert at.session_state[SELECTED_REGION] == "shin-left"


def test_clear_my_answers_forgets_everything(content: Content) -> None:
    at = open_page(**{SELECTED_REGION: "calf-right"})
    answer_safety_none(at, content)
    press(at, "continue-safety")
    assert at.session_state[PAIN_REGIONS] == ["calf-right"]
    press(at, "clear-answers")
    assert content.assessment.cleared in [s.value for s in at.success]
    assert SELECTED_REGION not in at.session_state
    assert PAIN_REGIONS not in at.session_state
    assert STEP not in at.session_state
    assert at.session_state[ANSWERS]["safety_none"] == []
    # Back on a fresh first screen with nothing ticked.
    assert "Step 1 of 5" in [p.proto.text for p in at.get("progress")]
    assert not any(box.value for box in at.checkbox)
