"""The one selected region: reading `?region=` safely and deciding what the map shows."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sciatica_guide.content import Content
from sciatica_guide.content.models import View

#: The URL query parameter that names the selected region, so a view can be shared.
REGION_PARAM = "region"
#: Longer values cannot be a region id; they are refused before any other work.
MAX_PARAM_LENGTH = 64
_SEPARATORS = re.compile(r"[\s_]+")
_ID_SHAPE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class UrlRegion:
    """What `?region=` said: a known region id, or a value that names no region (a problem)."""

    region_id: str | None = None
    problem: bool = False


def normalise_region_value(raw: str) -> str:
    """Forgive how people type or paste an id: case, spaces and underscores ("Calf Left")."""
    return _SEPARATORS.sub("-", raw.strip().lower()).strip("-")


def parse_region_param(values: Sequence[str], known: Iterable[str]) -> UrlRegion:
    """Read every `region` value of the URL; the last one counts, as in Streamlit's query_params.

    An empty value means nothing was chosen. Anything else that is not a known region id (too
    long, odd characters, an old or mistyped id) is a problem the page explains, never an error.
    """
    if not values:
        return UrlRegion()
    raw = values[-1]
    if not isinstance(raw, str) or not raw.strip():
        return UrlRegion()
    if len(raw) > MAX_PARAM_LENGTH:
        return UrlRegion(problem=True)
    value = normalise_region_value(raw)
    if _ID_SHAPE.match(value) and value in set(known):
        return UrlRegion(region_id=value)
    return UrlRegion(problem=True)


def resolve_selection(current: str | None, url: UrlRegion, known: Iterable[str]) -> str | None:
    """The region to show: a valid URL value wins (a shared link), else the session's choice."""
    if url.region_id is not None:
        return url.region_id
    return current if current in set(known) else None


def view_of(content: Content, region_id: str | None, fallback: View = "back") -> View:
    """The view a region is drawn in, so choosing "Shin, your left" shows the front."""
    region = content.region(region_id) if region_id else None
    return region.view if region else fallback
