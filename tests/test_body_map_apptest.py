"""The Body map page run by AppTest: the list, ?region= and the session agree on one region."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from guide_testing.assessment_flow import answer_safety_none
from guide_testing.body_map_panel import (
    panel_heading,
    panel_links,
    panel_text,
    shown_blocks,
    shown_panel_html,
)
from sciatica_guide import APP_ROOT, session
from sciatica_guide.body_map.state import (
    LIST_KEY,
    NERVE_KEY,
    PANEL_KEY,
    ROOTS_KEY,
    VIEW_KEY,
)
from sciatica_guide.content import Content

PAGE = "app_pages/body_map.py"


def open_page(query: dict[str, str] | None = None, state: dict[str, Any] | None = None) -> AppTest:
    at = AppTest.from_file(str(APP_ROOT / "app.py"), default_timeout=60)
    # The first run registers the pages (st.navigation); then open the body map.
    at.run()
    for key, value in (query or {}).items():
        at.query_params[key] = value
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, at.exception
    return at


def region_param(at: AppTest) -> str | None:
    value = at.query_params.get("region")
    return value[-1] if isinstance(value, list) else value


def shown_in_order(at: AppTest) -> list[tuple[str, str]]:
    """(element type, text) of what the main area shows, top to bottom; the panel's blocks
    (drawn in the browser from the component's data) where the panel is."""
    found: list[tuple[str, str]] = []

    def walk(node: Any) -> None:
        for child in getattr(node, "children", {}).values():
            kind = getattr(child, "type", "")
            if kind in {"error", "markdown", "subheader", "info"}:
                found.append((kind, str(child.value)))
            elif getattr(child, "key", None) == PANEL_KEY:
                found.extend(shown_blocks(at))
            walk(child)

    walk(at.main)
    return found


def test_without_a_selection_the_page_invites_a_choice(content: Content) -> None:
    at = open_page()
    assert panel_heading(at) == []
    assert shown_blocks(at) == [("info", content.body_map.ui.prompt)]
    assert not at.info
    assert at.selectbox(key=LIST_KEY).value is None
    assert "region" not in at.query_params


@pytest.mark.parametrize("region_id", ["calf-left", "shin-right", "lower-back-right"])
def test_choosing_from_the_list_selects_everywhere(content: Content, region_id: str) -> None:
    at = open_page()
    at.selectbox(key=LIST_KEY).set_value(region_id).run()
    region = content.region(region_id)
    assert region is not None
    assert panel_heading(at) == [region.name]
    assert at.session_state[session.SELECTED_REGION] == region_id
    assert region_param(at) == region_id
    # The map turns to the view the region is drawn in.
    assert at.segmented_control(key=VIEW_KEY).value == region.view


def test_the_list_follows_a_selection_made_elsewhere() -> None:
    at = open_page(state={session.SELECTED_REGION: "foot-top-left"})
    assert at.selectbox(key=LIST_KEY).value == "foot-top-left"
    assert at.segmented_control(key=VIEW_KEY).value == "front"
    # A place chosen elsewhere (the self-assessment) is an answer: not put in the address.
    assert "region" not in at.query_params


@pytest.mark.parametrize("region_id", ["buttock-right", "sole-left", "side-thigh-left"])
def test_a_region_link_opens_with_that_region_selected(content: Content, region_id: str) -> None:
    at = open_page(query={"region": region_id})
    region = content.region(region_id)
    assert region is not None
    assert panel_heading(at) == [region.name]
    assert at.selectbox(key=LIST_KEY).value == region_id
    assert at.segmented_control(key=VIEW_KEY).value == region.view
    assert not at.info


def test_a_region_link_wins_over_an_older_choice_in_the_session() -> None:
    at = open_page(query={"region": "calf-right"}, state={session.SELECTED_REGION: "shin-left"})
    assert panel_heading(at) == ["Calf, your right"]


@pytest.mark.parametrize(
    "value", ["knee-left", "<script>alert(1)</script>", "x" * 500, "calf", "%00", "caLF--left!"]
)
def test_an_unknown_region_link_shows_a_friendly_notice(content: Content, value: str) -> None:
    at = open_page(query={"region": value})
    assert at.info[0].value == content.body_map.ui.unknown_region
    assert panel_heading(at) == []
    # The bad value is not kept in the address, and nothing of it is echoed on the page.
    assert "region" not in at.query_params
    assert all(value not in text for _, text in shown_in_order(at))


def test_an_unknown_link_keeps_a_choice_already_made() -> None:
    at = open_page(query={"region": "nope"}, state={session.SELECTED_REGION: "calf-left"})
    assert panel_heading(at) == ["Calf, your left"]
    assert "region" not in at.query_params


def test_the_calf_panel_shows_the_blood_clot_warning_above_the_techniques(
    content: Content,
) -> None:
    at = open_page(query={"region": "calf-left"})
    shown = shown_in_order(at)
    clot = content.precautions.precautions[0]
    assert clot.id == "calf-clot"
    warning = next(
        i
        for i, (kind, text) in enumerate(shown)
        if kind == "check" and text.startswith("Check first: If your calf is swollen")
    )
    techniques = next(
        i for i, (_, text) in enumerate(shown) if content.body_map.ui.techniques in text
    )
    assert warning < techniques


def test_the_panel_links_every_fitting_technique_to_the_techniques_page(
    content: Content,
) -> None:
    at = open_page(query={"region": "buttock-left"})
    texts = [text for _, text in shown_in_order(at)]
    for fit in content.area("buttock").techniques:
        technique = content.technique(fit.id)
        assert any(technique.name in t for t in texts)
        assert any(fit.how.split(".")[0] in t for t in texts)
    every = panel_links(shown_panel_html(at))
    # The urgent sign's call button (issue 23) is a tel: link; the movements' (issue 27) lead to
    # Beyond massage; the rest lead to techniques.
    others = [link for link in every if "data-technique" not in link]
    assert [link["href"] for link in others if "data-movement" not in link] == ["tel:995"]
    moves = [link for link in others if "data-movement" in link]
    assert [link["data-movement"] for link in moves] == [
        m.id for m in content.movements.for_area("buttock")
    ]
    assert {link["href"] for link in moves} == {content.page("beyond").url_path}
    links = [link for link in every if "data-technique" in link]
    assert [link["data-technique"] for link in links] == [
        fit.id for fit in content.area("buttock").techniques
    ]
    # A real link (a new tab opens the page); a plain click switches pages in the session.
    assert all(link["href"] == content.page("techniques").url_path for link in links)
    assert content.body_map.ui.not_diagnosis in "".join(texts)


def test_the_overlay_toggles_explain_the_root_areas(content: Content) -> None:
    at = open_page()
    assert not any(content.body_map.ui.roots_caption in c.value for c in at.caption)
    at.toggle(key=ROOTS_KEY).set_value(True).run()
    assert any(content.body_map.ui.roots_caption in c.value for c in at.caption)
    at.toggle(key=NERVE_KEY).set_value(True).run()
    assert not at.exception


def test_the_teaching_overlays_are_closed_for_patients_and_open_for_presenters(
    content: Content,
) -> None:
    heading = content.body_map.ui.overlays_heading
    for mode in ("standard", "clinic"):
        at = open_page({"mode": mode})
        [teaching] = [e for e in at.expander if e.label == heading]
        assert not teaching.proto.expanded, mode
        assert {t.key for t in teaching.toggle} == {NERVE_KEY, ROOTS_KEY}
    at = open_page({"mode": "presenter"})
    assert not [e for e in at.expander if e.label == heading]


def test_clear_person_forgets_the_selection_and_the_widgets() -> None:
    at = open_page(query={"region": "calf-left"})
    session.clear_person(at.session_state)
    assert session.SELECTED_REGION not in at.session_state
    assert LIST_KEY not in at.session_state


def test_clearing_the_list_clears_the_selection_and_the_link(content: Content) -> None:
    at = open_page(query={"region": "calf-left"})
    at.selectbox(key=LIST_KEY).set_value(None).run()
    assert panel_heading(at) == []
    assert region_param(at) is None
    assert at.session_state[session.SELECTED_REGION] is None


def test_presenter_mode_starts_with_both_overlays_on() -> None:
    at = open_page({"mode": "presenter"})
    assert at.toggle(key=NERVE_KEY).value is True
    assert at.toggle(key=ROOTS_KEY).value is True
    # Both views are shown side by side, so there is no view switch to make.
    assert not [g for g in at.get("button_group") if g.key == VIEW_KEY]
    # The presenter can still switch an overlay off, and it stays off.
    at.toggle(key=NERVE_KEY).set_value(False).run()
    at.run()
    assert at.toggle(key=NERVE_KEY).value is False
    assert at.toggle(key=ROOTS_KEY).value is True


def test_standard_mode_starts_with_both_overlays_off() -> None:
    at = open_page()
    assert at.toggle(key=NERVE_KEY).value is False
    assert at.toggle(key=ROOTS_KEY).value is False
    assert at.get("button_group")


def test_a_place_ticked_in_the_self_assessment_stays_out_of_the_address(
    content: Content,
) -> None:
    # Issue #12 part 6: the assessment's answers never reach the address bar (browser history).
    from sciatica_guide.assessment.state import where_key

    at = AppTest.from_file(str(APP_ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("app_pages/self_assessment.py").run()
    answer_safety_none(at, content)
    at.pills(key=where_key(at.session_state, "shin")).set_value(["left"]).run()
    at.button(key="continue-where").click().run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert panel_heading(at) == ["Shin, your left"]
    assert "region" not in at.query_params
    # Choosing on the body map itself still gives an address that can be shared.
    at.selectbox(key=LIST_KEY).set_value("calf-right").run()
    assert region_param(at) == "calf-right"


# --- technique marks (issue 17): the panel says in words what the map draws ----------------------
def _markdown_text(at: AppTest) -> str:
    return panel_text(at)


def test_the_panel_says_each_mark_in_words(content: Content) -> None:
    at = open_page({"region": "buttock-left"})
    text = _markdown_text(at)
    ui = content.technique_marks.ui
    for entry in (m for m in content.technique_marks.marks if m.area == "buttock"):
        for mark in entry.marks:
            assert mark.text in text, mark.text
    assert ui.spot_note in text
    assert ui.near_nerve in text


def test_answers_that_rule_a_technique_out_are_said_in_the_panel(content: Content) -> None:
    from sciatica_guide.assessment.state import ANSWERS

    at = open_page({"region": "calf-right"}, {ANSWERS: {"precautions": ["blood-thinners"]}})
    text = _markdown_text(at)
    calf_strokes = content.technique_marks.for_pair("calf", "deep-tissue")
    assert calf_strokes is not None
    assert calf_strokes.marks[0].text not in text
    assert "Deep tissue massage is not drawn here, because of your answers" in text
    # The technique that is still allowed keeps its words.
    stretch = content.technique_marks.for_pair("calf", "myofascial-release")
    assert stretch is not None and stretch.marks[0].text in text
