"""Models of workshop.yaml: the knowledge check's questions and words."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from sciatica_guide.content.base import Id, Strict
from sciatica_guide.content.placeholders import Placeholders

#: What a knowledge-check question is about; "urgent-help" questions end with what to do.
QuizTopic = Literal["urgent-help", "precautions", "techniques", "evidence", "therapist"]
#: The times a presenter can give a question, in seconds (0: no timer).
TIMER_CHOICES: tuple[int, ...] = (0, 20, 30, 60)
TimerSeconds = Literal[0, 20, 30, 60]
#: A question with options and a right answer, or one that takes a short free-text answer (the
#: projector shows the room's words; there is no right one).
QuizKind = Literal["choice", "open"]


class QuizOption(Strict):
    id: Id
    text: str = Field(max_length=160)
    #: The urgent-help sign (red_flags.yaml flag id) this option names, if any.
    flag: Id | None = None


class QuizQuestion(Strict):
    id: Id = Field(max_length=40)
    kind: QuizKind = "choice"
    topic: QuizTopic
    question: str = Field(max_length=300)
    #: A choice question's 2 to 5 options (an open question has none).
    options: list[QuizOption] = Field(default_factory=list, max_length=5)
    #: The right option ids; a phone gives one answer, right when it is any of these.
    answers: list[Id] = Field(default_factory=list)
    #: One paragraph; an urgent-help question's explanation gets its level's action added at the
    #: end (Content.quiz_explanation), so it always ends with what to do.
    explanation: Annotated[str, Placeholders("emergency_number")]
    sources: list[Id] = Field(min_length=1)
    #: The time the presenter's page offers first for this question (0: no timer); the
    #: presenter can choose another before asking.
    timer: TimerSeconds = 0

    @model_validator(mode="after")
    def _fits_its_kind(self) -> QuizQuestion:
        if self.kind == "open":
            if self.options or self.answers:
                raise ValueError("an open question has no options and no right answer")
            if self.topic == "urgent-help":
                # Urgent help is taught with a right answer that ends with what to do.
                raise ValueError("an urgent-help question must be a choice question")
        elif len(self.options) < 2 or not self.answers:
            raise ValueError("a choice question needs 2 to 5 options and at least one answer")
        return self

    @property
    def is_open(self) -> bool:
        return self.kind == "open"

    def option(self, option_id: str) -> QuizOption | None:
        return next((o for o in self.options if o.id == option_id), None)

    def is_right(self, option_id: str | None) -> bool:
        return option_id in self.answers


class QuizWords(Strict):
    """The knowledge check's words: the presenter's page and the phones."""

    page_lead: str
    no_room: str
    question_label: Annotated[str, Placeholders("number", "total")]
    #: What each option is called aloud, in order (a question has at most 5 options).
    option_letters: list[str] = Field(min_length=5, max_length=5)
    #: An option with its letter: "B. Deep tissue massage".
    option_label: Annotated[str, Placeholders("letter", "text")]
    open: str
    close: str
    reveal: str
    previous: str
    next: str
    stage_ready: str
    stage_open: str
    stage_closed: str
    stage_revealed: str
    #: The presenter's timer: the choice's label, "Off", one choice, the button (T) both ways.
    timer_label: str
    timer_off: str
    timer_choice: Annotated[str, Placeholders("seconds")]
    timer_start: str
    timer_stop: str
    #: On the projector and the phones: the countdown, what a screen reader hears while it runs,
    #: and the end.
    time_left: Annotated[str, Placeholders("time")]
    time_left_spoken: Annotated[str, Placeholders("seconds")]
    time_up: str
    answered: Annotated[str, Placeholders("count", "phones")]
    hidden: Annotated[str, Placeholders("threshold")]
    option_column: str
    count_column: str
    right_marker: str
    right_answer: Annotated[str, Placeholders("answer")]
    phone_waiting: str
    phone_prompt: str
    phone_saved: Annotated[str, Placeholders("answer")]
    phone_too_late: str
    #: This phone joined after the question was asked; too many taps from this phone.
    phone_late: str
    phone_slow: str
    phone_closed: str
    phone_right: str
    phone_wrong: Annotated[str, Placeholders("answer")]
    phone_none: str
    #: An open question: the presenter's page, the phone's box and what it says about an answer.
    reveal_open: str
    open_hidden: Annotated[str, Placeholders("threshold")]
    cloud_hint: str
    cloud_word_help: str
    cloud_hidden: Annotated[str, Placeholders("count")]
    cloud_show_hidden: str
    cloud_filtered: Annotated[str, Placeholders("count")]
    cloud_list: str
    cloud_word_column: str
    open_input: Annotated[str, Placeholders("limit")]
    open_send: str
    open_prompt: str
    open_saved: Annotated[str, Placeholders("answer")]
    open_empty: str
    open_long: Annotated[str, Placeholders("limit", "count")]
    open_no_words: str
    open_hidden_characters: str
    guide_says: str
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
    #: The open questions' words in the summary and their own CSV.
    summary_open: str
    summary_words_heading: str
    download_words_csv: str
    words_file_stem: str = Field(pattern=r"^[a-z0-9-]+$")
    file_stem: str = Field(pattern=r"^[a-z0-9-]+$")
    pdf_title: str
    pdf_footer: Annotated[str, Placeholders("date")]


class RoomQuestionWords(Strict):
    """The room's questions for the presenter: the phones, the projector, the review page."""

    #: The phone's part: asking, and the questions the room can see.
    ask_heading: str
    ask_lead: str
    ask_input: Annotated[str, Placeholders("limit")]
    ask_send: str
    ask_sent: str
    ask_empty: str
    ask_long: Annotated[str, Placeholders("limit", "count")]
    ask_no_words: str
    ask_hidden_characters: str
    ask_full: str
    ask_busy: str
    yours_heading: str
    room_heading: str
    room_empty: str
    vote: Annotated[str, Placeholders("count")]
    voted: Annotated[str, Placeholders("count")]
    vote_help: str
    voted_help: str
    #: A question's state, as its asker and the review page see it.
    state_new: str
    state_room: str
    state_shown: str
    state_answered: str
    state_hidden: str
    #: The projector: the strip's count and review link, a question shown large.
    #: The strip's link to the review page (Q), with how many questions are new.
    strip_count: Annotated[str, Placeholders("count")]
    review_help: str
    shown_heading: str
    votes: Annotated[str, Placeholders("count")]
    mark_answered: str
    stop_showing: str
    #: The review page (its own window, off the projector).
    review_lead: str
    review_no_room: str
    review_ended: str
    review_room: Annotated[str, Placeholders("code")]
    tabs_label: str
    tab_new: Annotated[str, Placeholders("count")]
    tab_room: Annotated[str, Placeholders("count")]
    tab_answered: Annotated[str, Placeholders("count")]
    tab_hidden: Annotated[str, Placeholders("count")]
    tab_empty: str
    number: Annotated[str, Placeholders("number")]
    let_room_see: str
    show: str
    hide: str
    #: The summary and its CSV: only questions the room saw.
    summary_heading: str
    summary_none: str
    question_column: str
    votes_column: str
    answered_column: str
    yes: str
    no: str
    download_csv: str
    file_stem: str = Field(pattern=r"^[a-z0-9-]+$")


class WorkshopFile(Strict):
    words: QuizWords
    room_questions: RoomQuestionWords
    questions: list[QuizQuestion] = Field(min_length=5, max_length=8)

    def question(self, question_id: str) -> QuizQuestion | None:
        return next((q for q in self.questions if q.id == question_id), None)


class BlockedWordsFile(Strict):
    """blocked_words.yaml: words an open question's answers are never shown with."""

    words: list[str] = Field(min_length=1)
