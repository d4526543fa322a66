"""What the guide's server refuses before Streamlit sees it (serve.py wraps Streamlit in these).

Everything here uses Streamlit's public server API (``st.App``: middleware, routes, lifespan) and
plain ASGI; nothing reaches into Streamlit's own code.

- Cross-origin websocket handshakes are refused with 403. Streamlit 1.67 accepts a handshake at
  once when its ``Origin`` names the ``Host`` it came to; for any other ``Origin`` it looks up the
  server's public address (checkip.amazonaws.com, blocking the event loop for up to 2 s, not
  cached when it fails) before refusing it. A foreign page could so freeze every session and make
  the guide contact another host (docs/upstream/streamlit-origin-lookup.md). Only handshakes that
  Streamlit takes for same-origin are let through, so the lookup never starts.
- ``/_stcore/metrics`` (session counts, cache sizes) answers 404 unless the operator asks for it
  (SCIATICA_GUIDE_METRICS=on).
- When a websocket closes, a full garbage collection runs once Streamlit may have dropped the
  session (after ``server.disconnectedSessionTTL``): the guide's collector is tuned to run
  rarely (sciatica_guide/tuning.py), and a closed session's memory must not wait for it.
- ``/_guide/ready`` answers 200 "ok" only while the content and settings load (readiness probe).
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

STREAM_SUFFIX = "/_stcore/stream"
METRICS_SUFFIX = "/_stcore/metrics"
READY_PATH = "/_guide/ready"
#: Seconds after Streamlit may drop a disconnected session before the collection runs.
COLLECT_MARGIN_SECONDS = 2.0


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return None


def is_same_origin(origin: str | None, host: str | None) -> bool:
    """True when Streamlit would accept the handshake as same-origin, without any lookup.

    No Origin: not a browser page (browsers always send one on a websocket), Streamlit accepts
    it without a lookup. Otherwise the Origin must be ``http(s)://`` and the Host header exactly,
    character for character, as Streamlit compares them (``urlparse(origin).netloc == host``):
    ``https://guide.example.org`` and ``guide.example.org``. Anything Streamlit would not take
    for same-origin at once (other case, a path, another scheme) is refused here.
    """
    if origin is None:
        return True
    if host is None:
        return False
    for scheme in ("http://", "https://"):
        if origin.startswith(scheme):
            return origin[len(scheme) :] == host and urlsplit(origin).netloc == host
    return False


class SessionEndCollector:
    """One full garbage collection after sessions end; never more often than once per delay.

    `delay` already holds a margin over Streamlit's TTL (COLLECT_MARGIN_SECONDS): sessions that
    close within `slack` of the one that scheduled a pass are gone by the time it runs. Streamlit
    forgets an expired session only when its session store is next used (a later disconnect), so
    a session can become garbage just after a pass: one follow-up pass, `followup` seconds after
    the last pass of a burst, catches it (measured: without it, about one run in four kept the
    memory of 30 closed sessions until the next visitor left).
    """

    def __init__(
        self,
        delay: float,
        collect: Callable[[], object] = gc.collect,
        slack: float = COLLECT_MARGIN_SECONDS / 2,
        followup: float | None = 2 * COLLECT_MARGIN_SECONDS,
    ) -> None:
        self.delay = delay
        self.slack = slack
        self.followup = followup
        self._is_followup = False
        self._collect = collect
        #: Sessions closed up to this time (plus `slack`) have ended when the pending pass runs.
        self._covered = 0.0
        self._latest_close = 0.0
        self._handle: asyncio.TimerHandle | None = None
        self.collections = 0

    def session_closed(self) -> None:
        self._latest_close = time.monotonic()
        if self._handle is None or self._is_followup:
            if self._handle is not None:
                self._handle.cancel()
            self._schedule()

    def _schedule(self) -> None:
        loop = asyncio.get_running_loop()
        self._covered = self._latest_close
        delay = self._latest_close + self.delay - time.monotonic()
        self._is_followup = False
        self._handle = loop.call_later(max(0.0, delay), self._run)

    def _run(self) -> None:
        self._handle = None
        self._collect()
        self.collections += 1
        # Sessions that closed well after the ones this pass covered end later: one more pass.
        if self._latest_close > self._covered + self.slack:
            self._schedule()
        elif not self._is_followup and self.followup is not None:
            self._is_followup = True
            self._handle = asyncio.get_running_loop().call_later(self.followup, self._run)
        else:
            self._is_followup = False

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None


async def _send_status(send: Send, status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class GuardMiddleware:
    """Plain ASGI middleware in front of Streamlit (st.App(middleware=...))."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        metrics: Callable[[], bool],
        collector: Callable[[], SessionEndCollector | None],
    ) -> None:
        self.app = app
        self._metrics = metrics
        self._collector = collector

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope.get("type")
        path = str(scope.get("path", ""))
        if kind == "websocket" and path.endswith(STREAM_SUFFIX):
            if not is_same_origin(_header(scope, b"origin"), _header(scope, b"host")):
                # Closing before accepting makes the server answer the handshake with 403.
                await send({"type": "websocket.close", "code": 1008})
                return
            try:
                await self.app(scope, receive, send)
            finally:
                collector = self._collector()
                if collector is not None:
                    collector.session_closed()
            return
        if kind == "http" and path.endswith(METRICS_SUFFIX) and not self._metrics():
            await _send_status(send, 404, b"Not Found")
            return
        await self.app(scope, receive, send)


