"""Models of assessment.yaml: every question, option, band and result text of the
self-assessment."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from sciatica_guide.content.base import Id, Strict
from sciatica_guide.content.placeholders import Placeholders


# --- assessment.yaml ----------------------------------------------------------------------------
class AssessmentButtons(Strict):
    continue_: str = Field(alias="continue", min_length=1)
    back: str
    check: str
    see_result: str
    clear: str
    change_answers: str
    download_pdf: str
    download_text: str


class AssessmentWords(Strict):
    and_: str = Field(alias="and", min_length=1)
    list_separator: str
    area_sides: Annotated[str, Placeholders("area", "sides")]
    both_sides: str
    not_answered: str
    none: str


class SafetyQuestion(Strict):
    """One list of signs with its own "None of these": a red flag group, or part of one."""

    id: Id
    group: Id
    #: The group's signs this question asks, in the group's order; empty means all of them.
    flags: list[Id] = []
    question: str
    none: str


class SafetyScreen(Strict):
    id: Id
    questions: list[SafetyQuestion] = Field(min_length=1)


class SafetyStep(Strict):
    title: str
    intro: str
    screens: list[SafetyScreen] = Field(min_length=1)
    error: str

    @property
    def questions(self) -> list[SafetyQuestion]:
        return [q for screen in self.screens for q in screen.questions]


class WhereStep(Strict):
    title: str
    hint: str
    error: str


class Question(Strict):
    question: str
    hint: str | None = None


class Option(Strict):
    id: Id
    label: str
    result_note: str | None = None
    sources: list[Id] = []
    #: Choosing this option adds "see a GP or physiotherapist" to the result.
    see_gp: bool = False


class ChoiceQuestion(Question):
    options: list[Option] = Field(min_length=2)

    def option(self, option_id: str | None) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


HowMuchField = Literal["back_pain", "leg_pain", "duration", "pressure", "activities"]


class HowMuchScreen(Strict):
    id: Id
    #: The screen's own heading; the step's title when left out.
    title: str | None = None
    asks: list[HowMuchField] = Field(min_length=1)


class HowMuchStep(Strict):
    title: str
    screens: list[HowMuchScreen] = Field(min_length=1)
    back_pain: Question
    leg_pain: Question
    duration: ChoiceQuestion
    pressure: ChoiceQuestion
    activities: ChoiceQuestion
    error: str


class SbiScale(Strict):
    min: int
    max: int
    min_label: str
    max_label: str


class SbiItem(Strict):
    id: Id
    text: str


class BotherStep(Strict):
    title: str
    question: str
    hint: str
    scale: SbiScale
    items: list[SbiItem] = Field(min_length=1)
    about: str
    sources: list[Id] = Field(min_length=1)
    error: str


class HealthScreen(Strict):
    id: Id
    precautions: list[Id] = Field(min_length=1, max_length=6)


class HealthStep(Strict):
    title: str
    question: str
    hint: str
    screens: list[HealthScreen] = Field(min_length=1)
    #: Precautions not asked here: the first questions ask the urgent sign each one stands for
    #: (its red_flag in precautions.yaml), with the same result, so no question is asked twice.
    asked_as_signs: list[Id] = []
    none: str
    error: str

    @property
    def precautions(self) -> list[str]:
        """Every precaution asked, in screen order."""
        return [p for screen in self.screens for p in screen.precautions]


class AssessmentSteps(Strict):
    safety: SafetyStep
    where: WhereStep
    how_much: HowMuchStep
    bother: BotherStep
    health: HealthStep


class PainBand(Strict):
    id: Id
    label: str
    min: int = Field(ge=0, le=10)
    max: int = Field(ge=0, le=10)
    #: A score in this band adds "see a GP or physiotherapist" to the result.
    see_gp: bool = False


class PainBands(Strict):
    bands: list[PainBand] = Field(min_length=1)
    note: str
    sources: list[Id] = Field(min_length=1)


class CheckTexts(Strict):
    title: str
    intro: str
    safety: str
    where: str
    back_pain: str
    leg_pain: str
    duration: str
    pressure: str
    activities: str
    bother: str
    health: str
    score: Annotated[str, Placeholders("score", "max")]
    #: Step id -> the label of its "Change" button.
    change: dict[str, str]


class UrgentTexts(Strict):
    # The message of each level is red_flags.yaml's: one message per level, everywhere.
    you_ticked: str
    no_massage: str
    #: For an answer that may be an urgent sign; holds {answer}, {action} and {sign}.
    possible_sign: Annotated[str, Placeholders("answer", "action", "sign")]


class WeaknessCheck(Strict):
    """Asks the weakness sign again when weakness bothers the person a lot."""

    #: The bothersomeness item (steps.bother.items id) and the sign (red_flags.yaml flag id).
    item: Id
    flag: Id
    title: str
    text: str
    button: str


class Recheck(Strict):
    """An emergency sign asked again on the result, when other answers hint at it (two legs
    chosen, numbness). "Yes" ticks the sign; until "No", no massage is suggested."""

    id: Id
    #: The sign (red_flags.yaml flag id) that "Yes" ticks.
    flag: Id
    #: Areas (areas.yaml ids): asked when places among them were chosen on both sides.
    both_sides_of: list[Id] = []
    #: Bother items (steps.bother.items ids): asked when any is scored above 0.
    items_above_0: list[Id] = []
    #: Precautions (precautions.yaml ids): asked when any is ticked.
    precautions: list[Id] = []
    title: str
    text: str
    button_yes: str
    button_no: str
    #: Said in the result after "No".
    answered_no: str


class IrritableNerve(Strict):
    """When strong or new leg pain applies a precaution (one with from_answers) by itself."""

    precaution: Id
    leg_pain_from: int = Field(ge=1, le=10)
    #: A duration option id: leg pain in these weeks, at least as bad as back pain, counts too.
    early_duration: Id


class SafetyNetGroup(Strict):
    """Signs of one level to watch for: the level's action (red_flags.yaml), then the signs."""

    level: Literal["emergency", "today"]
    #: Red flag ids, said in red_flags.yaml's words.
    flags: list[Id] = Field(min_length=1)
    #: Early signs said only here (for example early bladder signs).
    extra: list[str] = []


