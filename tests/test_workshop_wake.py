"""The wait route phones follow by (sciatica_guide/workshop/wake.py): its answers, its waking,
and what it refuses. Handler-level against both room stores; tests/browser/test_workshop.py
follows a move in Chromium through the real server."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

import pytest
from starlette.requests import Request
from starlette.responses import Response

from guide_testing.event_loop import run_in_own_thread
from sciatica_guide.settings import Mode, Settings
from sciatica_guide.workshop.codes import new_code
from sciatica_guide.workshop.rooms import EVERY_ROOM, RoomStore, RoomStoreUnavailable
from sciatica_guide.workshop.wake import (
    MAX_BODY_BYTES,
    WAIT_PATH,
    RoomWaitRoute,
    read_wait_request,
    wait_path,
)

StoreFactory = Callable[..., RoomStore]
PHONE = "Zq3-phone_token-0123456789"


def _request(
    body: bytes | str,
    content_type: str = "application/json",
    gone: asyncio.Event | None = None,
) -> Request:
    """A request whose client stays until `gone` is set (never, without it)."""
    data = body.encode() if isinstance(body, str) else body
    scope = {
        "type": "http",
        "method": "POST",
        "path": WAIT_PATH,
        "headers": [(b"content-type", content_type.encode())],
        "query_string": b"",
    }
    chunks = [{"type": "http.request", "body": data, "more_body": False}]

    async def receive() -> dict[str, Any]:
        if chunks:
            return chunks.pop(0)
        await (gone or asyncio.Event()).wait()
        return {"type": "http.disconnect"}

    return Request(scope, receive)


def _ask(room: str, after: int, phone: str = PHONE) -> Request:
    return _request(json.dumps({"room": room, "phone": phone, "after": after}))


def _route(store: RoomStore, settings: Settings | None = None, wait: float = 5.0) -> RoomWaitRoute:
    return RoomWaitRoute(lambda: settings or Settings(), lambda _s: store, wait_seconds=wait)


def _body(response: Response) -> Any:
    return json.loads(bytes(response.body)) if response.body else None


def _open_room(store: RoomStore) -> tuple[str, int]:
    code = store.create()
    version = store.publish(code, {"page": "present", "step": 0})
    assert store.join(code, PHONE) == "ok"
    return code, version


def test_a_waiting_phone_is_woken_by_the_move(make_store: StoreFactory) -> None:
    store = make_store()
    code, version = _open_room(store)
    route = _route(store)

    async def scenario() -> tuple[Response, float]:
        waiting = asyncio.create_task(route.handle(_ask(code, version)))
        await asyncio.sleep(0.3)
        assert not waiting.done()
        moved = time.perf_counter()
        await asyncio.to_thread(store.publish, code, {"page": "present", "step": 1})
        response = await waiting
        return response, time.perf_counter() - moved

    response, seconds = run_in_own_thread(scenario())
    assert response.status_code == 200
    assert _body(response) == {"version": version + 1}
    assert response.headers["cache-control"] == "no-store"
    assert seconds < 0.5


def test_a_phone_behind_the_room_is_answered_at_once(make_store: StoreFactory) -> None:
    store = make_store()
    code, version = _open_room(store)
    response = run_in_own_thread(_route(store).handle(_ask(code, version - 1)))
    assert (response.status_code, _body(response)) == (200, {"version": version})


def test_nothing_new_is_said_after_the_wait(make_store: StoreFactory) -> None:
    store = make_store()
    code, version = _open_room(store)
    started = time.perf_counter()
    response = run_in_own_thread(_route(store, wait=0.3).handle(_ask(code, version)))
    assert response.status_code == 204
    assert 0.3 <= time.perf_counter() - started < 2


def test_the_end_wakes_the_room_and_then_says_look(make_store: StoreFactory) -> None:
    store = make_store()
    code, version = _open_room(store)
    route = _route(store)

    async def scenario() -> Response:
        waiting = asyncio.create_task(route.handle(_ask(code, version)))
        await asyncio.sleep(0.3)
        await asyncio.to_thread(store.end, code)
        return await waiting

    assert run_in_own_thread(scenario()).status_code == 200
    after = run_in_own_thread(route.handle(_ask(code, version + 1)))
    assert (after.status_code, _body(after)) == (409, {"look": True})


def test_a_wait_is_a_check_in(make_store: StoreFactory) -> None:
    store = make_store(phone_window=30.0)
    code, version = _open_room(store)
    store.leave(code, PHONE)
    assert store.phones(code) == 0
    run_in_own_thread(_route(store).handle(_ask(code, version - 1)))
    assert store.phones(code) == 1


def test_codes_cannot_be_tested_through_the_route(make_store: StoreFactory) -> None:
    """A room that exists but this token never joined, and a room that never existed, get the
    same answer: the route tells nothing to anyone not in the room."""
    store = make_store()
    code, version = _open_room(store)
    route = _route(store)
    not_joined = run_in_own_thread(
        route.handle(_ask(code, version, phone="someone-else-0123456789"))
    )
    other = next(c for c in iter(new_code, None) if c != code)
    no_room = run_in_own_thread(route.handle(_ask(other, 0)))
    assert not_joined.status_code == no_room.status_code == 409
    assert not_joined.body == no_room.body


@pytest.mark.parametrize(
    "body",
    [
        "",
        "not json",
        "[]",
        '"ACE347"',
        '{"room": "ACE347", "phone": "' + PHONE + '"}',
        '{"room": "<b>x</b>", "phone": "' + PHONE + '", "after": 0}',
        '{"room": "ACE347", "phone": "a|b", "after": 0}',
        '{"room": "ACE347", "phone": "' + PHONE + '", "after": -1}',
        '{"room": "ACE347", "phone": "' + PHONE + '", "after": true}',
        '{"room": "ACE347", "phone": "' + PHONE + '", "after": 1e400}',
        '{"room": "ACE347", "phone": "' + PHONE + '", "after": 99999999999999999999999}',
        '{"room": "ACE347", "phone": "' + PHONE + '", "after": "1"}',
        '{"room": ["ACE347"], "phone": "' + PHONE + '", "after": 0}',
        '{"room": "ABC\\u202e234", "phone": "' + PHONE + '", "after": 0}',
    ],
)
def test_a_malformed_request_is_refused_without_echo(body: str) -> None:
    assert read_wait_request(body.encode()) is None
    from sciatica_guide.workshop.memory_store import MemoryRoomStore

    response = run_in_own_thread(_route(MemoryRoomStore(60.0)).handle(_request(body)))
    assert response.status_code == 400
    assert not response.body


def test_only_small_json_is_read() -> None:
    from sciatica_guide.workshop.memory_store import MemoryRoomStore

    route = _route(MemoryRoomStore(60.0))
    ask = json.dumps({"room": "ACE347", "phone": PHONE, "after": 0})
    as_text = run_in_own_thread(route.handle(_request(ask, content_type="text/plain")))
    assert as_text.status_code == 415
    huge = ask[:-1] + ', "pad": "' + "x" * MAX_BODY_BYTES + '"}'
    assert run_in_own_thread(route.handle(_request(huge))).status_code == 413


def test_clinic_mode_has_no_rooms_and_a_server_not_ready_answers_nothing() -> None:
    from sciatica_guide.workshop.memory_store import MemoryRoomStore

    store = MemoryRoomStore(60.0)
    code, version = _open_room(store)
    clinic = _route(store, Settings(mode=Mode.CLINIC))
    assert run_in_own_thread(clinic.handle(_ask(code, version - 1))).status_code == 404
    not_ready = RoomWaitRoute(lambda: None, lambda _s: store)
    assert run_in_own_thread(not_ready.handle(_ask(code, version - 1))).status_code == 404


def test_an_unreachable_store_says_come_back() -> None:
    def unreachable(_settings: Settings) -> RoomStore:
        raise RoomStoreUnavailable("connection refused")

    route = RoomWaitRoute(lambda: Settings(), unreachable)
    response = run_in_own_thread(route.handle(_ask("ACE347", 0)))
    assert response.status_code == 503
    assert not response.body


def test_the_path_follows_the_servers_base_path() -> None:
    assert wait_path("") == WAIT_PATH
    assert wait_path("/guide/") == "/guide" + WAIT_PATH
    assert wait_path("clinic/guide") == "/clinic/guide" + WAIT_PATH


def test_a_store_that_lost_touch_sends_every_waiting_phone_to_look(
    make_store: StoreFactory,
) -> None:
    store = make_store()
    code, version = _open_room(store)
    route = _route(store)

    async def scenario() -> Response:
        waiting = asyncio.create_task(route.handle(_ask(code, version)))
        await asyncio.sleep(0.3)
        assert route._waiters is not None
        route._waiters.changed(EVERY_ROOM, -1)
        return await waiting

    response = run_in_own_thread(scenario())
    assert (response.status_code, _body(response)) == (409, {"look": True})


def test_a_phone_woken_by_a_move_asks_again_without_a_store_call(make_store: StoreFactory) -> None:
    """After a move every phone of the room asks again at once: the store said moments ago that
    each is in the room, so they wait without asking it again (200 phones, no store call)."""
    store = make_store()
    code, version = _open_room(store)
    calls: list[str] = []
    real_check_in = store.check_in

    def counted(room: str, phone: str) -> int | None:
        calls.append(phone)
        return real_check_in(room, phone)

    store.check_in = counted  # type: ignore[method-assign]
    route = _route(store, wait=0.3)

    async def scenario() -> list[int]:
        waiting = asyncio.create_task(route.handle(_ask(code, version)))
        await asyncio.sleep(0.2)
        moved = await asyncio.to_thread(store.publish, code, {"page": "present", "step": 1})
        first = await waiting
        again = await route.handle(_ask(code, moved))
        return [first.status_code, again.status_code]

    assert run_in_own_thread(scenario()) == [200, 204]
    assert calls == [PHONE]


def test_a_phone_that_goes_away_stops_its_wait_at_once(make_store: StoreFactory) -> None:
    """A closed tab frees its wait (and a stopping server is not held for 25 s by it)."""
    store = make_store()
    code, version = _open_room(store)
    route = _route(store, wait=25.0)

    async def scenario() -> tuple[Response, float, int]:
        gone = asyncio.Event()
        body = json.dumps({"room": code, "phone": PHONE, "after": version})
        waiting = asyncio.create_task(route.handle(_request(body, gone=gone)))
        await asyncio.sleep(0.3)
        assert not waiting.done()
        left = time.perf_counter()
        gone.set()
        response = await waiting
        return response, time.perf_counter() - left, route._waiters_for(store).count

    response, seconds, still_waiting = run_in_own_thread(scenario())
    assert response.status_code == 204
    assert seconds < 0.5
    assert still_waiting == 0
