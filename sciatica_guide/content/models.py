"""Pydantic models of every content file. Unknown fields are errors, so typos are caught at load.

The body map's (areas.yaml, body_map.yaml), the self-assessment's (assessment.yaml) and the
glossary's (glossary.yaml) models live in their own modules and are re-exported here, so every
model can be imported from this one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, HttpUrl

from sciatica_guide.content.article import Article
from sciatica_guide.content.assessment_models import (
    GP_REASONS,
    AssessmentButtons,
    AssessmentFile,
    AssessmentSteps,
    AssessmentWords,
    BotherStep,
    ChartTexts,
    CheckTexts,
    ChoiceQuestion,
    HealthScreen,
    HealthStep,
    HowMuchScreen,
    HowMuchStep,
    Option,
    PainBand,
    PainBands,
    Question,
    Recheck,
    ResultTexts,
    SafetyQuestion,
    SafetyScreen,
    SafetyStep,
    SbiItem,
    SbiScale,
    SeeGpTexts,
    SummaryTexts,
    TellTexts,
    UrgentTexts,
    WeaknessCheck,
    WhereStep,
)
from sciatica_guide.content.base import ID_PATTERN, Id, Strict
from sciatica_guide.content.body_map_models import (
    Area,
    AreasFile,
    AreaTechnique,
    BodyMapFile,
    BodyMapUi,
    Ellipse,
    Figure,
    NervePath,
    Point,
    Region,
    RegionOutline,
    Root,
    RootArea,
    Side,
    View,
    ViewBox,
)
from sciatica_guide.content.country_models import CountryPack
from sciatica_guide.content.glossary_models import GlossaryEntry, GlossaryFile
from sciatica_guide.content.language_models import Language, LanguagesFile, TranslationReview
from sciatica_guide.content.mark_models import TechniqueMarksFile
from sciatica_guide.content.movement_models import Movement, MovementsFile
from sciatica_guide.content.placeholders import Placeholders
from sciatica_guide.content.workshop_models import (
    BlockedWordsFile,
    QuizOption,
    QuizQuestion,
    QuizTopic,
    QuizWords,
    WorkshopFile,
)

__all__ = [
    "GP_REASONS",
    "ID_PATTERN",
    "Area",
    "AreaTechnique",
    "AreasFile",
    "AssessmentButtons",
    "AssessmentFile",
    "AssessmentSteps",
    "AssessmentWords",
    "BlockedWordsFile",
    "BodyMapFile",
    "BodyMapUi",
    "BotherStep",
    "ChartTexts",
    "CheckTexts",
    "ChoiceQuestion",
    "CountryPack",
    "Ellipse",
    "Figure",
    "GlossaryEntry",
    "GlossaryFile",
    "HealthScreen",
    "HealthStep",
    "HowMuchScreen",
    "HowMuchStep",
    "Id",
    "Movement",
    "MovementsFile",
    "NervePath",
    "Option",
    "PainBand",
    "PainBands",
    "Placeholders",
    "Point",
    "Question",
    "QuizOption",
    "QuizQuestion",
    "QuizTopic",
    "QuizWords",
    "Recheck",
    "Region",
    "RegionOutline",
    "ResultTexts",
    "Root",
    "RootArea",
    "SafetyQuestion",
    "SafetyScreen",
    "SafetyStep",
    "SbiItem",
    "SbiScale",
    "SeeGpTexts",
    "Side",
    "Strict",
    "SummaryTexts",
    "TellTexts",
    "UrgentTexts",
    "View",
    "ViewBox",
    "WeaknessCheck",
    "WhereStep",
    "WorkshopFile",
]


# --- sources.yaml -------------------------------------------------------------------------------
class Source(Strict):
    id: Id
    short: str
    citation: str
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
    #: One line, shown where the sidebar may be closed (the self-assessment on a phone).
    one_line: str
    short: str
    full: str


class ArticleMeta(Strict):
    title: str
    publisher: str
    date: str
    source: Id


class LocalHelpWords(Strict):
    """Words around the country pack's numbers (site.yaml, local_help:)."""

    #: Above the urgent-help signs: which country the numbers are for.
    numbers_for: Annotated[str, Placeholders("country")]
    #: The label of the control that changes the country for this session.
    change_country: str
    #: A call button ("Call {number}").
    call: Annotated[str, Placeholders("number")]
    #: A quiet note for an unknown ?country= value.
    unknown_country: Annotated[str, Placeholders("country", "name")]
    #: Sources & safety: the heading of the packs' list, and when a pack was checked.
    packs_heading: str
    checked: Annotated[str, Placeholders("country", "date")]


