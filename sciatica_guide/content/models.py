"""Pydantic models of every content file. Unknown fields are errors, so typos are caught at load."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl

from sciatica_guide.content.article import Article

Id = str  # a kebab-case identifier; its pattern is enforced where ids are defined
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Placeholders:
    """Marks a text field that may hold these {placeholders}; the loader checks every text at
    load, and a text without this mark may hold none (a stray brace is a content error)."""

    def __init__(self, *names: str) -> None:
        self.names = frozenset(names)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- sources.yaml -------------------------------------------------------------------------------
class Source(Strict):
    id: Id = Field(pattern=ID_PATTERN)
    short: str = Field(min_length=1)
    citation: str = Field(min_length=1)
    url: HttpUrl | None = None
    note: str | None = None


class SourcesFile(Strict):
    sources: list[Source] = Field(min_length=1)


# --- site.yaml ----------------------------------------------------------------------------------
class Review(Strict):
    last_reviewed: dt.date
    next_review_due: dt.date
    reviewed_by: str


class Disclaimer(Strict):
    short: str = Field(min_length=1)
    full: str = Field(min_length=1)


class ArticleMeta(Strict):
    title: str
    publisher: str
    date: str
    source: Id


class SiteFile(Strict):
    name: str = Field(min_length=1)
    tagline: str
    review: Review
    disclaimer: Disclaimer
    attribution: Annotated[str, Placeholders("title", "publisher", "date")]
    article: ArticleMeta
    labels: dict[str, str]


# --- red_flags.yaml -----------------------------------------------------------------------------
class RedFlag(Strict):
    id: Id = Field(pattern=ID_PATTERN)
    text: str = Field(min_length=1)


#: How urgent a sign is: "emergency" (now), "today" (same day) or "gp" (soon, not urgent).
Level = Literal["emergency", "today", "gp"]
#: Most urgent first.
LEVEL_ORDER: tuple[Level, ...] = ("emergency", "today", "gp")


class RedFlagLevel(Strict):
    """One message per level, used wherever a sign of that level is shown or asked."""

    #: What to do, first; may hold {emergency_number}.
    action: Annotated[str, Placeholders("emergency_number")] = Field(min_length=1)
    #: What the self-assessment's result says under the action; may hold {emergency_number}.
    advice: Annotated[str, Placeholders("emergency_number")] = Field(min_length=1)
    #: True when a sign of this level means no massage at all.
    urgent: bool


class RedFlagGroup(Strict):
    id: Id = Field(pattern=ID_PATTERN)
    level: Level
    #: The end of the heading, after the level's action ("if you have:").
    when: str = Field(min_length=1)
    why: str
    sources: list[Id] = Field(min_length=1)
    flags: list[RedFlag] = Field(min_length=1)


class RedFlagsFile(Strict):
    title: str
    intro: str
    emergency_number_fallback: str
    levels: dict[Level, RedFlagLevel]
    groups: list[RedFlagGroup] = Field(min_length=1)

    def all_flags(self) -> list[RedFlag]:
        return [flag for group in self.groups for flag in group.flags]

    def emergency_number_text(self, configured: str | None) -> str:
        """The configured emergency number, or the content's words for it when none is set."""
        return configured or self.emergency_number_fallback

    def action(self, level: Level, number: str) -> str:
        """What to do for a sign of this level, with the emergency number filled in."""
        return self.levels[level].action.format(emergency_number=number)

    def heading(self, group: RedFlagGroup, number: str) -> str:
        """A group's heading: its level's action, then when it applies."""
        return f"{self.action(group.level, number)} {group.when}"

    def group_of(self, flag_id: str) -> RedFlagGroup | None:
        return next((g for g in self.groups if any(f.id == flag_id for f in g.flags)), None)

    def level_of(self, flag_id: str) -> Level:
        """The level of a sign's group (KeyError for an unknown sign)."""
        group = self.group_of(flag_id)
        if group is None:
            raise KeyError(flag_id)
        return group.level


