"""Room codes, the shared view and the join address: the pure parts of a workshop."""

from __future__ import annotations

import itertools

import pytest

from sciatica_guide.content import Content
from sciatica_guide.settings import DEFAULT_ROOM_TTL_HOURS, SettingsError, load_settings
from sciatica_guide.ui.show_technique import ask_to_show, technique_on_screen
from sciatica_guide.workshop.codes import ALPHABET, CODE_LENGTH, new_code, parse_code, spoken
from sciatica_guide.workshop.follow import (
    SharedView,
    guide_root,
    is_local_address,
    join_url,
    page_for_step,
    read_view,
    shared_view,
)

LOOK_ALIKES = "0OQD1IL2Z5S8BUV"


def test_codes_have_no_look_alikes_and_are_not_sequential() -> None:
    assert not set(LOOK_ALIKES) & set(ALPHABET)
    codes = [new_code() for _ in range(3000)]
    assert all(len(c) == CODE_LENGTH and set(c) <= set(ALPHABET) for c in codes)
    # 21**6 codes: a repeat among 3000 happens about 1 run in 20 (the stores retry on a clash),
    # so allow chance repeats; four or more would mean about 1 in 3 million.
    assert len(codes) - len(set(codes)) <= 3
    # Random, not counting up: neighbours share few places (about 6/21 expected by chance).
    same = sum(a[i] == b[i] for a, b in itertools.pairwise(codes) for i in range(6))
    assert same / (len(codes) - 1) < 1.0
    # Every symbol turns up in every place.
    for place in range(CODE_LENGTH):
        assert {c[place] for c in codes} == set(ALPHABET)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ACF347", "ACF347"),
        ("acf 347", "ACF347"),
        (" acf-347 ", "ACF347"),
        ("ACF.347", "ACF347"),
    ],
)
def test_a_code_is_read_however_it_is_typed(typed: str, expected: str) -> None:
    assert parse_code(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "ACF34",
        "ACF3477",
        "ACF 34O",  # a letter O: not in any code
        "ACF<b>7",
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "ACF347" * 100,
        "ÄCF347",
        None,
        123456,
    ],
)
def test_anything_else_is_not_a_code(typed: object) -> None:
    assert parse_code(typed) is None


def test_a_code_is_shown_in_two_groups() -> None:
    assert spoken("ACF347") == "ACF 347"


def test_only_what_the_page_shows_is_shared() -> None:
    assert shared_view("present", step=3, region="calf-left", nerve=True) == SharedView(
        "present", step=3
    )
    assert shared_view("body-map", step=3, region="calf-left", nerve=True) == SharedView(
        "body-map", region="calf-left", nerve=True
    )
    assert shared_view("techniques", step=3, region="calf-left") == SharedView("techniques")


def test_a_stored_view_is_checked_before_it_is_shown(content: Content) -> None:
    pages = [p.id for p in content.pages.pages]
    regions = [r.id for r in content.regions()]
    total = len(content.article.all_sections())

    def read(raw: dict[str, object]) -> SharedView | None:
        return read_view(raw, pages, total, regions)

    assert read({"page": "present", "step": 2}) == SharedView("present", step=2)
    assert read({"page": "present", "step": 999}) == SharedView("present", step=0)
    assert read({"page": "present", "step": True}) == SharedView("present", step=0)
    assert read({"page": "body-map", "region": "calf-left", "nerve": True, "roots": "yes"}) == (
        SharedView("body-map", region="calf-left", nerve=True, roots=False)
    )
    assert read({"page": "body-map", "region": "<img src=x>"}) == SharedView("body-map")
    assert read({"page": "nowhere"}) is None
    assert read({"page": "join"}) is None
    assert read({}) is None


def test_the_technique_the_presenter_opened_is_shared_and_checked(content: Content) -> None:
    pages = [p.id for p in content.pages.pages]
    techniques = [t.id for t in content.techniques.techniques]
    view = shared_view("techniques", technique="deep-tissue")
    assert view == SharedView("techniques", technique="deep-tissue")
    assert read_view(view.as_dict(), pages, 1, [], techniques) == view
    # Only a technique of the content is shown; anything else is the page alone.
    for odd in ("<img src=x>", 3, "", None):
        raw = {"page": "techniques", "technique": odd}
        assert read_view(raw, pages, 1, [], techniques) == SharedView("techniques")
    # Another page carries no technique.
    assert shared_view("present", technique="deep-tissue") == SharedView("present")


def test_the_opened_technique_lasts_while_its_page_is_on_screen() -> None:
    state: dict[str, object] = {}
    ask_to_show(state, "deep-tissue")
    assert technique_on_screen(state, "techniques") == "deep-tissue"
    assert technique_on_screen(state, "techniques") == "deep-tissue"  # a rerun keeps it
    assert technique_on_screen(state, "body-map") is None
    assert technique_on_screen(state, "techniques") is None  # opened from the menu: all of them


def test_read_on_my_own_opens_the_page_with_that_section(content: Content) -> None:
    sections = content.article.all_sections()
    headings = [s.heading for s in sections]
    assert page_for_step(content, 0) == "overview"
    assert page_for_step(content, headings.index("Trigger Point Therapy")) == "techniques"
    assert page_for_step(content, len(sections) - 1) == "beyond"
    assert page_for_step(content, 999) == "overview"


@pytest.mark.parametrize(
    ("url", "path", "root"),
    [
        ("http://10.0.0.5:8501/present", "present", "http://10.0.0.5:8501"),
        ("https://guide.example.org/", "", "https://guide.example.org"),
        ("https://example.org/guide/body-map", "body-map", "https://example.org/guide"),
        (None, "present", None),
        ("javascript:alert(1)", "", None),
    ],
)
def test_the_guide_root_comes_from_the_browsers_address(
    url: str | None, path: str, root: str | None
) -> None:
    assert guide_root(url, path) == root


def test_the_join_address_carries_only_the_code() -> None:
    assert join_url("https://guide.example.org/", "ACF347") == (
        "https://guide.example.org/join?room=ACF347"
    )


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://localhost:8501", True),
        ("http://127.0.0.1:8501", True),
        ("http://[::1]:8501", True),
        ("http://0.0.0.0:8501", True),
        ("http://app.localhost", True),
        ("http://192.168.1.20:8501", False),
        ("https://guide.example.org", False),
    ],
)
def test_an_address_only_this_computer_can_open_is_noticed(url: str, local: bool) -> None:
    assert is_local_address(url) is local


def test_room_settings_have_safe_defaults_and_are_checked() -> None:
    settings = load_settings({})
    assert settings.room_store == "memory"
    assert settings.room_ttl_hours == DEFAULT_ROOM_TTL_HOURS == 4
    settings = load_settings(
        {
            "SCIATICA_GUIDE_ROOM_STORE": "redis://redis:6379/0",
            "SCIATICA_GUIDE_ROOM_TTL_HOURS": "1.5",
        }
    )
    assert settings.room_store == "redis://redis:6379/0" and settings.room_ttl_hours == 1.5
    for name, value in [
        ("ROOM_TTL_HOURS", "soon"),
        ("ROOM_TTL_HOURS", "0"),
        ("ROOM_TTL_HOURS", "-2"),
        ("ROOM_TTL_HOURS", "nan"),
        ("ROOM_TTL_HOURS", "1000"),
        ("ROOM_STORE", "postgres://db"),
        ("ROOM_STORE", "redis-host:6379"),
    ]:
        with pytest.raises(SettingsError, match=f"SCIATICA_GUIDE_{name}"):
            load_settings({f"SCIATICA_GUIDE_{name}": value})
