"""AppTest runs of a workshop: the presenter's room panel, joining, following, ending, errors."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from guide_testing.body_map_panel import panel_text, shown_blocks, shown_panel_html
from guide_testing.server import free_port
from guide_testing.workshop import control, phone_state
from sciatica_guide.assessment.rules import Answers
from sciatica_guide.assessment.state import ANSWERS
from sciatica_guide.body_map.panel import region_text
from sciatica_guide.content import Content
from sciatica_guide.help_html import call_row_html
from sciatica_guide.local_help import settings_help
from sciatica_guide.session import SELECTED_REGION
from sciatica_guide.settings import load_settings
from sciatica_guide.text import unescape_markdown
from sciatica_guide.ui.controls import drawn_key
from sciatica_guide.workshop.codes import spoken
from sciatica_guide.workshop.follow import join_url
from sciatica_guide.workshop.state import (
    PRESENTER_ROOM_KEY,
    ROOM_KEY,
)

APP = str(Path(__file__).parent.parent / "app.py")
HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "**bold** [link](https://evil.example)",
    "ACF 34O",
    "$\\frac{1}{0}$ :material/warning:",
    "A" * 5000,
]


def start(
    query: dict[str, str] | None = None,
    page: str | None = None,
    state: dict[str, Any] | None = None,
) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}").run()
    assert not at.exception
    return at


def presenter_with_room(page: str = "present.py") -> tuple[AppTest, str]:
    at = start({"mode": "presenter"}, page)
    at.button(key="workshop-start").click().run()
    assert not at.exception
    return at, at.session_state[PRESENTER_ROOM_KEY]


def join(code: str) -> AppTest:
    # The browser's token (participant_token.py) as the component would have sent it.
    return start({"room": code}, "join.py", phone_state(code))


def everything_shown(at: AppTest) -> str:
    parts = [
        str(e.value)
        for kind in (
            "markdown",
            "caption",
            "warning",
            "info",
            "error",
            "title",
            "header",
            "subheader",
        )
        for e in getattr(at, kind)
    ]
    return "\n".join(parts)


def test_a_presenter_starts_a_room_and_the_projector_shows_its_code(
    monkeypatch: pytest.MonkeyPatch, content: Content
) -> None:
    monkeypatch.setenv("SCIATICA_GUIDE_PUBLIC_URL", "https://guide.example.org")
    at, code = presenter_with_room()
    words = content.modes.workshop
    # The slide keeps the screen: the code is in the strip along the top, not in the sidebar.
    shown = everything_shown(at)
    assert spoken(code) in shown
    assert words.join_heading not in shown
    assert spoken(code) not in everything_shown(at.sidebar)  # type: ignore[arg-type]
    # J (or the button) shows it large, with the join address; again hides it.
    control(at, "workshop-toggle-code").click().run()
    shown = everything_shown(at)
    assert words.join_heading in shown
    caption = words.join_caption.format(url=join_url("https://guide.example.org", code))
    assert caption in [unescape_markdown(m.value) for m in at.markdown]
    control(at, "workshop-toggle-code").click().run()
    assert words.join_heading not in everything_shown(at)
    assert spoken(code) in everything_shown(at)


def test_phones_follow_the_presenters_steps_and_region(content: Content) -> None:
    presenter, code = presenter_with_room()
    phone = join(code)
    sections = content.article.all_sections()
    assert content.modes.workshop.following.format(code=spoken(code)) in everything_shown(phone)
    assert unescape_markdown(phone.header[0].value) == sections[0].heading
    control(presenter, "present-next").click().run()
    control(presenter, "present-next").click().run()
    phone.run()
    assert sections[2].heading in unescape_markdown(everything_shown(phone))
    assert content.modes.presenter.step_label.format(number=3, total=len(sections)) in str(
        phone.get("progress")[0].proto
    )
    # The presenter moves to the body map and picks a region.
    presenter.switch_page("app_pages/body_map.py").run()
    presenter.session_state[SELECTED_REGION] = "calf-left"
    presenter.run()
    phone.run()
    assert not phone.exception
    calf = content.region("calf-left")
    assert calf is not None and calf.name in [s.value for s in phone.subheader]
    # Only where the presenter is: the phone's own selection is untouched.
    assert SELECTED_REGION not in phone.session_state


def test_the_presenter_sees_a_count_of_phones_and_nothing_else(content: Content) -> None:
    presenter, code = presenter_with_room()
    phones = [join(code) for _ in range(3)]
    presenter.run()
    assert content.modes.workshop.phones.format(count=3) in everything_shown(presenter)
    phones[0].button(key="workshop-leave").click().run()
    presenter.run()
    assert content.modes.workshop.phones.format(count=2) in everything_shown(presenter)


def test_ending_the_workshop_tells_every_phone(content: Content) -> None:
    presenter, code = presenter_with_room()
    phone = join(code)
    control(presenter, "workshop-end").click().run()
    words = content.modes.workshop
    assert words.ended_presenter in everything_shown(presenter)
    assert PRESENTER_ROOM_KEY not in presenter.session_state
    phone.run()
    assert words.ended in [w.value for w in phone.warning]
    assert ROOM_KEY not in phone.session_state
    # And a way on into the guide.
    assert phone.get("page_link")


def test_a_phone_steps_away_and_comes_back(content: Content) -> None:
    presenter, code = presenter_with_room("body_map.py")
    presenter.session_state[SELECTED_REGION] = "back-thigh-right"
    presenter.run()
    phone = join(code)
    phone.button(key="workshop-read-alone").click().run()
    assert not phone.exception
    assert phone.session_state[SELECTED_REGION] == "back-thigh-right"
    assert phone.query_params["region"] in ("back-thigh-right", ["back-thigh-right"])
    words = content.modes.workshop
    assert words.away.format(code=spoken(code)) in everything_shown(phone)
    phone.button(key="workshop-back").click().run()
    assert not phone.exception
    assert words.following.format(code=spoken(code)) in everything_shown(phone)


def test_the_start_page_takes_a_typed_code(content: Content) -> None:
    _presenter, code = presenter_with_room()
    phone = start()
    phone.text_input(key="workshop.start.code").input(code.lower()[:3] + " " + code[3:])
    for button in phone.button:
        if button.label == content.modes.workshop.join_button:
            button.click().run()
            break
    assert not phone.exception
    assert content.modes.workshop.following.format(code=spoken(code)) in everything_shown(phone)


@pytest.mark.parametrize("value", HOSTILE)
def test_an_odd_code_gets_a_calm_message_and_is_never_shown_back(
    value: str, content: Content
) -> None:
    phone = join(value)
    words = content.modes.workshop
    assert [w.value for w in phone.warning] == [words.bad_code]
    shown = everything_shown(phone)
    for fragment in ("onerror", "evil.example", "frac", "34O", "AAAAAAAAAA"):
        assert fragment not in shown
    assert ROOM_KEY not in phone.session_state


def test_an_unknown_code_gets_a_calm_message(content: Content) -> None:
    phone = join("WWWWWW")
    assert [w.value for w in phone.warning] == [content.modes.workshop.unknown_room]
    assert phone.get("page_link")


def test_a_room_ends_by_itself_after_the_set_time(
    monkeypatch: pytest.MonkeyPatch, content: Content
) -> None:
    monkeypatch.setenv("SCIATICA_GUIDE_ROOM_TTL_HOURS", "0.0003")  # about a second
    presenter, code = presenter_with_room()
    phone = join(code)
    time.sleep(1.5)
    presenter.run()
    phone.run()
    words = content.modes.workshop
    assert words.expired_presenter in everything_shown(presenter)
    assert [w.value for w in phone.warning] == [words.unknown_room]


def test_redis_unreachable_is_one_line_for_the_presenter_and_calm_for_phones(
    monkeypatch: pytest.MonkeyPatch, content: Content
) -> None:
    port = free_port()  # nothing listens there
    monkeypatch.setenv("SCIATICA_GUIDE_ROOM_STORE", f"redis://:secret@127.0.0.1:{port}/0")
    presenter = start({"mode": "presenter"}, "present.py")
    presenter.button(key="workshop-start").click().run()
    assert not presenter.exception
    errors = [e.value for e in presenter.error]
    assert len(errors) == 1
    line = unescape_markdown(errors[0])
    # The setting, never the store's address on a projector (issue #29, point 7).
    assert "SCIATICA_GUIDE_ROOM_STORE" in line and "rooms: shared store" in line
    assert "127.0.0.1" not in line and str(port) not in line
    assert "secret" not in line and "Traceback" not in line
    # The presenter's own page still works.
    control(presenter, "present-next").click().run()
    assert not presenter.exception
    phone = join("ACFHKM")
    assert [w.value for w in phone.warning] == [content.modes.workshop.unavailable]
    phone.switch_page("app_pages/techniques.py").run()
    assert not phone.exception
    assert phone.title[0].value == content.page("techniques").title


def test_clinic_mode_has_no_rooms(content: Content) -> None:
    assert content.page("join") not in content.pages_in("clinic")
    assert content.page("join") not in content.pages_in("presenter")
    tablet = start({"mode": "clinic"})
    assert not any(b.key and b.key.startswith("workshop") for b in tablet.button)
    assert content.modes.workshop.start_page_prompt not in [e.label for e in tablet.expander]


def test_without_an_address_the_presenter_is_told_how_to_get_a_qr_code(
    content: Content,
) -> None:
    # AppTest has no browser address, like a server that cannot tell its own. The strip says so
    # in one line, with why on request; the large join code (J) says why in full.
    words = content.modes.workshop
    at, _ = presenter_with_room()
    (line,) = [c for c in at.caption if words.strip_no_address in c.value]
    assert line.help == words.no_address_hint
    assert not at.warning
    at.button(key=drawn_key("workshop-toggle-code", False)).click().run()
    assert words.no_address_hint in [w.value for w in at.warning]


# --- the region panel: the phone's and the body map's say the same -----------------------------
#: PanelText fields that are ids or switches, not words on screen.
NOT_WORDS = {"region_id", "id", "level", "emergency", "blocked_urgent"}


def panel_words(value: Any) -> list[str]:
    """Every text a region's panel says (PanelText's words, nested and in tuples)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple):
        return [word for item in value for word in panel_words(item)]
    if dataclasses.is_dataclass(value):
        return [
            word
            for f in dataclasses.fields(value)
            if f.name not in NOT_WORDS
            for word in panel_words(getattr(value, f.name))
        ]
    return []


