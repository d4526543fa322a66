"""What the body map page sends the browser for one view: every region's panel (HTML), the
phone bar's first lines, and the chosen region's technique marks.

All of it comes from the same models (`region_panel`, `region_marks`). Without self-assessment
answers (most visits) it is the same for everyone in a country, so it is kept in Streamlit's cache
per content folder, view and the session's numbers (LocalHelp): a page run then sends it without
building it (about 1 ms for a view's panels, 0.25 ms for a region's marks; docs/performance.md).
Answers are never a cache key: with answers, everything is built for the session alone and kept
nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from sciatica_guide.assessment.rules import Answers
from sciatica_guide.body_map.component import BOTH_VIEWS
from sciatica_guide.body_map.marks import marks_data, region_marks
from sciatica_guide.body_map.panel import RegionPanel, region_panel
from sciatica_guide.body_map.panel_html import first_line, panel_html
from sciatica_guide.content import Content
from sciatica_guide.local_help import LocalHelp
from sciatica_guide.ui.state import ContentKey, content_in, shared_content_dir


@dataclass(frozen=True)
class ViewData:
    #: Region id -> the panel's HTML.
    panels: dict[str, str]
    #: Region id -> the name and first line for the phone's bar (panel_html.first_line).
    briefs: dict[str, dict[str, Any]]


def build_view_data(content: Content, view: str, help: LocalHelp, answers: Answers) -> ViewData:
    panels: list[RegionPanel] = [
        panel
        for region in content.regions()
        if view == BOTH_VIEWS or region.view == view
        if (panel := region_panel(content, region.id, help.number)) is not None
    ]
    href = content.page("techniques").url_path
    return ViewData(
        panels={
            p.region.id: panel_html(
                content, p, region_marks(content, p.region.id, answers), href, help, answers
            )
            for p in panels
        },
        briefs={p.region.id: first_line(content, p, help) for p in panels},
    )


# Keyed by the help's repr: every field of it and of the dataclasses in it, so two helps with the
# same repr are equal. Streamlit's own hashing of the object took about 0.7 ms a page run (repr
# about 0.01 ms).
@st.cache_resource(show_spinner=False, max_entries=16, hash_funcs={LocalHelp: repr})
def _default_view_in(content_dir: ContentKey, view: str, help: LocalHelp) -> ViewData:
    return build_view_data(content_in(content_dir), view, help, Answers())


def _cacheable(content: Content, answers: Answers) -> ContentKey | None:
    """The shared content's folder when nothing about the person shapes the result; else None."""
    return shared_content_dir(content) if answers == Answers() else None


def view_data(content: Content, view: str, help: LocalHelp, answers: Answers) -> ViewData:
    """Everything the panel and the map's bar need for `view` (or BOTH_VIEWS: every region),
    with `help`'s numbers (the session's)."""
    content_dir = _cacheable(content, answers)
    if content_dir is not None:
        return _default_view_in(content_dir, view, help)
    return build_view_data(content, view, help, answers)


@st.cache_resource(show_spinner=False, max_entries=16)
def _default_marks_in(content_dir: ContentKey, number: str) -> dict[str, dict[str, Any]]:
    """Every region's marks without answers (about 0.25 ms each, built once per number)."""
    content = content_in(content_dir)
    return {
        region.id: marks_data(content, region_marks(content, region.id, Answers()), number)
        for region in content.regions()
    }


@dataclass(frozen=True)
class Marks:
    """Any region's marks for one content, number and set of answers.

    Looked up once per page run and handed to the list's fragment, so a tap (a fragment run)
    takes its region's marks from a dict: no cache lookup, no content folder to resolve.
    """

    content: Content
    number: str
    answers: Answers
    #: Every region's marks when nothing about the person shapes them (shared); else None.
    shared: dict[str, dict[str, Any]] | None

    def of(self, region_id: str | None) -> dict[str, Any]:
        """The marks the map may draw on `region_id`, after the answers; {} for none."""
        if region_id is None or self.content.region(region_id) is None:
            return {}
        if self.shared is not None:
            return self.shared[region_id]
        marks = region_marks(self.content, region_id, self.answers)
        return marks_data(self.content, marks, self.number)


def marks_for(content: Content, number: str, answers: Answers) -> Marks:
    """Every region's marks for this content, number and these answers (built as asked for)."""
    content_dir = _cacheable(content, answers)
    shared = _default_marks_in(content_dir, number) if content_dir is not None else None
    return Marks(content, number, answers, shared)


def chosen_marks(
    content: Content, region_id: str | None, number: str, answers: Answers
) -> dict[str, Any]:
    """The marks the map may draw on the chosen region, after the answers; {} for none."""
    return marks_for(content, number, answers).of(region_id)