class SafetyNet(Strict):
    """What to watch for after a result without an urgent sign, on screen and in the summary."""

    heading: str
    intro: str
    #: After each level's action: "if any of these start:".
    when: str
    groups: list[SafetyNetGroup] = Field(min_length=1)
    #: The summary's date line: "{date}".
    dated: Annotated[str, Placeholders("date")]
    sources: list[Id] = Field(min_length=1)


#: Why the result may say "see a GP or physiotherapist soon" (the rules decide which apply).
GP_REASONS: tuple[str, ...] = ("pain", "duration", "bother", "activities")


class SeeGpTexts(Strict):
    heading: str
    intro: str
    #: Reason key ("pain", "duration", "bother", "activities") -> its line.
    reasons: dict[str, str]
    sources: list[Id] = Field(min_length=1)


class TellTexts(Strict):
    where: Annotated[str, Placeholders("value")]
    back_pain: Annotated[str, Placeholders("value")]
    leg_pain: Annotated[str, Placeholders("value")]
    duration: Annotated[str, Placeholders("value")]
    pressure: Annotated[str, Placeholders("value")]
    bothersome: Annotated[str, Placeholders("value")]
    health: Annotated[str, Placeholders("value")]
    always: str


class ChartTexts(Strict):
    title: str
    pain_axis: str
    sbi_axis: str
    alt: str


class ResultTexts(Strict):
    title: str
    urgent: UrgentTexts
    weakness_check: WeaknessCheck
    rechecks: list[Recheck] = Field(min_length=1)
    #: In place of massage while a re-check is not answered.
    recheck_first: str
    irritable_nerve: IrritableNerve
    safety_net: SafetyNet
    see_gp: SeeGpTexts
    same_day_title: str
    postpone_title: str
    #: The closed part of the result that holds the scores and their bars.
    details: str
    pain_heading: str
    pain_line: Annotated[str, Placeholders("what", "score", "band")]
    back_pain: str
    leg_pain: str
    duration_line: Annotated[str, Placeholders("duration")]
    sbi_heading: str
    sbi_line: Annotated[str, Placeholders("total")]
    sbi_bothersome: Annotated[str, Placeholders("items")]
    sbi_bothersome_sources: list[Id]
    sbi_note: str
    sbi_note_sources: list[Id]
    techniques_heading: str
    techniques_intro: str
    may_suit: str
    not_now: str
    because: str
    nothing_here: str
    no_massage: str
    advice_heading: str
    combine_heading: str
    combine: list[str] = Field(min_length=1)
    combine_note: str
    combine_sources: list[Id] = Field(min_length=1)
    tell_heading: str
    tell_intro: str
    tell: TellTexts
    chart: ChartTexts
    downloads_heading: str
    downloads_intro: str


class SummaryTexts(Strict):
    title: str
    file_stem: str
    #: Under the title: the day the summary was made ("{date}", never the time of day).
    made_on: Annotated[str, Placeholders("date")]
    made_by: str
    urgent_heading: str
    answers_heading: str
    techniques_heading: str
    care_heading: str
    combine_heading: str
    sources_heading: str
    #: After the sources' short names: where the full list is.
    sources_note: str


class AssessmentFile(Strict):
    intro: str
    privacy: str
    progress: Annotated[str, Placeholders("step", "total")]
    cleared: str
    buttons: AssessmentButtons
    words: AssessmentWords
    steps: AssessmentSteps
    pain_bands: PainBands
    check: CheckTexts
    result: ResultTexts
    summary: SummaryTexts
