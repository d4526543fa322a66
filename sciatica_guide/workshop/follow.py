"""What a room shares and how phones find it: pure functions, no Streamlit.

A room shares only where the presenter is: the page, the slide (an article section, or a gentle
movement after them: article/slides.py), the body-map region and its two teaching overlays, and
the technique opened by "Read about …". Never anything a person answered or chose on their own.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from sciatica_guide.article.slides import slide_at, slide_count
from sciatica_guide.content import Content
from sciatica_guide.ui.show_movement import MOVEMENTS_PAGE

PRESENT_PAGE = "present"
BODY_MAP_PAGE = "body-map"
TECHNIQUES_PAGE = "techniques"
JOIN_PAGE = "join"
#: The join page's URL parameter: /join?room=ACF347
ROOM_PARAM = "room"


@dataclass(frozen=True)
class SharedView:
    """What the presenter shows, as every phone in the room reads it."""

    page: str
    step: int = 0
    region: str | None = None
    nerve: bool = False
    roots: bool = False
    technique: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def shared_view(
    page: str,
    *,
    step: int = 0,
    region: str | None = None,
    nerve: bool = False,
    roots: bool = False,
    technique: str | None = None,
) -> SharedView:
    """The view to publish from the presenter's page: only what that page shows."""
    if page == PRESENT_PAGE:
        return SharedView(page, step=step)
    if page == BODY_MAP_PAGE:
        return SharedView(page, region=region, nerve=nerve, roots=roots)
    if page == TECHNIQUES_PAGE:
        return SharedView(page, technique=technique)
    return SharedView(page)


def read_view(
    raw: Mapping[str, Any],
    pages: Sequence[str],
    steps: int,
    regions: Sequence[str],
    techniques: Sequence[str] = (),
) -> SharedView | None:
    """A stored view checked against the content; None when there is nothing (valid) to show.

    The store is shared by every replica, so nothing read from it is trusted: unknown pages,
    regions and steps out of range are dropped, never shown.
    """
    page = raw.get("page")
    if not isinstance(page, str) or page not in pages or page == JOIN_PAGE:
        return None
    step = raw.get("step", 0)
    if not isinstance(step, int) or isinstance(step, bool) or not 0 <= step < max(steps, 1):
        step = 0
    region = raw.get("region")
    if not isinstance(region, str) or region not in regions:
        region = None
    technique = raw.get("technique")
    if not isinstance(technique, str) or technique not in techniques:
        technique = None
    return shared_view(
        page,
        step=step,
        region=region,
        nerve=raw.get("nerve") is True,
        roots=raw.get("roots") is True,
        technique=technique,
    )


def guide_root(page_url: str | None, page_path: str) -> str | None:
    """The guide's own address from the address of the page the browser shows.

    `st.context.url` is the browser's address without its query, ending in the page's url path
    (nothing for the start page); the guide may sit under a path behind a proxy.
    """
    if not page_url:
        return None
    try:
        parts = urlsplit(page_url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    path = parts.path.rstrip("/")
    if page_path and path.endswith("/" + page_path):
        path = path[: -len(page_path) - 1]
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def join_url(root: str, code: str) -> str:
    return f"{root.rstrip('/')}/{JOIN_PAGE}?{urlencode({ROOM_PARAM: code})}"


def is_local_address(url: str) -> bool:
    """True for an address only this computer can open (localhost, 127.0.0.1, ::1)."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return True
    if host in ("", "localhost", "0.0.0.0") or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def on_network(root: str, host: str | None) -> str | None:
    """`root` (a local address such as http://localhost:8501/guide) with its host replaced by
    `host`, this computer's network address, keeping the scheme, port and path; None without a
    host or for a root that cannot be read."""
    if not host:
        return None
    try:
        parts = urlsplit(root)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    shown = f"[{host}]" if ":" in host else host
    netloc = f"{shown}:{port}" if port else shown
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def page_for_step(content: Content, step: int) -> str:
    """The guide page that holds the presenter's slide at `step` (an article section, or a
    movement after them), for "Read on my own"."""
    default = next(p.id for p in content.pages.pages if p.default)
    if not 0 <= step < slide_count(content):
        return default
    slide = slide_at(content, step)
    if slide.movement is not None:
        return MOVEMENTS_PAGE
    for page in content.pages.pages:
        for heading in page.article_sections:
            top = next(s for s in content.article.sections if s.heading == heading)
            if any(s is slide.section for s in top.walk()):
                return page.id
    return default
