"""What each benchmark does to an app, at the protocol level: which page, which query string.

The guide's scenarios follow its pages: when content/pages.yaml has a page with id "body-map",
a "selection" is a tap on the map, sent as the browser sends it: the relay component's "select"
event, as a run of the fragment that holds it (sciatica_guide/body_map/relay.py).
Without a body map page, selections fall back to reruns of the default
page and page switches alternate between the first two pages. The bare app has one page: every
one of its figures is a rerun of that page with the same query strings.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from sciatica_guide.content import Content, load_content
from sciatica_guide.content.models import PageSpec

BODY_MAP_PAGE_ID = "body-map"


@dataclass(frozen=True)
class Step:
    """One rerun: a page (url path; None stays) and a query string."""

    page: str | None
    query_string: str | None
    #: A region to tap on the body map instead (page and query string stay as they are).
    tap: str | None = None


@dataclass(frozen=True)
class Scenario:
    """The steps one app's sessions take, and words that say what was measured."""

    app: str
    body_map: bool
    first: Step
    selection_description: str
    switch_description: str
    _selections: tuple[Step, ...]
    _switches: tuple[Step, ...]

    def selections(self) -> Iterator[Step]:
        return itertools.cycle(self._selections)

    def switches(self) -> Iterator[Step]:
        return itertools.cycle(self._switches)

    def load_steps(self, reruns: int) -> list[Step]:
        """One session's reruns under load: open the page, then select (or switch) again."""
        rest = self.selections() if self.body_map or self.app == "bare" else self.switches()
        return [self.first, *itertools.islice(rest, max(reruns - 1, 0))]


def _path(page: PageSpec) -> str:
    # Streamlit serves the default page at "/" and lists it with an empty url path.
    return "" if page.default else page.url_path


def _regions(content: Content) -> list[str]:
    wanted = ["calf-left", "calf-right", "buttock-left", "back-thigh-right", "lower-back-left"]
    known = {r.id for r in content.regions()}
    return [r for r in wanted if r in known] or sorted(known)[:5]


def _region_queries(content: Content) -> list[str]:
    return [f"region={r}" for r in _regions(content)]


def guide_scenario(content: Content | None = None) -> Scenario:
    content = content or load_content()
    # The pages a visitor sees in the standard mode (not the presenter's or the clinic's extras).
    pages = content.pages_in("standard")
    default = next((p for p in pages if p.default), pages[0])
    queries = _region_queries(content)
    regions = _regions(content)
    body_map = next((p for p in pages if p.id == BODY_MAP_PAGE_ID), None)
    if body_map is not None:
        other = (
            default if default.id != body_map.id else next(p for p in pages if p is not body_map)
        )
        return Scenario(
            app="guide",
            body_map=True,
            first=Step(_path(body_map), queries[0]),
            selection_description=(
                f"a tap on the body map (/{_path(body_map)}): the relay's select event, as the "
                "browser sends it (a run of the relay's fragment)"
            ),
            switch_description=f"switch between /{_path(body_map)} and /{_path(other)}",
            _selections=tuple(Step(None, None, tap=r) for r in regions[1:] + regions[:1]),
            _switches=(Step(_path(other), ""), Step(_path(body_map), queries[0])),
        )
    second = next(p for p in pages if p is not default)
    return Scenario(
        app="guide",
        body_map=False,
        first=Step("", ""),
        selection_description=(
            "no body map page yet: rerun of the default page (/) with a new ?region= query string"
        ),
        switch_description=f"switch between / and /{second.url_path}",
        _selections=tuple(Step(None, q) for q in queries),
        _switches=(Step(second.url_path, ""), Step("", "")),
    )


def bare_scenario(content: Content | None = None) -> Scenario:
    queries = _region_queries(content or load_content())
    return Scenario(
        app="bare",
        body_map=False,
        first=Step(None, queries[0]),
        selection_description="rerun of its one page with a new ?region= query string",
        switch_description="rerun of its one page (it has no other page)",
        _selections=tuple(Step(None, q) for q in queries[1:] + queries[:1]),
        _switches=tuple(Step(None, q) for q in queries[1:] + queries[:1]),
    )


def first_load_path(content: Content | None = None) -> str:
    """The URL path the browser figures load: the body map page, or the default page."""
    content = content or load_content()
    body_map = next((p for p in content.pages_in("standard") if p.id == BODY_MAP_PAGE_ID), None)
    return _path(body_map) if body_map else ""