class Labels(Strict):
    """Short words many screens share (site.yaml, labels:). Every one is required and no other
    is allowed, so a content folder (a translation too) that drops or misspells one fails at
    load instead of a page failing later."""

    #: Before an evidence note (the article, the handout).
    evidence_note: str
    #: Before a list of sources (everywhere sources are cited).
    sources: str
    #: The technique cards (the article's techniques page and the handout).
    technique_card_does: str
    technique_card_feels: str
    technique_card_suits: str
    technique_card_evidence: str
    technique_card_care: str
    technique_card_effects: str
    #: The Massage techniques page: the care list, once, before the cards; which techniques an
    #: item is for, when not all; a card's "more" (the article's words and the details).
    techniques_care_heading: str
    #: The Overview's end: its two next steps (the body map, the self-assessment).
    next_steps_heading: str
    next_step_map: str
    next_step_check: str
    techniques_article: str
    #: A closed group on the Sources & safety page: what opens it.
    show_group: str
    technique_applies_to: Annotated[str, Placeholders("techniques")]
    technique_more: Annotated[str, Placeholders("technique")]
    #: The review dates (Sources & safety, the handout).
    last_reviewed: str
    next_review_due: str
    reviewed_by: str
    #: The closed list of the glossary words a page uses (tap-to-explain).
    words_explained: Annotated[str, Placeholders("count")]
    #: The headings of the Sources & safety page.
    references_heading: str
    evidence_heading: str
    disclaimer_heading: str
    review_heading: str
    precautions_heading: str


class ReadingWords(Strict):
    """The "Text and reading" control on every page (site.yaml, reading:)."""

    #: The button that opens it (an icon beside the urgent-help box).
    button: str
    text_size: str
    #: Each size's name, in order: normal, large, largest.
    normal: str
    large: str
    largest: str
    #: Where light or dark is chosen (Streamlit's app menu); not shown on a clinic's tablet.
    colours: str
    #: The read-aloud button, and the same button while it reads.
    read_aloud: str
    stop_reading: str


class SiteFile(Strict):
    name: str
    tagline: str
    review: Review
    disclaimer: Disclaimer
    attribution: Annotated[str, Placeholders("title", "publisher", "date")]
    verbatim: str
    article: ArticleMeta
    labels: Labels
    local_help: LocalHelpWords
    reading: ReadingWords


# --- red_flags.yaml -----------------------------------------------------------------------------
class RedFlag(Strict):
    id: Id
    text: str


#: How urgent a sign is: "emergency" (now), "today" (same day) or "gp" (soon, not urgent).
Level = Literal["emergency", "today", "days", "gp"]
#: Most urgent first.
LEVEL_ORDER: tuple[Level, ...] = ("emergency", "today", "days", "gp")


class RedFlagLevel(Strict):
    """One message per level, used wherever a sign of that level is shown or asked."""

    #: What to do, first; may hold {emergency_number}.
    action: Annotated[str, Placeholders("emergency_number")]
    #: What the self-assessment's result says under the action; may hold {emergency_number}.
    advice: Annotated[str, Placeholders("emergency_number")]
    #: True when a sign of this level means no massage at all.
    urgent: bool
    #: True when massage waits until a GP has seen the person (not urgent: within days).
    massage_waits: bool = False


class RedFlagGroup(Strict):
    id: Id
    level: Level
    #: The end of the heading, after the level's action ("if you have:").
    when: str
    why: str
    sources: list[Id] = Field(min_length=1)
    flags: list[RedFlag] = Field(min_length=1)