# --- areas.yaml ---------------------------------------------------------------------------------
Side = Literal["left", "right"]
View = Literal["back", "front"]


#: Nerve roots whose typical areas the body map can show.
Root = Literal["L4", "L5", "S1"]


class AreaTechnique(Strict):
    """A technique that fits an area, and how a therapist uses it there."""

    id: Id
    how: str = Field(min_length=1)


class Area(Strict):
    id: Id = Field(pattern=ID_PATTERN)
    view: View
    name: str = Field(min_length=1)
    #: What is there, in plain words (the same for your left and your right).
    description: str = Field(min_length=1)
    muscles: list[str] = Field(min_length=1)
    #: The nerve roots whose typical areas include this area, and how sciatica shows up here.
    roots: list[Root] = Field(min_length=1)
    typical: str = Field(min_length=1)
    techniques: list[AreaTechnique] = Field(min_length=1)
    #: Precautions (precautions.yaml ids) that matter most here; same-day ones are shown first.
    precautions: list[Id] = []
    #: Urgent-help signs (red_flags.yaml flag ids) that concern this area.
    red_flags: list[Id] = []
    #: Care that belongs to this area only.
    care: list[str] = []
    sources: list[Id] = Field(min_length=1)


class Region(Strict):
    """One side of one area: what a person taps on the body map or ticks in the list."""

    id: Id
    area: Id
    side: Side
    view: View
    name: str


class AreasFile(Strict):
    sides: dict[Side, str]
    region_name: Annotated[str, Placeholders("area", "side")]
    areas: list[Area] = Field(min_length=1)

    def regions(self) -> list[Region]:
        """Every region, area by area, your left before your right."""
        return list(self._region_index()[0])

    def region(self, region_id: str) -> Region | None:
        return self._region_index()[1].get(region_id)

    def _region_index(self) -> tuple[tuple[Region, ...], dict[str, Region]]:
        # Built on each call: about 0.03 ms for every region (benchmarks/build_costs.py).
        regions = tuple(
            Region(
                id=f"{area.id}-{side}",
                area=area.id,
                side=side,
                view=area.view,
                name=self.region_name.format(area=area.name, side=self.sides[side]),
            )
            for area in self.areas
            for side in ("left", "right")
        )
        return regions, {r.id: r for r in regions}


# --- body_map.yaml ------------------------------------------------------------------------------
Point = tuple[float, float]


class ViewBox(Strict):
    width: float = Field(gt=0)
    height: float = Field(gt=0)


class Ellipse(Strict):
    cx: float
    cy: float
    rx: float = Field(gt=0)
    ry: float = Field(gt=0)


class Figure(Strict):
    """A person's silhouette in one view: a head and one smooth outline through the points."""

    view: View
    head: Ellipse
    outline: list[Point] = Field(min_length=3)
    #: Thin lines that help people tell the views apart (spine, kneecaps, toes): open curves.
    details: list[list[Point]] = []


class RegionOutline(Strict):
    """Where one region (area and side) is drawn: a closed smooth outline through the points."""

    region: Id
    points: list[Point] = Field(min_length=3)
    #: Where the region's name is written when it is selected.
    label_at: Point


class NervePath(Strict):
    view: View
    side: Side
    points: list[Point] = Field(min_length=2)


class RootArea(Strict):
    """A typical area of one nerve root on one side, for the educator overlay."""

    root: Root
    view: View
    side: Side
    points: list[Point] = Field(min_length=3)
    label_at: Point


