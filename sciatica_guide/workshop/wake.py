"""Phones follow by push: a route of the guide's own server that answers when a room changes.

Streamlit 1.67 has no public way to start a run of another session, so a phone's page asks: its
room waker (waker.py, a small component) sends ``POST /_guide/rooms/wait`` with the room, its
token and the version it shows, and the answer comes when the room is at another version, or
after WAIT_SECONDS with nothing new (it asks again). On an answer the component reruns the
followed part of the page. The room store tells this process of every change (its
`on_change`: this process's own at once, other replicas' through Redis pub/sub), and each change
wakes the requests waiting on that room. A phone's one-second check stays as a slower fallback
(participant_ui.FALLBACK_POLL_SECONDS), for a proxy that drops the request or a lost notice.

The route tells nothing to anyone but a phone in the room: the room's version, only for a token
that joined it (every answer is also that phone's heartbeat). Anything else gets the same
"look at the page" answer whether the room exists or not, so it cannot test codes. The body is
small JSON and never echoed; the request must say it is JSON, so another site's page cannot send
one without the browser asking this server first (and it allows no other origin).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from sciatica_guide.settings import Mode, Settings
from sciatica_guide.workshop.codes import parse_code
from sciatica_guide.workshop.rooms import EVERY_ROOM, RoomStore, RoomStoreUnavailable, valid_key

#: The route, under the server's base path (server.baseUrlPath), where a proxy sends the page's
#: own requests.
WAIT_PATH = "/_guide/rooms/wait"
#: How long a request waits for a change before "nothing new": well under the read timeouts of
#: proxies (nginx's default is 60 s), and under the phone window (30 s) that its heartbeat keeps.
WAIT_SECONDS = 25.0
#: A request's body: {"room": "ACF347", "phone": token, "after": version}; far less than this.
MAX_BODY_BYTES = 512
#: Requests waiting at once in this process; more are told to come back (503).
MAX_WAITING = 5000
#: How long the store's word that a phone is in its room is trusted: a phone woken by a move asks
#: again at once, and is not checked in the store again within this time (200 phones, no store
#: call after a move). Its page's own check keeps its heartbeat (participant_ui.HEARTBEAT_SECONDS),
#: and a room's end is a change: every phone waiting on it is woken.
TRUST_SECONDS = 30.0
#: Phones and rooms remembered at once before the stale ones are swept out.
MAX_KNOWN = 20_000
#: Room versions are counters; a browser's number beyond this is not one.
MAX_VERSION = 2**53

T = TypeVar("T")


def wait_path(base_url_path: str) -> str:
    """The wait route's path under the server's base path, if any."""
    base = base_url_path.strip("/")
    return f"/{base}{WAIT_PATH}" if base else WAIT_PATH


@dataclass(frozen=True)
class WaitRequest:
    room: str
    phone: str
    after: int


def read_wait_request(body: bytes) -> WaitRequest | None:
    """The request a phone's waker sends, or None for anything else."""
    try:
        value = json.loads(body)
    except ValueError:
        return None
    if not isinstance(value, dict):
        return None
    room, phone, after = parse_code(value.get("room")), value.get("phone"), value.get("after")
    if room is None or not valid_key(phone):
        return None
    if isinstance(after, bool) or not isinstance(after, int) or not 0 <= after <= MAX_VERSION:
        return None
    return WaitRequest(room, phone, after)


class RoomWaiters:
    """Requests waiting for a room to change, on the server's event loop, and what the loop
    knows without asking the store: each room's version from its notices, and which phones the
    store said lately were in their room.

    `changed` may be called from any thread (the store's listener, a session's script thread).
    """

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        *,
        trust_seconds: float = TRUST_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._loop = loop
        self._waiting: dict[str, set[asyncio.Future[int]]] = {}
        self.count = 0
        self.trust_seconds = trust_seconds
        self._clock = clock
        #: room -> its version, from the store's notices and check-ins.
        self._latest: dict[str, int] = {}
        #: (room, phone) -> when the store last said the phone was in the open room.
        self._in_room: dict[tuple[str, str], float] = {}

    def changed(self, code: str, version: int, ended: bool = False) -> None:
        if not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._wake, code, version, ended)

    def _wake(self, code: str, version: int, ended: bool = False) -> None:
        if code == EVERY_ROOM:
            # Notices may have been lost: nothing known is trusted any more.
            self._latest.clear()
            self._in_room.clear()
            woken = [f for waiting in self._waiting.values() for f in waiting]
            self._waiting.clear()
        else:
            if ended:
                # Over: whoever asks again is answered by the store ("look").
                self._latest.pop(code, None)
            else:
                self._latest[code] = max(version, self._latest.get(code, version))
            woken = list(self._waiting.pop(code, set()))
        for future in woken:
            if not future.done():
                future.set_result(version)

    def add(self, code: str) -> asyncio.Future[int]:
        future: asyncio.Future[int] = self._loop.create_future()
        self._waiting.setdefault(code, set()).add(future)
        self.count += 1
        return future

    def discard(self, code: str, future: asyncio.Future[int]) -> None:
        waiting = self._waiting.get(code)
        if waiting is not None and future in waiting:
            waiting.discard(future)
            if not waiting:
                del self._waiting[code]
        self.count -= 1

    def known(self, code: str, phone: str) -> int | None:
        """The room's version, when the store said lately that this phone is in it (so the
        store need not be asked again); else None."""
        since = self._in_room.get((code, phone))
        if since is None or self._clock() - since > self.trust_seconds:
            return None
        return self._latest.get(code)

    def in_room(self, code: str, phone: str, version: int | None = None) -> None:
        # (Only from the store's word or a wake of a phone already known to be in the room.)
        """The store said now that `phone` is in the open room (at `version`, if it said)."""
        if len(self._in_room) >= MAX_KNOWN:
            now = self._clock()
            self._in_room = {
                k: t for k, t in self._in_room.items() if now - t <= self.trust_seconds
            }
            if len(self._latest) >= MAX_KNOWN:
                self._latest.clear()
        self._in_room[(code, phone)] = self._clock()
        if version is not None:
            self._latest[code] = max(version, self._latest.get(code, version))


