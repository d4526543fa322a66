"""The body map panel links each region to the gentle movements that fit it (issue 27), after
the same gates as Beyond massage: an urgent sign lists none, strong or new pain the gentlest,
and a precaution takes away what it rules out."""

from __future__ import annotations

from sciatica_guide.assessment.rules import Answers
from sciatica_guide.body_map.panel import (
    PanelMovement,
    PanelMovements,
    panel_movements,
    region_panel,
    region_text,
)
from sciatica_guide.body_map.panel_html import movements_html, panel_html
from sciatica_guide.body_map.shown_view import movements_markdown
from sciatica_guide.content import Content

NUMBER = "995"


def ids(content: Content, area: str, answers: Answers | None = None) -> list[str]:
    return [m.id for m in panel_movements(content, area, answers).movements]


def test_each_area_lists_the_movements_that_fit_it(content: Content) -> None:
    for area in content.areas.areas:
        expected = [m.id for m in content.movements.for_area(area.id)]
        assert ids(content, area.id) == expected, area.id
        assert panel_movements(content, area.id, None).note is None
    assert ids(content, "calf") == ["walking"]
    assert {"knee-rolls", "pelvic-tilt"} <= set(ids(content, "lower-back"))


def test_an_urgent_sign_lists_no_movement_and_says_why(content: Content) -> None:
    answers = Answers(red_flags=frozenset({"saddle-numbness"}))
    shown = panel_movements(content, "lower-back", answers)
    assert shown.movements == ()
    assert shown.note == content.movements.ui.panel_urgent


def test_strong_pain_lists_only_the_gentlest_with_why(content: Content) -> None:
    answers = Answers(back_pain=9, leg_pain=8)
    shown = panel_movements(content, "lower-back", answers)
    gentle = {m.id for m in content.movements.movements if m.gentle}
    assert shown.movements and {m.id for m in shown.movements} <= gentle
    assert "bottom-to-heels" not in ids(content, "lower-back", answers)
    assert shown.note == content.movements.ui.panel_gentlest


def test_a_question_asked_again_lists_no_movement_and_says_why(content: Content) -> None:
    answers = Answers(back_pain=3, leg_pain=2, sbi={"numbness": 3})
    shown = panel_movements(content, "lower-back", answers)
    assert shown.movements == () and shown.note == content.movements.ui.held


def test_a_gp_first_sign_lists_the_gentlest_with_why(content: Content) -> None:
    answers = Answers(back_pain=3, leg_pain=2, red_flags=frozenset({"first-pain-age"}))
    shown = panel_movements(content, "lower-back", answers)
    assert shown.note == content.movements.ui.panel_gentlest_gp
    assert all(m.id != "bottom-to-heels" for m in shown.movements)


def test_pregnancy_takes_away_what_it_rules_out(content: Content) -> None:
    answers = Answers(back_pain=3, leg_pain=2, precautions=frozenset({"pregnancy"}))
    assert ids(content, "lower-back", answers) == ["walking", "bottom-to-heels"]


def test_the_panel_links_each_movement_to_beyond_massage(content: Content) -> None:
    panel = region_panel(content, "buttock-left", NUMBER)
    assert panel is not None
    html = panel_html(content, panel, None, "/techniques")
    beyond = content.page("beyond").url_path
    for movement_id in ids(content, "buttock"):
        assert f'href="{beyond}" data-movement="{movement_id}"' in html
    # After the massage, never before the urgent signs.
    assert html.index(content.movements.ui.panel_heading) > html.index("data-technique")


def test_a_phone_following_a_room_is_told_the_same_movements(content: Content) -> None:
    text = region_text(content, "buttock-left", NUMBER, Answers(back_pain=9))
    assert text is not None
    words = movements_markdown(text.movements)
    assert content.movements.ui.panel_gentlest in words
    for movement in text.movements.movements:
        assert movement.name in words


def test_hostile_movement_words_stay_text(content: Content) -> None:
    # The loader refuses markup in content; the drawings escape anyway (a string could come
    # from elsewhere one day).
    hostile = "<img src=x onerror=alert(1)> *[x](javascript:alert(1))*"
    shown = PanelMovements(hostile, hostile, (PanelMovement('x" onclick="1', hostile, hostile),))
    html = movements_html(content, shown)
    assert "<img" not in html and "&lt;img src=x" in html
    assert 'data-movement="x&quot; onclick=&quot;1"' in html
    markdown = movements_markdown(shown)
    # Escaped for Markdown: every bracket and angle is a literal character.
    assert markdown.count("<") == markdown.count("\\<") and markdown.count("](") == markdown.count(
        "\\]("
    )