class BodyMapUi(Strict):
    """Every word the body map page shows, apart from the region facts in areas.yaml."""

    views: dict[View, str]
    view_control: str
    map_name: Annotated[str, Placeholders("view")]
    viewer_side: dict[Literal["left", "right"], Annotated[str, Placeholders("side")]]
    list_label: str
    list_placeholder: str
    list_view_suffix: Annotated[str, Placeholders("view")]
    overlays_heading: str
    overlay_nerve: str
    overlay_roots: str
    legend_nerve: str
    legend_nerve_short: str
    legend_roots: dict[Root, str]
    not_diagnosis: str
    roots_caption: str
    prompt: str
    unknown_region: str
    what_is_here: str
    muscles: str
    sciatica_here: str
    roots_line: Annotated[str, Placeholders("roots")]
    take_care: str
    techniques: str
    techniques_note: str
    read_more: Annotated[str, Placeholders("technique")]
    sources: str
    share: Annotated[str, Placeholders("name")]


class BodyMapFile(Strict):
    view_box: ViewBox
    figures: list[Figure] = Field(min_length=2, max_length=2)
    outlines: list[RegionOutline] = Field(min_length=1)
    nerve: list[NervePath] = []
    root_areas: list[RootArea] = []
    ui: BodyMapUi

    def figure(self, view: View) -> Figure:
        return next(f for f in self.figures if f.view == view)

    def outline(self, region_id: Id) -> RegionOutline | None:
        return next((o for o in self.outlines if o.region == region_id), None)


# --- precautions.yaml ---------------------------------------------------------------------------
class RuleOut(Strict):
    """Removes techniques (all when None) from areas (all chosen areas when None)."""

    techniques: list[Id] | None = None
    areas: list[Id] | None = None


class RedFlagLink(Strict):
    """An answer that is really an urgent-help sign: always that sign when `areas` is None,
    otherwise only perhaps, when one of those areas hurts."""

    flag: Id
    areas: list[Id] | None = None


class Precaution(Strict):
    id: Id = Field(pattern=ID_PATTERN)
    label: str = Field(min_length=1)
    #: May hold {emergency_number}: read it through advice_text().
    advice: Annotated[str, Placeholders("emergency_number")] = Field(min_length=1)
    same_day_advice: bool = False
    postpone: bool = False
    red_flag: RedFlagLink | None = None
    rules_out: list[RuleOut] = []
    sources: list[Id] = Field(min_length=1)

    def advice_text(self, emergency_number: str) -> str:
        return self.advice.format(emergency_number=emergency_number)


class PrecautionsFile(Strict):
    sources_default: list[Id] = []
    precautions: list[Precaution] = Field(min_length=1)


# --- techniques.yaml ----------------------------------------------------------------------------
class Technique(Strict):
    id: Id = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    article_section: str
    what_it_does: str = Field(min_length=1)
    feels_like: str = Field(min_length=1)
    may_suit: str = Field(min_length=1)
    evidence_level: str = Field(min_length=1)
    evidence: str = Field(min_length=1)
    common_effects: str = Field(min_length=1)
    sources: list[Id] = Field(min_length=1)


class TechniquesFile(Strict):
    techniques: list[Technique] = Field(min_length=1)


# --- evidence.yaml ------------------------------------------------------------------------------
class EvidenceNote(Strict):
    section: str
    text: str = Field(min_length=1)
    sources: list[Id] = Field(min_length=1)


class EvidencePoint(Strict):
    text: str = Field(min_length=1)
    sources: list[Id] = Field(min_length=1)


class EvidenceFile(Strict):
    summary: list[EvidencePoint] = Field(min_length=1)
    notes: list[EvidenceNote]


# --- pages.yaml ---------------------------------------------------------------------------------
class PageSpec(Strict):
    id: Id = Field(pattern=ID_PATTERN)
    script: str = Field(pattern=r"^[a-z0-9_]+\.py$")
    title: str = Field(min_length=1)
    url_path: str = Field(pattern=ID_PATTERN)
    icon: str | None = None
    default: bool = False
    lead: str | None = None
    article_sections: list[str] = []
    #: Modes the page is shown in; empty means every mode.
    modes: list[Literal["standard", "clinic", "presenter"]] = []

    @property
    def link_path(self) -> str:
        """The path people open: the default page lives at the app's root."""
        return "" if self.default else self.url_path


class PagesFile(Strict):
    pages: list[PageSpec] = Field(min_length=1)