class RedFlagsFile(Strict):
    title: str
    intro: str
    levels: dict[Level, RedFlagLevel]
    groups: list[RedFlagGroup] = Field(min_length=1)

    def all_flags(self) -> list[RedFlag]:
        return [flag for group in self.groups for flag in group.flags]

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
    id: Id
    label: str
    #: May hold {emergency_number}: read it through advice_text().
    advice: Annotated[str, Placeholders("emergency_number")]
    same_day_advice: bool = False
    #: The body map's phone bar for a same-day warning: condition first, short (no placeholder).
    bar: str | None = None
    postpone: bool = False
    red_flag: RedFlagLink | None = None
    #: Not asked: the self-assessment's rules apply it from other answers (strong or new leg
    #: pain, see assessment.yaml's irritable_nerve).
    from_answers: bool = False
    rules_out: list[RuleOut] = []
    sources: list[Id] = Field(min_length=1)

    def advice_text(self, emergency_number: str) -> str:
        return self.advice.format(emergency_number=emergency_number)


class PrecautionsFile(Strict):
    sources_default: list[Id] = []
    precautions: list[Precaution] = Field(min_length=1)


# --- techniques.yaml ----------------------------------------------------------------------------
class Technique(Strict):
    id: Id
    name: str
    article_section: str
    what_it_does: str
    feels_like: str
    may_suit: str
    evidence_level: str
    evidence: str
    common_effects: str
    sources: list[Id] = Field(min_length=1)


class TechniquesFile(Strict):
    techniques: list[Technique] = Field(min_length=1)


# --- evidence.yaml ------------------------------------------------------------------------------
class EvidenceNote(Strict):
    section: str
    text: str
    sources: list[Id] = Field(min_length=1)


class EvidencePoint(Strict):
    text: str
    sources: list[Id] = Field(min_length=1)


class EvidenceFile(Strict):
    summary: list[EvidencePoint] = Field(min_length=1)
    notes: list[EvidenceNote]


# --- pages.yaml ---------------------------------------------------------------------------------
class PageSpec(Strict):
    id: Id
    script: str = Field(pattern=r"^[a-z0-9_]+\.py$")
    title: str
    url_path: str
    icon: str | None = None
    default: bool = False
    lead: str | None = None
    article_sections: list[str] = []
    #: Modes the page is shown in; empty means every mode.
    modes: list[Literal["standard", "clinic", "presenter"]] = []
    #: Not in the pages menu: opened by a link only (the presenter's review of the room's
    #: questions, in a window of its own).
    hidden: bool = False

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
    #: The progress label of a gentle movement's slide, after the article's sections.
    movement_label: Annotated[str, Placeholders("number", "total")]
    previous: str
    next: str
    qr_heading: str
    qr_caption: Annotated[str, Placeholders("url")]
    full_screen: str
    leave_full_screen: str


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
    #: The strip's one line in place of a QR code when phones could not open the address.
    strip_no_address: str
    same_network_hint: str
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
    #: The Join button's words from the tap until the room's page opens.
    join_pending: str
    start_page_prompt: str
    #: "{code}" is the room code.
    following: Annotated[str, Placeholders("code")]
    read_alone: str
    back: str
    leave: str
    away: Annotated[str, Placeholders("code")]
    #: On a page read alone, when the presenter has asked a question this phone has not answered.
    question_waiting: str
    bad_code: str
    unknown_room: str
    ended: str
    unavailable: str
    open_guide: str
    waiting: str
    #: "{page}" is the title of the page the presenter shows.
    presenter_elsewhere: Annotated[str, Placeholders("page")]
    #: Limits (issue 29): a phone waiting to be counted, a full or busy room, codes tried too
    #: often ("{seconds}" to wait), rooms joined too often; a presenter starting rooms too often,
    #: and the guide holding as many rooms as it can, or too many starting at once.
    joining: str
    room_full: str
    room_busy: str
    code_wait: Annotated[str, Placeholders("seconds")]
    join_later: str
    starts_limited: str
    rooms_full: str
    rooms_busy: str


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


class LeafletWords(Strict):
    """The two-page leaflet's own words (its urgent box, footer and movements share the
    booklet's and movements.yaml's)."""

    button: str
    button_help: str
    file_name: str = Field(pattern=r"^[a-z0-9-]+\.pdf$")
    heading: str
    subheading: str
    qr_caption: str
    key_points_heading: str
    #: Sentences quoted from the article word for word (checked at load).
    key_points: list[str] = Field(min_length=1, max_length=6)
    #: Article headings whose evidence notes (evidence.yaml) are printed under the quotes.
    evidence_notes: list[str] = Field(min_length=1, max_length=3)
    techniques_heading: str
    techniques_note: str
    movements_heading: str
    movements_check: str
    #: One line per movements.yaml precaution: its label, the movements it rules out, why.
    movements_left_out: Annotated[str, Placeholders("precaution", "names", "why")]
    sources_line: Annotated[str, Placeholders("sources")]


