"""Model of movements.yaml: the gentle movements the guide shows (issue 27), each with plain
steps, a dose and when to stop, the body map areas it fits, and what a self-assessment answer
takes away."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from sciatica_guide.content.base import Id, Strict
from sciatica_guide.content.placeholders import Placeholders

#: The moving pictures the guide can draw (sciatica_guide/movements/figure.py draws each).
FigureId = Literal["walking", "knee-rolls", "pelvic-tilt", "knee-hug", "bottom-to-heels"]


class MovementsUi(Strict):
    heading: str
    intro: str
    stop_heading: str
    steps_label: str
    dose_label: str
    stop_label: str
    #: The picture's text name; "{name}" is the movement's name.
    picture_label: Annotated[str, Placeholders("name")]
    #: Under the pictures when the device asks for less motion (still frames 1 and 2).
    still_note: str
    #: Why only the gentlest show (strong or new leg pain; the short words: panel_gentlest).
    gentlest: str
    #: Why only the gentlest show (an answer means a GP first, before any massage; the short
    #: words: panel_gentlest_gp).
    gentlest_gp_first: str
    #: In place of every movement while the result asks a possible urgent sign again.
    held: str
    #: In place of every movement when an answer is an urgent sign.
    urgent: Annotated[str, Placeholders("action")]
    #: "{names}": the movements an answer took away.
    left_out: Annotated[str, Placeholders("names")]
    from_answers: str
    none_left: str
    #: The body map panel's section: its heading, and what it says in place of the list when
    #: an answer is urgent, or above it when only the gentlest are listed.
    panel_heading: str
    panel_urgent: str
    panel_gentlest: str
    panel_gentlest_gp: str
    #: The self-assessment's summary to take away: its movements' heading, and where the steps
    #: and pictures are (the summary lists only names).
    summary_heading: str
    summary_how: str


class Movement(Strict):
    id: Id
    name: str
    figure: FigureId
    summary: str
    steps: list[str] = Field(min_length=1, max_length=4)
    dose: str
    stop_if: list[str] = Field(min_length=1)
    #: One of the gentlest: still shown when the leg pain is strong or new.
    gentle: bool
    #: Body map areas (areas.yaml) it fits.
    areas: list[Id] = Field(min_length=1)
    sources: list[Id] = Field(min_length=1)


class MovementPrecaution(Strict):
    """What one self-assessment precaution takes away, and why, in plain words."""

    precaution: Id
    rules_out: list[Id] = Field(min_length=1)
    why: str
    sources: list[Id] = Field(min_length=1)


class MovementsFile(Strict):
    ui: MovementsUi
    #: When to stop any movement: shown open, once, above them.
    stop_signs: list[str] = Field(min_length=1)
    stop_sources: list[Id] = Field(min_length=1)
    movements: list[Movement] = Field(min_length=1)
    precautions: list[MovementPrecaution] = []

    def movement(self, movement_id: str) -> Movement | None:
        return next((m for m in self.movements if m.id == movement_id), None)

    def for_area(self, area_id: str) -> list[Movement]:
        """The movements that fit a body map area, in the file's order."""
        return [m for m in self.movements if area_id in m.areas]


#: Why a plan shows only the gentlest movements: strong or new pain, or a GP first.
GentlestReason = Literal["pain", "gp-first"]


def gentlest_words(ui: MovementsUi, reason: GentlestReason, *, short: bool = False) -> str:
    """What to say about `reason`: the page's sentence, or (`short`) the panel's."""
    if reason == "pain":
        return ui.panel_gentlest if short else ui.gentlest
    return ui.panel_gentlest_gp if short else ui.gentlest_gp_first