# --- modes.yaml ---------------------------------------------------------------------------------
class ClinicWords(Strict):
    start_over: str
    start_over_help: str
    contact_prefix: str
    idle_notice: str


class PresenterWords(Strict):
    page_title: str
    page_lead: str
    step_label: Annotated[str, Placeholders("number", "total")]
    previous: str
    next: str
    qr_heading: str
    qr_caption: Annotated[str, Placeholders("url")]


class WorkshopWords(Strict):
    """Workshop rooms: the presenter's panel, the join page and the phones' banner."""

    heading: str
    start: str
    start_help: str
    join_heading: str
    #: "{url}" is the join address, "{code}" the room code.
    join_caption: Annotated[str, Placeholders("url", "code")]
    localhost_hint: str
    no_address_hint: str
    #: "{count}" is the number of phones.
    phones: Annotated[str, Placeholders("count")]
    show_code: str
    hide_code: str
    end: str
    end_help: str
    ended_presenter: str
    expired_presenter: str
    #: "{setting}", "{address}" and "{cause}" are filled in; shown to the presenter only.
    unavailable_presenter: Annotated[str, Placeholders("setting", "address", "cause")]
    join_lead: str
    code_input: str
    code_placeholder: str
    join_button: str
    start_page_prompt: str
    #: "{code}" is the room code.
    following: Annotated[str, Placeholders("code")]
    read_alone: str
    back: str
    leave: str
    away: Annotated[str, Placeholders("code")]
    bad_code: str
    unknown_room: str
    ended: str
    unavailable: str
    open_guide: str
    waiting: str
    #: "{page}" is the title of the page the presenter shows.
    presenter_elsewhere: Annotated[str, Placeholders("page")]


class HandoutWords(Strict):
    button: str
    button_help: str
    file_name: str = Field(pattern=r"^[a-z0-9-]+\.pdf$")
    heading: str
    #: Shown when the deployment sets its public address; "{url}" is that address.
    guide_link: Annotated[str, Placeholders("url")]
    article_heading: str
    techniques_heading: str
    body_map_heading: str
    body_map_intro: str
    regions_heading: str
    #: One line per body area: "{area}", "{view}" and "{techniques}" are filled in.
    regions_line: Annotated[str, Placeholders("area", "view", "techniques")]
    list_separator: str
    urgent_heading: str
    sources_heading: str
    footer: Annotated[str, Placeholders("date")]
    page_label: Annotated[str, Placeholders("page", "pages")]


class ModesFile(Strict):
    clinic: ClinicWords
    presenter: PresenterWords
    unknown_mode_notice: Annotated[str, Placeholders("mode")]
    handout: HandoutWords
    workshop: WorkshopWords


# --- assessment.yaml ----------------------------------------------------------------------------
class AssessmentButtons(Strict):
    continue_: str = Field(alias="continue", min_length=1)
    back: str = Field(min_length=1)
    check: str = Field(min_length=1)
    see_result: str = Field(min_length=1)
    clear: str = Field(min_length=1)
    change_answers: str = Field(min_length=1)
    download_pdf: str = Field(min_length=1)
    download_text: str = Field(min_length=1)


class AssessmentWords(Strict):
    and_: str = Field(alias="and", min_length=1)
    list_separator: str = Field(min_length=1)
    area_sides: Annotated[str, Placeholders("area", "sides")] = Field(min_length=1)
    both_sides: str = Field(min_length=1)
    not_answered: str = Field(min_length=1)
    none: str = Field(min_length=1)


class SafetyGroupQuestion(Strict):
    group: Id
    question: str = Field(min_length=1)
    none: str = Field(min_length=1)


class SafetyStep(Strict):
    title: str
    intro: str
    groups: list[SafetyGroupQuestion] = Field(min_length=1)
    error: str


class WhereStep(Strict):
    title: str
    hint: str
    error: str


class Question(Strict):
    question: str = Field(min_length=1)
    hint: str | None = None


