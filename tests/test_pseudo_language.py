"""No string a person sees bypasses the content: every word on a page comes from content/.

The guide runs in a pseudo-language, ``qps``: a copy of the content folder whose translation marks
every word ⟦like this⟧, each run of words between a template's {placeholders} on its own
(guide_testing/pseudo.py). Whatever a page shows outside a mark, and is not text that stays
English by design (`allowed`, each group with its reason), was written in the code, where no
translation reaches it: the test names it and the scenes it was shown in. Strings the code is
known to show are in KNOWN_IN_CODE, each with its place, until they move into the content.

What is read: every element's and container's labels, bodies, options, captions, placeholders
and tooltips (markdown, captions, headings, alerts, buttons, download buttons, page links,
expanders, popovers, tabs, radios, select boxes, pills, segmented controls, checkboxes, text
inputs, progress bars, metrics, toasts), st.html's words, tables' columns and cells, Plotly
charts' labels, the words custom components draw from their data (the body map and its panels,
the read-aloud button, the countdown), and the HTML attributes a screen reader says (aria-label,
title, alt), with Markdown escapes, tags, link targets, :material/ icons and directives taken out.

The scenes: each page of the standard mode as it opens, with each country pack's numbers; a
region picked on the body map; every screen of the self-assessment to its result, and the
urgent result, and the pages those answers change; a link with values the guide does not know;
a wrong and an unknown room code; a workshop from three phones and the presenter (the article
followed, the presenter's region, a knowledge-check question answered, its counts, chart and
answer, an open question's words, a question from the room through its review page and onto the
projector, the summary, the end); and each page of the presenter's and the clinic's modes.

Not read: the PDF and text downloads, the page titles in the top bar (st.navigation, from
pages.yaml), Streamlit's own menu, and words written into the components' own JavaScript.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from guide_testing.assessment_flow import answer_safety_none
from guide_testing.pseudo import (
    CLOSE,
    OPEN,
    PSEUDO,
    make_pseudo_content,
    mark,
    readable,
    refused_marks,
    shown_texts,
    unmarked,
)
from guide_testing.workshop import control, phone_state
from sciatica_guide import APP_ROOT
from sciatica_guide.assessment.state import STEP
from sciatica_guide.content import Content, load_content
from sciatica_guide.content.loader import ARTICLE_FILE, CONTENT_DIR_ENV
from sciatica_guide.content.translation_checks import check_languages
from sciatica_guide.session import PREFIX, SELECTED_REGION
from sciatica_guide.settings import load_settings
from sciatica_guide.ui.country import COUNTRY_KEY
from sciatica_guide.workshop.codes import ALPHABET
from sciatica_guide.workshop.quiz import QuizState
from sciatica_guide.workshop.room_questions_ui import ASK_INPUT_KEY
from sciatica_guide.workshop.state import PRESENTER_QUIZ_KEY, PRESENTER_ROOM_KEY
from sciatica_guide.workshop.streamlit_store import get_store
from sciatica_guide.workshop.summary_ui import SUMMARY_KEY

APP = str(APP_ROOT / "app.py")
LETTER = re.compile(r"[^\W\d_]")
#: The self-assessment's widgets' keys.
W = PREFIX + "assessment.w."
#: What the test's people type (a word for an open question, a question for the room) and a
#: link's value the guide does not know (?mode=, ?country=, ?region=; some notices name it).
TYPED_WORD = "stretch"
TYPED_QUESTION = "Is heat better than ice for my sciatica?"
ODD_VALUE = "elsewhere"
#: The phone's "questions from the room" panel (AppTest cannot tap an expander: its state is set).
ROOM_QUESTIONS_PANEL = "room-questions-phone"
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

#: Strings the code shows, as the test reports them (without the punctuation around them). The
#: test fails on any other unmarked string, and on an entry here that no scene shows any more
#: (moved into the content: remove it).
KNOWN_IN_CODE: frozenset[str] = frozenset()


# --- what may show unmarked, and why ------------------------------------------------------------
def _one_line(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Allowed:
    """Text that stays English in every language, each group named by its reason: strings of
    the content (`fragments`, taken out wherever they occur) and shapes (`patterns`)."""

    fragments: dict[str, list[str]]
    patterns: dict[str, re.Pattern[str]]

    def leftover(self, piece: str) -> str:
        """What of `piece` (one unmarked part of a shown text) is none of the allowed text;
        without the Markdown and punctuation around it ("- A." is "A"); "" when no letter."""
        text = _one_line(piece)
        for fragment in self._longest_first:
            text = text.replace(fragment, " ")
        for pattern in self.patterns.values():
            text = pattern.sub(" ", text)
        return _one_line(text).strip(" -*#>|.,:;()[]") if LETTER.search(text) else ""

    @property
    def _longest_first(self) -> list[str]:
        every = {_one_line(f) for group in self.fragments.values() for f in group}
        return sorted((f for f in every if LETTER.search(f)), key=len, reverse=True)


def _article_lines() -> list[str]:
    """Each line of the article as a reader meets it: without its heading and list marks, with
    and without its emphasis."""
    lines = []
    for line in (APP_ROOT / "content" / ARTICLE_FILE).read_text(encoding="utf-8").splitlines():
        text = re.sub(r"^\s*(#+|[-*]|\d+\.)\s+", "", line).strip()
        if text:
            lines += [text, re.sub(r"\*\*|__|(?<!\w)[*_]|[*_](?!\w)", "", text)]
    return lines


def allowed(content: Content) -> Allowed:
    """What may show unmarked (English content), each group with its reason. Streamlit's own
    words (its menu, "Running...") are not in an AppTest tree: none needs allowing."""
    article = content.site.article
    return Allowed(
        fragments={
            # The article is shown word for word, as HealthHub published it: its text, title,
            # publisher and date, and the leaflet's key points quoted from it (translation.py
            # never translates them; the page says the article is in English).
            "the article's own words": [
                *_article_lines(),
                article.title,
                article.publisher,
                article.date,
                *content.modes.leaflet.key_points,
            ],
            # Sources are cited as published (sources.yaml is never translated).
            "sources as cited": [
                text
                for source in content.sources.sources
                for text in (source.short, source.citation, source.note)
                if text
            ],
            # Numbers to dial, as written ("6262 6262"): the same in every language.
            "phone numbers": [
                number.shown
                for pack in content.countries.values()
                for number in (pack.emergency, pack.advice_line)
                if number is not None
            ],
            # Each language is named in its own language (languages.yaml), whatever the page's.
            "language names": [language.name for language in content.languages.languages],
            # What people type, and a link's odd value a notice names, show as they came.
            "what people typed": [TYPED_WORD, TYPED_QUESTION, ODD_VALUE],
        },
        patterns={
            # Glossary terms and forms (the nerve roots' names among them) stay English in the
            # pseudo-language: marked, the glossary would find them in no text (pseudo.py).
            "glossary words": content.glossary.pattern,
            # Dates are dates in the content; Babel writes them in the language's own way.
            "dates": re.compile(rf"\b\d{{1,2}} (?:{'|'.join(MONTHS)}) \d{{4}}\b"),
            # A template a component fills in the browser ("{seconds} left"): its words are
            # marked, its placeholders are not words.
            "placeholders": re.compile(r"\{[a-z_]+\}"),
            # A room's code ("ACF 347"): letters of no language.
            "room codes": re.compile(rf"\b[{ALPHABET}]{{3}} ?[{ALPHABET}]{{3}}\b"),
        },
    )


# --- what the scenes show -------------------------------------------------------------------------
@dataclass
class Seen:
    """The unmarked strings the scenes showed, each with where (scene and element)."""

    allowed: Allowed
    found: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def look(self, at: AppTest, scene: str) -> None:
        assert not at.exception, f"{scene}: {at.exception}"
        for part in (at.main, at.sidebar, *at.toast):
            for shown in shown_texts(part):
                for piece in unmarked(shown.text):
                    left = self.allowed.leftover(piece)
                    if left:
                        self.found[left].add(f"{scene} ({shown.where.rsplit('/', 1)[-1]})")


def start(query: dict[str, str], page: str | None = None, **state: Any) -> AppTest:
    """A session in the pseudo-language (?lang=qps, taken on its first run), on `page`."""
    at = AppTest.from_file(APP, default_timeout=60)
    for name, text in {"lang": PSEUDO, **query}.items():
        at.query_params[name] = text
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}").run()
    return at


def press(at: AppTest, key: str) -> None:
    at.button(key=key).click().run()


def button(at: AppTest, prefix: str) -> Any:
    """The one button whose key starts with `prefix` (a key may end with what it was drawn for)."""
    [found] = [b for b in at.button if (b.key or "").startswith(prefix)]
    return found


def every_page(seen: Seen, content: Content) -> None:
    """Each page of the standard mode as it opens, then the urgent help in each country pack."""
    at = start({})
    for spec in content.pages_in("standard"):
        at.switch_page(f"app_pages/{spec.script}").run()
        seen.look(at, spec.id)
    at.switch_page(f"app_pages/{content.page('overview').script}").run()
    for code in content.countries:
        at.selectbox(key=COUNTRY_KEY).set_value(code).run()
        seen.look(at, f"overview, country {code}")


def body_map_region(seen: Seen, content: Content) -> None:
    """A region picked: the map's bar and its panel (every region's panel is in the data)."""
    seen.look(start({}, "body_map.py", **{SELECTED_REGION: "calf-left"}), "body-map, calf picked")


def self_assessment(seen: Seen, content: Content) -> None:
    """Every screen of the self-assessment with its errors, the check page and the result, the
    urgent result, and the pages the answers change."""
    steps = content.assessment.steps
    at = start({}, "self_assessment.py")
    press(at, f"continue-{steps.safety.screens[0].id}")
    seen.look(at, "self-assessment, safety unanswered")
    answer_safety_none(at, content)
    seen.look(at, "self-assessment, where")
    calf = next(p.key for p in at.pills if p.key and "calf" in p.key)
    at.pills(key=calf).set_value(["left"]).run()
    press(at, "continue-where")
    seen.look(at, "self-assessment, pain")
    at.segmented_control(key=f"{W}back_pain").set_value(3).run()
    at.segmented_control(key=f"{W}leg_pain").set_value(7).run()
    press(at, "continue-pain")
    press(at, "continue-duration")
    seen.look(at, "self-assessment, duration unanswered")
    at.radio(key=f"{W}duration").set_value("6-to-12-weeks").run()
    at.radio(key=f"{W}activities").set_value("no").run()
    press(at, "continue-duration")
    seen.look(at, "self-assessment, pressure")
    at.radio(key=f"{W}pressure").set_value("light").run()
    press(at, "continue-pressure")
    seen.look(at, "self-assessment, bother")
    for item, score in zip(steps.bother.items, [5, 4, 1, 0], strict=True):
        at.segmented_control(key=f"{W}sbi.{item.id}").set_value(score).run()
    press(at, "continue-bother")
    seen.look(at, "self-assessment, health")
    at.checkbox(key=f"{W}precaution.blood-thinners").check().run()
    press(at, "continue-health-blood")
    seen.look(at, "self-assessment, health (area)")
    at.checkbox(key=f"{W}precaution-none.health-area").check().run()
    press(at, "continue-health-area")
    assert at.session_state[STEP] == "check"
    seen.look(at, "self-assessment, check page")
    press(at, "see-result")
    assert at.session_state[STEP] == "result"
    seen.look(at, "self-assessment, result")
    for page in ("techniques", "body-map", "beyond"):
        at.switch_page(f"app_pages/{content.page(page).script}").run()
        seen.look(at, f"{page}, after the self-assessment")

    urgent = start({}, "self_assessment.py")
    urgent.checkbox(key=f"{W}flag.saddle-numbness").check().run()
    seen.look(urgent, "self-assessment, urgent sign ticked")
    press(urgent, f"continue-{steps.safety.screens[0].id}")
    assert urgent.session_state[STEP] == "result"
    seen.look(urgent, "self-assessment, urgent result")
    for page in ("techniques", "body-map", "beyond"):
        urgent.switch_page(f"app_pages/{content.page(page).script}").run()
        seen.look(urgent, f"{page}, after an urgent sign")


def odd_links(seen: Seen, content: Content) -> None:
    """A link with a mode, a country and a region the guide does not know: their notices."""
    at = start({"mode": ODD_VALUE, "country": ODD_VALUE, "region": ODD_VALUE}, "body_map.py")
    assert len(at.info) >= 2
    seen.look(at, "body-map, a link with odd values")


def room_codes(seen: Seen, content: Content) -> None:
    """A code that is not one, and a code of no room."""
    words = content.modes.workshop
    wrong = start({"room": "nope"}, "join.py")
    assert [w.value for w in wrong.warning] == [mark(words.bad_code)]
    seen.look(wrong, "join, wrong code")
    unknown = start({"room": "WWWWWW"}, "join.py")
    assert [w.value for w in unknown.warning] == [mark(words.unknown_room)]
    seen.look(unknown, "join, unknown room")


def workshop(seen: Seen, content: Content) -> None:
    """Three phones in a presenter's room, and the presenter (its pages are the presenter's
    mode): the article followed, the presenter's region, a knowledge-check question answered
    (counts, chart, the answer), an open question's words, a question from the room through its
    review page onto the projector, the summary, the end."""
    presenter = start({"mode": "presenter"}, "present.py")
    presenter.button(key="workshop-start").click().run()
    code = presenter.session_state[PRESENTER_ROOM_KEY]
    room = [start({"room": code}, "join.py", **phone_state(code)) for _ in range(3)]
    phone = room[0]

    def both(scene: str) -> None:
        for at in (phone, presenter):
            at.run()
        seen.look(phone, f"join, {scene}")
        seen.look(presenter, f"presenter, {scene}")

    both("following the article")
    control(presenter, "present-next").click().run()
    both("the next section")
    presenter.switch_page("app_pages/body_map.py").run()
    presenter.session_state[SELECTED_REGION] = "calf-left"
    both("the presenter's region")
    presenter.switch_page("app_pages/quiz.py").run()
    both("waiting for a question")
    control(presenter, "quiz-open").click().run()
    both("a question")
    question = content.workshop.questions[0]
    assert any(mark(question.question) in m.value for m in phone.markdown)
    for number, at in enumerate(room):
        at.run()
        at.button(key=f"quiz-option-{question.id}-{number}").click().run()
    both("three answers")
    control(presenter, "quiz-close").click().run()
    control(presenter, "quiz-reveal").click().run()
    both("the answer revealed")
    assert presenter.get("plotly_chart") and presenter.table

    open_question = next(q for q in content.workshop.questions if q.is_open)
    presenter.session_state[PRESENTER_QUIZ_KEY] = (code, QuizState(open_question.id))
    presenter.run()
    control(presenter, "quiz-open").click().run()
    for at in room:
        at.run()
        at.text_input(key=f"quiz-open-text-{open_question.id}").input(TYPED_WORD)
        button(at, f"FormSubmitter:quiz-open-form-{open_question.id}-").click().run()
    both("an open question's words")

    phone.session_state[ROOM_QUESTIONS_PANEL] = True
    phone.run()
    phone.text_area(key=ASK_INPUT_KEY).input(TYPED_QUESTION)
    button(phone, "FormSubmitter:room-ask-form").click().run()
    both("a question from the room")
    secret = get_store(load_settings()).review_key(code)
    assert secret
    review = start({"mode": "standard", "room": code, "key": secret}, "room_questions.py")
    seen.look(review, "room questions, review")
    button(review, "room-review-room-").click().run()
    seen.look(review, "room questions, review, to the room")
    voter = room[1]
    voter.session_state[ROOM_QUESTIONS_PANEL] = True
    voter.run()
    button(voter, "room-vote-").click().run()
    seen.look(voter, "join, a vote")
    review.button_group(key="room-review-tab").set_value("room").run()
    button(review, "room-review-shown-").click().run()
    presenter.session_state[SUMMARY_KEY] = True
    both("a question on the projector, the summary open")
    button(presenter, "room-shown-answered").click().run()
    review.run()
    review.button_group(key="room-review-tab").set_value("answered").run()
    seen.look(review, "room questions, review, answered")
    control(presenter, "workshop-end").click().run()
    both("the workshop ended")


def other_modes(seen: Seen, content: Content) -> None:
    """Each page of the presenter's and the clinic's modes as it opens."""
    for mode in ("presenter", "clinic"):
        at = start({"mode": mode})
        for spec in content.pages_in(mode):
            at.switch_page(f"app_pages/{spec.script}").run()
            seen.look(at, f"{mode}: {spec.id}")


SCENES: list[Callable[[Seen, Content], None]] = [
    every_page,
    body_map_region,
    self_assessment,
    odd_links,
    room_codes,
    workshop,
    other_modes,
]


# --- the tests ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pseudo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_pseudo_content(tmp_path_factory.mktemp("pseudo"))


def test_the_pseudo_language_loads_and_is_offered(pseudo_folder: Path, content: Content) -> None:
    """Every word marked, the models and cross-checks pass, and no safety word is missing."""
    pseudo = load_content(pseudo_folder, PSEUDO)
    assert pseudo.site.name == mark(content.site.name)
    assert pseudo.site.name.startswith(OPEN) and pseudo.site.name.endswith(CLOSE)
    assert [(c.code, c.problem) for c in check_languages(pseudo_folder)] == [
        ("en", None),
        (PSEUDO, None),
    ]
    # What the models refuse marked are the nerve roots' names, which are glossary terms.
    for place in refused_marks():
        file, _, path = place.partition(":")
        assert file in ("areas.yaml", "body_map.yaml") and "root" in path, place
    assert {"L4", "L5", "S1"} <= {entry.term for entry in content.glossary.terms}


def test_marks_are_found_nested_and_through_markup() -> None:
    """The test's own reading: nested marks, placeholders outside the marks, Markdown escapes,
    icons, directives, link targets, a space for each tag, and the attributes said aloud."""
    assert mark("Call {number} now") == "⟦Call ⟧{number}⟦ now⟧"
    assert unmarked(mark("Numbers for: {country}").format(country=mark("Singapore"))) == [
        "",
        "",
        "",
    ]
    assert unmarked(f"**{mark('Sources')}:** NHS") == ["**", ":** NHS"]
    markup = r"\:material/call\: :small[<span aria-label='Call'>⟦Call\: 995⟧</span>] [x](tel:1)"
    assert [_one_line(t) for t in readable(markup)] == ["[ ⟦Call: 995⟧ ] [x]", "Call"]
    assert _one_line(readable("<svg><text>L4</text><text>L5</text></svg>")[0]) == "L4 L5"


def test_the_check_sees_words_that_are_not_marked(
    pseudo_folder: Path, monkeypatch: pytest.MonkeyPatch, content: Content
) -> None:
    """The same reading of the same folder in English finds the page's own words: the check
    sees what a page shows, and would see a string written in the code."""
    monkeypatch.setenv(CONTENT_DIR_ENV, str(pseudo_folder))
    seen = Seen(allowed(content))
    seen.look(start({"lang": "en"}, "techniques.py"), "techniques in English")
    page = content.page("techniques")
    assert {page.title, content.red_flags.title} <= set(seen.found)
    assert any(page.lead and page.lead.rstrip(".") in text for text in seen.found)


def test_every_string_the_pages_show_comes_from_the_content(
    pseudo_folder: Path, monkeypatch: pytest.MonkeyPatch, content: Content
) -> None:
    monkeypatch.setenv(CONTENT_DIR_ENV, str(pseudo_folder))
    seen = Seen(allowed(content))
    for scene in SCENES:
        scene(seen, content)
    unknown = {text: where for text, where in seen.found.items() if text not in KNOWN_IN_CODE}
    report = "\n".join(
        f"- {text!r} on {'; '.join(sorted(where)[:3])}" + (" ..." if len(where) > 3 else "")
        for text, where in sorted(unknown.items())
    )
    assert not unknown, f"{len(unknown)} strings the pages show are not in the content:\n{report}"
    moved = sorted(KNOWN_IN_CODE - set(seen.found))
    assert not moved, f"no scene shows these any more; remove them from KNOWN_IN_CODE: {moved}"
