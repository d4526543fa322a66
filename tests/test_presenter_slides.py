"""The presenter's slides (issue 27, part 5): the article's sections, then the gentle movements,
one step number through both; what a room shares of them and where "Read on my own" goes."""

from __future__ import annotations

from sciatica_guide.article.slides import (
    first_movement_step,
    room_movements,
    slide_at,
    slide_count,
    slides,
)
from sciatica_guide.assessment.rules import Answers
from sciatica_guide.content import Content
from sciatica_guide.movements.plan import movement_plan
from sciatica_guide.movements.view import movement_parts
from sciatica_guide.workshop.follow import (
    MOVEMENTS_PAGE,
    SharedView,
    page_for_step,
    read_view,
    shared_view,
)


def test_the_movements_follow_the_articles_sections_one_at_a_time(content: Content) -> None:
    sections = content.article.all_sections()
    movements = content.movements.movements
    shown = slides(content)
    assert slide_count(content) == len(shown) == len(sections) + len(movements)
    assert [s.section for s in shown[: len(sections)]] == sections
    assert all(s.movement is None for s in shown[: len(sections)])
    assert [s.movement for s in shown[len(sections) :]] == movements
    assert all(s.section is None for s in shown[len(sections) :])
    assert first_movement_step(content) == len(sections)
    assert slide_at(content, len(sections)).movement == movements[0]


def test_each_slide_says_where_it_is_among_its_kind(content: Content) -> None:
    words = content.modes.presenter
    sections, movements = content.article.all_sections(), content.movements.movements
    first = slide_at(content, 0)
    assert first.label(words) == words.step_label.format(number=1, total=len(sections))
    assert first.progress == 1 / len(sections)
    last_section = slide_at(content, len(sections) - 1)
    assert last_section.label(words) == f"Section {len(sections)} of {len(sections)}"
    second_movement = slide_at(content, len(sections) + 1)
    assert second_movement.label(words) == f"Movement 2 of {len(movements)}"
    assert second_movement.progress == 2 / len(movements)
    assert slide_at(content, slide_count(content) - 1).progress == 1


def test_a_stale_or_odd_step_shows_the_nearest_slide(content: Content) -> None:
    assert slide_at(content, -3) == slide_at(content, 0)
    assert slide_at(content, 10_000) == slides(content)[-1]


def test_the_room_is_shown_every_movement_chosen_by_no_ones_answers(content: Content) -> None:
    # The plan for no answers: every movement, in the file's order. Nothing about a person.
    assert room_movements(content) == tuple(content.movements.movements)
    assert room_movements(content) == movement_plan(content, Answers()).shown


def test_a_room_shares_a_movement_as_its_step_and_checks_it(content: Content) -> None:
    pages = [p.id for p in content.pages.pages]
    total = slide_count(content)
    step = first_movement_step(content) + 2
    view = shared_view("present", step=step)
    assert view.as_dict() == {**SharedView("present").as_dict(), "step": step}
    assert read_view(view.as_dict(), pages, total, []) == view
    # Past the last movement: the first slide, never an error.
    assert read_view({"page": "present", "step": total}, pages, total, []) == SharedView("present")


def test_read_on_my_own_opens_beyond_massage_for_a_movement(content: Content) -> None:
    sections = content.article.all_sections()
    assert page_for_step(content, len(sections) - 1) == "beyond"
    assert MOVEMENTS_PAGE == "beyond"
    for step in range(len(sections), slide_count(content)):
        assert page_for_step(content, step) == MOVEMENTS_PAGE
    assert page_for_step(content, slide_count(content)) == "overview"
    assert page_for_step(content, -1) == "overview"


def test_the_card_is_its_parts_in_the_pages_order(content: Content) -> None:
    # One set of parts: Beyond massage's card and the projector's slide draw the same strings.
    movement = content.movements.movements[1]
    parts = movement_parts(content, movement)
    card = parts.card()
    order = [parts.figure, parts.summary, parts.steps, parts.dose, parts.stop, parts.sources]
    positions = [card.index(part) for part in order]
    assert positions == sorted(positions)
    for text in (*movement.steps, movement.dose, *movement.stop_if):
        assert text in card