class Option(Strict):
    id: Id = Field(pattern=ID_PATTERN)
    label: str = Field(min_length=1)
    result_note: str | None = None
    sources: list[Id] = []
    #: Choosing this option adds "see a GP or physiotherapist" to the result.
    see_gp: bool = False


class ChoiceQuestion(Question):
    options: list[Option] = Field(min_length=2)

    def option(self, option_id: str | None) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


class HowMuchStep(Strict):
    title: str
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
    id: Id = Field(pattern=ID_PATTERN)
    text: str = Field(min_length=1)


class BotherStep(Strict):
    title: str
    question: str
    hint: str
    scale: SbiScale
    items: list[SbiItem] = Field(min_length=1)
    about: str
    sources: list[Id] = Field(min_length=1)
    error: str


class HealthStep(Strict):
    title: str
    question: str
    hint: str
    precautions: list[Id] = Field(min_length=1)
    none: str
    error: str


class AssessmentSteps(Strict):
    safety: SafetyStep
    where: WhereStep
    how_much: HowMuchStep
    bother: BotherStep
    health: HealthStep


class PainBand(Strict):
    id: Id = Field(pattern=ID_PATTERN)
    label: str = Field(min_length=1)
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
    possible_sign: Annotated[str, Placeholders("answer", "action", "sign")] = Field(min_length=1)


class WeaknessCheck(Strict):
    """Asks the weakness sign again when weakness bothers the person a lot."""

    #: The bothersomeness item (steps.bother.items id) and the sign (red_flags.yaml flag id).
    item: Id
    flag: Id
    title: str = Field(min_length=1)
    text: str = Field(min_length=1)
    button: str = Field(min_length=1)


#: Why the result may say "see a GP or physiotherapist soon" (the rules decide which apply).
GP_REASONS: tuple[str, ...] = ("pain", "duration", "bother", "activities")


class SeeGpTexts(Strict):
    heading: str = Field(min_length=1)
    intro: str = Field(min_length=1)
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
    see_gp: SeeGpTexts
    same_day_title: str
    postpone_title: str
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
    file_stem: str = Field(pattern=ID_PATTERN)
    made_by: str
    urgent_heading: str
    answers_heading: str
    techniques_heading: str
    care_heading: str
    combine_heading: str
    sources_heading: str


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


# --- workshop.yaml ------------------------------------------------------------------------------
#: What a knowledge-check question is about; "urgent-help" questions end with what to do.
QuizTopic = Literal["urgent-help", "precautions", "techniques", "evidence", "therapist"]


class QuizOption(Strict):
    id: Id = Field(pattern=ID_PATTERN)
    text: str = Field(min_length=1, max_length=160)
    #: The urgent-help sign (red_flags.yaml flag id) this option names, if any.
    flag: Id | None = None


class QuizQuestion(Strict):
    id: Id = Field(pattern=ID_PATTERN, max_length=40)
    topic: QuizTopic
    question: str = Field(min_length=1, max_length=300)
    options: list[QuizOption] = Field(min_length=2, max_length=5)
    #: The right option ids; a phone gives one answer, right when it is any of these.
    answers: list[Id] = Field(min_length=1)
    #: One paragraph; an urgent-help question's explanation gets its level's action added at the
    #: end (Content.quiz_explanation), so it always ends with what to do.
    explanation: Annotated[str, Placeholders("emergency_number")] = Field(min_length=1)
    sources: list[Id] = Field(min_length=1)

    def option(self, option_id: str) -> QuizOption | None:
        return next((o for o in self.options if o.id == option_id), None)

    def is_right(self, option_id: str | None) -> bool:
        return option_id in self.answers