def _plain(text: str) -> str:
    return " ".join(unescape_markdown(text).split())


@pytest.mark.parametrize(
    ("region_id", "answers"),
    [
        # Warnings with calls, and every technique's marks in words.
        ("calf-left", {}),
        # Answers that rule techniques out: why each is not drawn.
        ("calf-right", {"precautions": ["blood-thinners"]}),
        # An urgent-help sign: nothing is drawn, said once as an urgent order.
        ("calf-left", {"red_flags": ["both-legs"]}),
    ],
)
def test_a_phone_shows_the_region_as_the_body_map_does(
    content: Content, region_id: str, answers: dict[str, Any]
) -> None:
    presenter, code = presenter_with_room()
    presenter.switch_page("app_pages/body_map.py").run()
    presenter.session_state[SELECTED_REGION] = region_id
    presenter.run()
    phone = start({"room": code}, "join.py", {**phone_state(code), ANSWERS: answers})
    assert not phone.exception
    body_map = start({"region": region_id}, "body_map.py", {ANSWERS: answers})

    help = settings_help(content, load_settings())
    text = region_text(content, region_id, help.number, Answers.from_mapping(answers))
    assert text is not None
    words = panel_words(text)
    # The massage marks' words are part of it (or, with those answers, why they are not drawn).
    marks = [w for card in text.techniques for w in (*card.mark_words, card.withheld) if w]
    assert marks or text.blocked
    assert set(marks) <= set(words)

    phone_markdown = [str(m.value) for m in phone.markdown]
    phone_shown = _plain(
        "\n".join(
            [everything_shown(phone), *(str(link.proto.label) for link in phone.get("page_link"))]
        )
    )
    map_shown = " ".join(panel_text(body_map).split())
    for word in words:
        assert _plain(word) in phone_shown, f"the phone's panel leaves out {word!r}"
        assert " ".join(word.split()) in map_shown, f"the body map's panel leaves out {word!r}"
    # Each warning with its one tap to call, in both.
    for warning in text.warnings:
        row = call_row_html(content, help, warning.level, emergency=warning.emergency)
        assert row in phone_markdown
        assert row in shown_panel_html(body_map)
    # An urgent sign is an urgent order in both.
    if text.blocked_urgent:
        assert text.blocked is not None
        assert [unescape_markdown(str(e.value)) for e in phone.error] == [text.blocked]
        assert ("error", text.blocked) in shown_blocks(body_map)