#: Streamlit's own front-end files (content-hashed names, the same bytes for every visitor).
STATIC_PREFIX = "/static/"
#: Requests that need Streamlit's own answer (a part of a file, or "not modified").
_CONDITIONAL = (b"range", b"if-none-match", b"if-modified-since", b"if-range")
#: Files larger than this are never kept (Streamlit's largest front-end file is about 2 MB), and
#: no more than STATIC_CACHE_MAX_TOTAL in all (a first visit fetches about 3 MB).
STATIC_CACHE_MAX_FILE = 4 * 1024 * 1024
STATIC_CACHE_MAX_TOTAL = 32 * 1024 * 1024


class StaticCacheMiddleware:
    """Streamlit's front-end files answered from memory after the first time they were sent.

    A first visit fetches about 100 of them (3 MB); each costs Streamlit's server about 1 ms of
    Python (routing, a file check, a read in a worker thread), on the same process and lock that
    runs the visitor's first script run. The first complete 200 answer to a plain GET of a path
    under /static/ is kept as it was sent (status, headers, body) and sent again as it is for the
    same path: the same bytes and headers, no Set-Cookie (an answer that sets one is never kept).
    Anything else (another method, a part of a file, a conditional request, another path) goes to
    Streamlit as before.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_file: int = STATIC_CACHE_MAX_FILE,
        max_total: int = STATIC_CACHE_MAX_TOTAL,
    ) -> None:
        self.app = app
        self.max_file = max_file
        self.max_total = max_total
        self._kept: dict[str, tuple[Message, bytes]] = {}
        self._kept_bytes = 0

    def _cacheable(self, scope: Scope) -> bool:
        if scope.get("type") != "http" or scope.get("method") != "GET":
            return False
        if not str(scope.get("path", "")).startswith(STATIC_PREFIX) or scope.get("query_string"):
            return False
        return not any(key.lower() in _CONDITIONAL for key, _ in scope.get("headers", ()))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._cacheable(scope):
            await self.app(scope, receive, send)
            return
        path = str(scope["path"])
        kept = self._kept.get(path)
        if kept is not None:
            start, body = kept
            await send(dict(start))
            await send({"type": "http.response.body", "body": body})
            return
        start_message: Message | None = None
        parts: list[bytes] = []
        size = 0
        complete = False

        async def record(message: Message) -> None:
            nonlocal start_message, size, complete
            if message["type"] == "http.response.start":
                start_message = dict(message)
            elif message["type"] == "http.response.body":
                body = bytes(message.get("body", b""))
                size += len(body)
                if size <= self.max_file:
                    parts.append(body)
                if not message.get("more_body", False):
                    complete = True
            await send(message)

        await self.app(scope, receive, record)
        if start_message is None or not complete or size > self.max_file:
            return
        if self._kept_bytes + size > self.max_total or path in self._kept:
            return
        headers = start_message.get("headers", ())
        if start_message.get("status") != 200 or any(
            bytes(key).lower() == b"set-cookie" for key, _ in headers
        ):
            return
        self._kept[path] = (start_message, b"".join(parts))
        self._kept_bytes += size
