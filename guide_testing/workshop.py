"""A workshop driven at protocol level: a presenter and phones as websocket sessions.

Shared by the loopback cluster test and benchmarks/workshop_bench.py.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from guide_testing.protocol import RerunResult, StreamlitSession
from sciatica_guide.ui.controls import control_name
from sciatica_guide.workshop.codes import parse_code
from sciatica_guide.workshop.participant_token import (
    TOKEN_COMPONENT_KEY,
    TOKEN_EVENT,
)
from sciatica_guide.workshop.state import (
    PHONE_KEY,
)

_CODE = re.compile(r"class='workshop-code(?:-small)?'>([^<]{7})<")


def room_code(result: RerunResult) -> str:
    """The room code the presenter's page shows."""
    for text in (e.text for e in result.elements if e.text):
        found = _CODE.search(text)
        if found and (code := parse_code(found.group(1))):
            return code
    raise AssertionError("the presenter's page shows no room code")


def press(session: StreamlitSession, label: str, result: RerunResult) -> RerunResult:
    """Press the button labelled `label` on the page `result` shows, as a tap does."""
    widget = next(e.widget_id for e in result.elements if e.text == label and e.widget_id)
    return session.rerun(query_string=None, widget_states={widget: True})


def start_room(presenter: StreamlitSession, start_label: str) -> tuple[str, RerunResult]:
    """Open the presenter's page and start a workshop; the code and the page after."""
    first = presenter.rerun(page="present", query_string="mode=presenter")
    assert first.ok, first.status
    after = press(presenter, start_label, first)
    assert after.ok, after.status
    return room_code(after), after


def step_label_of(result: RerunResult) -> str | None:
    """The "Section n of m" label on a page (the presenter's or a following phone's)."""
    labels = result.texts("progress")
    return labels[0] if labels else None


def new_token() -> str:
    """A token as a browser makes one (16 random bytes, URL-safe base64)."""
    return secrets.token_urlsafe(16)


def phone_state(code: str, token: str | None = None) -> dict[str, Any]:
    """Session state that holds a browser's token for room `code` (AppTest has no browser)."""
    return {PHONE_KEY: {"room": code, "token": token or new_token()}}


def send_token(session: StreamlitSession, code: str, token: str | None = None) -> RerunResult:
    """Send a browser's token for room `code`, as the join page's token component does."""
    value = {"room": code, "token": token or new_token()}
    return session.component_event(TOKEN_COMPONENT_KEY, TOKEN_EVENT, value)


def control(app: Any, name: str) -> Any:
    """An AppTest's presenter control `name` ("quiz-next"): its key also names the step it was
    drawn for (sciatica_guide/ui/controls.py)."""
    found = [b for b in app.button if b.key and control_name(b.key) == name]
    assert len(found) == 1, f"{len(found)} controls named {name}"
    return found[0]


async def wait_for_room(
    url: str,
    code: str,
    token: str,
    after: int,
    *,
    timeout: float = 60.0,
    cookie: str | None = None,
) -> tuple[int, dict[str, Any] | None]:
    """POST the wait request a phone's waker sends (sciatica_guide/workshop/wake.py) and read the
    answer: (status, JSON body or None). One connection per request, as simple as can be;
    `cookie`: a Cookie header's value, as the browser sends it (nginx's sticky route)."""
    import asyncio
    import json
    from urllib.parse import urlsplit

    from sciatica_guide.workshop.wake import WAIT_PATH

    parts = urlsplit(url)
    body = json.dumps({"room": code, "phone": token, "after": after}).encode()
    head = (
        f"POST {parts.path.rstrip('/')}{WAIT_PATH} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        + (f"Cookie: {cookie}\r\n" if cookie else "")
        + "Connection: close\r\n\r\n"
    ).encode()

    async def exchange() -> bytes:
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        try:
            writer.write(head + body)
            await writer.drain()
            return await reader.read()
        finally:
            writer.close()

    raw = await asyncio.wait_for(exchange(), timeout)
    header, _, payload = raw.partition(b"\r\n\r\n")
    status = int(header.split(b" ", 2)[1])
    if b"transfer-encoding: chunked" in header.lower():
        payload = _unchunk(payload)
    return status, (json.loads(payload) if payload.strip() else None)


def _unchunk(data: bytes) -> bytes:
    out = b""
    while data:
        size_line, _, rest = data.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out += rest[:size]
        data = rest[size + 2 :]
    return out