class QuizWords(Strict):
    """The knowledge check's words: the presenter's page and the phones."""

    page_lead: str
    no_room: str
    question_label: Annotated[str, Placeholders("number", "total")]
    open: str
    close: str
    reveal: str
    previous: str
    next: str
    stage_ready: str
    stage_open: str
    stage_closed: str
    stage_revealed: str
    answered: Annotated[str, Placeholders("count", "phones")]
    hidden: Annotated[str, Placeholders("threshold")]
    chart_title: str
    option_column: str
    count_column: str
    right_marker: str
    right_answer: Annotated[str, Placeholders("answer")]
    phone_waiting: str
    phone_prompt: str
    phone_saved: Annotated[str, Placeholders("answer")]
    phone_too_late: str
    phone_closed: str
    phone_right: str
    phone_wrong: Annotated[str, Placeholders("answer")]
    phone_none: str
    why_heading: str
    owed_heading: str
    owed_done: str
    summary_heading: str
    summary_intro: str
    summary_question: str
    summary_answers: str
    summary_right: str
    summary_percent: str
    summary_too_few: Annotated[str, Placeholders("threshold")]
    download_csv: str
    download_pdf: str
    file_stem: str = Field(pattern=r"^[a-z0-9-]+$")
    pdf_title: str
    pdf_footer: Annotated[str, Placeholders("date")]


class WorkshopFile(Strict):
    words: QuizWords
    questions: list[QuizQuestion] = Field(min_length=5, max_length=8)

    def question(self, question_id: str) -> QuizQuestion | None:
        return next((q for q in self.questions if q.id == question_id), None)


# --- the whole content folder -------------------------------------------------------------------
class Content(Strict):
    """Everything the guide shows, validated and cross-checked."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    site: SiteFile
    sources: SourcesFile
    red_flags: RedFlagsFile
    areas: AreasFile
    precautions: PrecautionsFile
    techniques: TechniquesFile
    evidence: EvidenceFile
    pages: PagesFile
    modes: ModesFile
    assessment: AssessmentFile
    body_map: BodyMapFile
    workshop: WorkshopFile
    article: Article

    def source(self, source_id: Id) -> Source:
        return next(s for s in self.sources.sources if s.id == source_id)

    def technique(self, technique_id: Id) -> Technique:
        return next(t for t in self.techniques.techniques if t.id == technique_id)

    def pages_in(self, mode: str) -> list[PageSpec]:
        """The pages shown in a mode ("standard", "clinic" or "presenter"), in menu order."""
        return [p for p in self.pages.pages if not p.modes or mode in p.modes]

    def page(self, page_id: Id) -> PageSpec:
        return next(p for p in self.pages.pages if p.id == page_id)

    def area(self, area_id: Id) -> Area:
        return next(a for a in self.areas.areas if a.id == area_id)

    def regions(self) -> list[Region]:
        return self.areas.regions()

    def region(self, region_id: Id) -> Region | None:
        """The region with this id, or None for an unknown id (for example from a URL)."""
        return self.areas.region(region_id) if isinstance(region_id, str) else None

    def notes_for(self, heading: str) -> list[EvidenceNote]:
        return [n for n in self.evidence.notes if n.section == heading]

    def precautions_for_technique(self, technique_id: Id) -> list[Precaution]:
        """Precautions that remove this technique somewhere (or every technique)."""
        return [
            p
            for p in self.precautions.precautions
            if any(r.techniques is None or technique_id in r.techniques for r in p.rules_out)
        ]

    def quiz_level(self, question: QuizQuestion) -> Level | None:
        """The most urgent level among the signs a question's right answers name; None when
        they name none (not an urgent-help question)."""
        levels = {
            self.red_flags.level_of(o.flag)
            for o in question.options
            if o.flag is not None and o.id in question.answers
        }
        return next((level for level in LEVEL_ORDER if level in levels), None)

    def quiz_explanation(self, question: QuizQuestion, number: str) -> str:
        """The explanation as every phone reads it; an urgent-help question's always ends with
        what to do, in the same words and with the same number as the urgent-help box."""
        text = question.explanation.format(emergency_number=number).strip()
        level = self.quiz_level(question)
        if level is None:
            return text
        return f"{text} {self.red_flags.action(level, number)}."