def _answer(status: int, body: dict[str, Any] | None = None) -> Response:
    headers = {"Cache-Control": "no-store"}
    if body is None:
        return Response(status_code=status, headers=headers)
    return JSONResponse(body, status_code=status, headers=headers)


#: "Run the page once to see why": the room is over or gone, this token is not in it, or the
#: store lost touch.
LOOK = {"look": True}


class RoomWaitRoute:
    """The wait route's handler: `settings()` is the server's checked settings (None before it
    is ready), `store_for(settings)` the process's room store (the one the pages use)."""

    def __init__(
        self,
        settings: Callable[[], Settings | None],
        store_for: Callable[[Settings], RoomStore],
        *,
        wait_seconds: float = WAIT_SECONDS,
    ) -> None:
        self._settings = settings
        self._store_for = store_for
        self.wait_seconds = wait_seconds
        # Store calls may block (Redis): a few threads of their own, never the event loop.
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="guide-room-wait")
        self._waiters: RoomWaiters | None = None
        self._watched: RoomStore | None = None
        self._stop_watching: Callable[[], None] | None = None
        self._store: tuple[tuple[str, float], RoomStore] | None = None

    async def _run(self, call: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._pool, call)

    async def _store_of(self, settings: Settings) -> RoomStore:
        """The pages' store (set up once, on a thread: a Redis client may connect)."""
        key = (settings.room_store, settings.room_ttl_hours)
        if self._store is None or self._store[0] != key:
            self._store = (key, await self._run(partial(self._store_for, settings)))
        return self._store[1]

    def _waiters_for(self, store: RoomStore) -> RoomWaiters:
        if self._waiters is None:
            self._waiters = RoomWaiters(asyncio.get_running_loop())
        if store is not self._watched:
            if self._stop_watching is not None:
                self._stop_watching()
            self._stop_watching = store.on_change(self._waiters.changed)
            self._watched = store
        return self._waiters

    async def handle(self, request: Request) -> Response:
        """The phone's wait: see the module's docstring for every answer."""
        settings = self._settings()
        if settings is None or settings.mode is Mode.CLINIC:
            return _answer(404)
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return _answer(415)
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY_BYTES:
                return _answer(413)
        wanted = read_wait_request(body)
        if wanted is None:
            return _answer(400)
        try:
            store = await self._store_of(settings)
        except RoomStoreUnavailable:
            return _answer(503)
        waiters = self._waiters_for(store)
        if waiters.count >= MAX_WAITING:
            return _answer(503)
        # Waiting before reading: a change between the read and the wait still wakes it.
        future = waiters.add(wanted.room)
        # A phone that goes away (tab closed, network lost, server stopping) stops its wait at
        # once: nothing is held for it, and a server's graceful stop need not wait 25 s for it.
        gone = asyncio.ensure_future(_disconnected(request))
        try:
            return await self._wait(store, waiters, wanted, future, gone)
        except RoomStoreUnavailable:
            return _answer(503)
        finally:
            gone.cancel()
            waiters.discard(wanted.room, future)

    async def _wait(
        self,
        store: RoomStore,
        waiters: RoomWaiters,
        wanted: WaitRequest,
        future: asyncio.Future[int],
        gone: asyncio.Future[None],
    ) -> Response:
        # Only a phone in an open room learns anything; asking the store counts as its check-in.
        version = waiters.known(wanted.room, wanted.phone)
        if version is None:
            version = await self._run(partial(store.check_in, wanted.room, wanted.phone))
            if version is None:
                return _answer(409, LOOK)
            waiters.in_room(wanted.room, wanted.phone, version)
        if version != wanted.after:
            return _answer(200, {"version": version})
        either: list[asyncio.Future[Any]] = [future, gone]
        await asyncio.wait(either, timeout=self.wait_seconds, return_when="FIRST_COMPLETED")
        if not future.done():
            # Nothing new in time (or nobody left to tell).
            return _answer(204)
        version = future.result()
        if version < 0:
            # The store lost touch (Redis went away or came back): the page looks for itself.
            return _answer(409, LOOK)
        # In the room while it waited: the page's run and its next request need no check.
        waiters.in_room(wanted.room, wanted.phone)
        return _answer(200, {"version": version})


async def _disconnected(request: Request) -> None:
    """Returns when the client has gone (its body is read already: what comes next is the end)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass
