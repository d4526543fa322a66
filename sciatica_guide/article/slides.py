"""The presenter's slides: the article one section at a time, then the gentle movements one at a
time (issue 27, part 5). Pure functions, no Streamlit.

One step number runs through both ("present.step", STEP_KEY), so the projector's Previous and
Next, its arrow keys and a workshop room's shared step move through them alike. The movements
are those the guide shows with no answers: a room holds nothing about a person, so nobody's
self-assessment chooses what the projector shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from sciatica_guide.assessment.rules import Answers
from sciatica_guide.content import Content
from sciatica_guide.content.article import ArticleSection
from sciatica_guide.content.models import PresenterWords
from sciatica_guide.content.movement_models import Movement
from sciatica_guide.movements.plan import movement_plan


@dataclass(frozen=True)
class Slide:
    """One step of the presenter: an article section or a movement (exactly one of the two)."""

    section: ArticleSection | None
    movement: Movement | None
    #: Its place among the slides of its kind (from 1), and how many there are of that kind.
    number: int
    of: int

    def label(self, words: PresenterWords) -> str:
        """What the progress bar says: "Section 3 of 14", "Movement 2 of 5"."""
        template = words.step_label if self.movement is None else words.movement_label
        return template.format(number=self.number, total=self.of)

    @property
    def progress(self) -> float:
        return self.number / self.of


def room_movements(content: Content) -> tuple[Movement, ...]:
    """The movements a presenter shows: the plan for no answers (every movement, in order)."""
    return movement_plan(content, Answers()).shown


def slides(content: Content) -> tuple[Slide, ...]:
    """Every slide in order: the article's sections, then the movements."""
    sections = content.article.all_sections()
    movements = room_movements(content)
    return (
        *(Slide(s, None, i, len(sections)) for i, s in enumerate(sections, 1)),
        *(Slide(None, m, i, len(movements)) for i, m in enumerate(movements, 1)),
    )


def slide_count(content: Content) -> int:
    return len(content.article.all_sections()) + len(room_movements(content))


def slide_at(content: Content, step: int) -> Slide:
    """The slide at `step`, kept within the slides (a stale or odd step shows the nearest)."""
    shown = slides(content)
    return shown[min(max(step, 0), len(shown) - 1)]


def first_movement_step(content: Content) -> int:
    """The step of the first movement: right after the article's last section."""
    return len(content.article.all_sections())
