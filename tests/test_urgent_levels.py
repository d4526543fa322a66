"""One message per level, everywhere: each urgent-help sign leads to the same action in the box on
every page, on the body map, in the self-assessment's result and on the handout (issue: safety
round 2). And every sign the clinical review named is there, at its level."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from guide_testing.body_map_panel import panel_blocks
from guide_testing.shipped import shipped_content
from sciatica_guide.article.handout import build_handout_pdf
from sciatica_guide.assessment.report import urgent_lines
from sciatica_guide.assessment.rules import Answers, evaluate
from sciatica_guide.body_map.panel import region_panel
from sciatica_guide.body_map.panel_html import panel_html
from sciatica_guide.content import Content
from sciatica_guide.local_help import settings_help
from sciatica_guide.settings import Settings
from sciatica_guide.ui.frame import red_flag_markdown

CONTENT = shipped_content()
FLAGS = [f.id for f in CONTENT.red_flags.all_flags()]
NUMBER = "999"

#: Sign -> level, as the clinical review (NHS, NHS inform, NICE CKS) puts them.
REVIEW_LEVELS = {
    "both-legs": "emergency",
    "legs-weak-or-numb": "emergency",
    "saddle-numbness": "emergency",
    "wiping": "emergency",
    "bladder": "emergency",
    "bowel": "emergency",
    "sex": "emergency",
    "serious-accident": "emergency",
    "one-leg-weakness": "today",
    "fever-unwell": "today",
    "weight-loss": "today",
    "night-pain": "today",
    "chest-pain": "emergency",
    "upper-back": "today",
    "minor-fall": "today",
    "cancer": "today",
    # NICE CKS (issue 22): alone, these need a GP within days, before any massage.
    "first-pain-age": "days",
    "steroids-weak-bones": "days",
    "cancer-past": "days",
    "spine-procedure-past": "days",
    "weak-immune": "today",
    "injecting-drugs": "today",
    "spine-procedure": "today",
    "getting-worse": "gp",
}


def flatten(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def handout() -> str:
    data = build_handout_pdf(CONTENT, Settings(emergency_number=NUMBER))
    return flatten("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


def test_every_sign_the_review_named_is_asked_at_its_level(content: Content) -> None:
    assert {f: content.red_flags.level_of(f) for f in FLAGS} == REVIEW_LEVELS


def test_the_review_wording_is_there(content: Content) -> None:
    texts = {f.id: f.text for f in content.red_flags.all_flags()}
    assert "tingling" in texts["saddle-numbness"]
    assert "wipe" in texts["wiping"]
    assert "erection" in texts["sex"] and "ejaculation" in texts["sex"]
    assert "not normal for you" in texts["bladder"] and "not normal for you" in texts["bowel"]
    assert all(w in texts["one-leg-weakness"] for w in ("drag", "slap", "catch"))
    assert "have had cancer" in texts["cancer"]
    assert "car crash" in texts["serious-accident"]
    assert "weak bones" in texts["minor-fall"]


@pytest.mark.parametrize("flag", FLAGS)
def test_a_sign_has_the_same_action_wherever_it_is_shown(
    content: Content, handout: str, flag: str
) -> None:
    red_flags = content.red_flags
    group = red_flags.group_of(flag)
    assert group is not None
    action = red_flags.action(group.level, NUMBER)
    heading = red_flags.heading(group, NUMBER)
    assert heading.startswith(action)
    text = next(f.text for f in group.flags if f.id == flag)

    # The box on every page (and the Sources & safety page): the heading, then the sign.
    box = red_flag_markdown(content, settings_help(content, Settings(emergency_number=NUMBER)))
    assert box.index(f"**{heading}**") < box.index(f"- {text}")
    # The handout: the same heading and sign.
    assert flatten(heading) in handout and flatten(text) in handout
    # The body map: every region that names the sign says the same action.
    for area in content.areas.areas:
        if flag in area.red_flags:
            panel = region_panel(content, f"{area.id}-left", NUMBER)
            assert panel is not None
            assert [s.heading for s in panel.urgent_signs if s.text == text] == [heading]
            # ...as the browser draws it: condition first, then the same action, in a "check
            # first" note (issue 22), before anything about massage.
            blocks = panel_blocks(panel_html(content, panel, None, "techniques"))
            ui = content.body_map.ui
            warning = ui.sign_if.format(sign=text, action=action)
            assert warning.index(text) < warning.index(action)
            box = blocks.index(("check", f"{ui.check_first}: {warning}"))
            assert box < blocks.index(("heading", content.body_map.ui.techniques))
    # The self-assessment's result: the level's message first (urgent levels only).
    result = evaluate(content, Answers(red_flags=frozenset({flag})))
    if red_flags.levels[group.level].urgent:
        title, _ = urgent_lines(content, result, NUMBER)[0]
        assert title == f"{action}."
    else:
        assert urgent_lines(content, result, NUMBER) == []


def test_a_sign_sits_under_its_own_heading_in_the_box(content: Content) -> None:
    box = red_flag_markdown(content, settings_help(content, Settings(emergency_number=NUMBER)))
    current = None
    for line in box.splitlines():
        if line.startswith("**"):
            current = line.strip("*")
        elif line.startswith("- "):
            group = content.red_flags.group_of(
                next(f.id for f in content.red_flags.all_flags() if f.text == line[2:])
            )
            assert group is not None and current == content.red_flags.heading(group, NUMBER)


def test_the_shin_and_calf_panels_name_new_or_worse_weakness(content: Content) -> None:
    for region in ("shin-left", "calf-right"):
        panel = region_panel(content, region, NUMBER)
        assert panel is not None
        assert any(
            s.heading.startswith("Get medical help today") and "weakness" in s.text
            for s in panel.urgent_signs
        )
