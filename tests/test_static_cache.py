"""Streamlit's front-end files from memory (server_guard.StaticCacheMiddleware): the answer kept is
the answer Streamlit gave, and anything that needs Streamlit's own answer still gets it."""

from __future__ import annotations

from typing import Any

from guide_testing.event_loop import run_in_own_thread
from sciatica_guide.server_guard import StaticCacheMiddleware

Message = dict[str, Any]


class Files:
    """A stand-in for Streamlit's static route: counts calls, answers in two body parts."""

    def __init__(self, status: int = 200, headers: list[tuple[bytes, bytes]] | None = None):
        self.calls = 0
        self.status = status
        self.headers = headers or [(b"content-type", b"application/javascript"), (b"etag", b'"1"')]

    async def __call__(self, scope: Message, receive: Any, send: Any) -> None:
        self.calls += 1
        body = f"file {scope['path']}".encode()
        await send({"type": "http.response.start", "status": self.status, "headers": self.headers})
        await send({"type": "http.response.body", "body": body[:3], "more_body": True})
        await send({"type": "http.response.body", "body": body[3:]})


def fetch(app: Any, path: str, method: str = "GET", headers: Any = ()) -> tuple[Message, bytes]:
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "headers": list(headers)}
    run_in_own_thread(app(scope, receive, send))
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return sent[0], body


def test_a_static_file_is_answered_from_memory_the_same_way() -> None:
    files = Files()
    app = StaticCacheMiddleware(files)
    first = fetch(app, "/static/js/index.js")
    second = fetch(app, "/static/js/index.js")
    assert files.calls == 1
    assert second == first
    assert first[1] == b"file /static/js/index.js"


def test_what_needs_streamlits_own_answer_goes_to_streamlit() -> None:
    files = Files()
    app = StaticCacheMiddleware(files)
    fetch(app, "/static/js/index.js")
    fetch(app, "/static/js/index.js", headers=[(b"range", b"bytes=0-9")])
    fetch(app, "/static/js/index.js", headers=[(b"if-none-match", b'"1"')])
    fetch(app, "/static/js/index.js", method="HEAD")
    fetch(app, "/body-map")
    fetch(app, "/body-map")
    assert files.calls == 6


def test_answers_that_set_a_cookie_or_fail_are_never_kept() -> None:
    for files in (Files(headers=[(b"set-cookie", b"a=b")]), Files(status=404)):
        app = StaticCacheMiddleware(files)
        fetch(app, "/static/js/x.js")
        fetch(app, "/static/js/x.js")
        assert files.calls == 2


def test_the_memory_it_keeps_is_bounded() -> None:
    files = Files()
    app = StaticCacheMiddleware(files, max_file=100, max_total=50)
    for name in ("a", "b", "c", "d"):
        fetch(app, f"/static/js/{name}.js")  # 21 bytes each: two fit in 50
    for name in ("a", "b", "c", "d"):
        fetch(app, f"/static/js/{name}.js")
    assert files.calls == 6