class ModesFile(Strict):
    clinic: ClinicWords
    presenter: PresenterWords
    unknown_mode_notice: Annotated[str, Placeholders("mode")]
    leaflet: LeafletWords
    handout: HandoutWords
    workshop: WorkshopWords


# --- the whole content folder -------------------------------------------------------------------
#: What already ends a sentence, in the guide's languages.
SENTENCE_ENDS = (".", "!", "?", "\u3002", "\uff01", "\uff1f")


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
    #: Where each technique is drawn on the body map (technique_marks.yaml).
    technique_marks: TechniqueMarksFile
    workshop: WorkshopFile
    #: Words an open question's answers are never shown with (blocked_words.yaml).
    blocked_words: BlockedWordsFile
    #: Each technical word with its plain name and definition (glossary.yaml); glossary.py finds
    #: the words a text uses.
    glossary: GlossaryFile
    #: Gentle movements with their steps, dose and when to stop (movements.yaml).
    movements: MovementsFile
    article: Article
    #: Country packs by code (content/countries/<code>.yaml): numbers and where to go.
    countries: dict[str, CountryPack]
    #: The languages the guide can show, and its words about them (languages.yaml).
    languages: LanguagesFile
    #: The language of these words: the source language, or a translation's code.
    language: str
    #: Who translated and checked these words; None for the source language.
    translation: TranslationReview | None = None

    def source(self, source_id: Id) -> Source:
        return next(s for s in self.sources.sources if s.id == source_id)

    def source_names(self, source_ids: Iterable[Id]) -> str:
        """The sources' short names, "; " between them (the screens' and paper's source lines)."""
        return "; ".join(self.source(sid).short for sid in source_ids)

    @property
    def written(self) -> Language:
        """How this content's language is written: its tag, full stop, spaces and colon. Every
        language a Content is loaded in is listed (languages.yaml lists its source; load_content
        refuses a translation it does not list)."""
        return next(lang for lang in self.languages.languages if lang.code == self.language)

    @property
    def gap(self) -> str:
        """What separates words and sentences built from parts: a space, or nothing."""
        return " " if self.written.spaces else ""

    def labelled(self, label: str, text: str) -> str:
        """ "Label: text", with this language's colon (a space after it where words have them)."""
        return f"{label}{self.written.colon}{self.gap}{text}"

    def sentence(self, text: str) -> str:
        """`text` ending as a sentence ends in this language (a full stop added if needed)."""
        return text if text.endswith(SENTENCE_ENDS) else text + self.written.full_stop

    def sentences(self, texts: Iterable[str]) -> str:
        """Sentences one after another, as this language writes them."""
        return self.gap.join(self.sentence(t) for t in texts)

    def join_words(self, items: Iterable[str]) -> str:
        """'a', 'a and b', 'a, b and c', in this language's own words."""
        words = self.assessment.words
        items = list(items)
        if len(items) <= 1:
            return "".join(items)
        gap = self.gap
        return words.list_separator.join(items[:-1]) + f"{gap}{words.and_}{gap}" + items[-1]

    def attribution(self) -> str:
        """Whose article it is: its title, publisher and date, in site.yaml's words. In a
        translation, also that the article itself is shown in English, as published."""
        meta = self.site.article
        line = self.site.attribution.format(
            title=meta.title, publisher=meta.publisher, date=meta.date
        )
        if self.language != self.languages.source:
            return f"{line}{self.gap}{self.languages.words.article_in_english}"
        return f"{line}{self.gap}{self.site.verbatim}"

    def technique(self, technique_id: Id) -> Technique:
        return next(t for t in self.techniques.techniques if t.id == technique_id)

    def precaution(self, precaution_id: Id) -> Precaution:
        return next(p for p in self.precautions.precautions if p.id == precaution_id)

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
        return f"{text}{self.gap}{self.sentence(self.red_flags.action(level, number))}"
