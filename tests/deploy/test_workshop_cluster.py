"""A workshop across two replicas behind the repository's nginx, rooms in a real Redis.

The sticky load balancer keeps each browser on its replica, so a presenter and the phones in the
room can be on different replicas: here the presenter is on one and every phone on the other.
Sessions are protocol-level (guide_testing.protocol), like browsers without the cost.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import Iterator
from typing import Any

import pytest

from guide_testing.event_loop import run_in_own_thread
from guide_testing.nginx import Cluster, run_cluster
from guide_testing.protocol import StreamlitSession
from guide_testing.redis_server import RunningRedis, redis_server_path, run_redis
from guide_testing.workshop import (
    new_token,
    press,
    room_code,
    send_token,
    step_label_of,
    wait_for_room,
)
from sciatica_guide.content import Content
from sciatica_guide.workshop.waker import CHANGED_EVENT, WAKER_KEY

pytestmark = pytest.mark.nginx

COOKIE = "guide_route"


@pytest.fixture(scope="module")
def redis_server() -> Iterator[RunningRedis]:
    if redis_server_path() is None:
        pytest.fail("Debian's redis-server is needed: apt-get install redis-server")
    with run_redis() as server:
        yield server


@pytest.fixture(scope="module")
def cluster(redis_server: RunningRedis) -> Iterator[Cluster]:
    with run_cluster(env={"SCIATICA_GUIDE_ROOM_STORE": redis_server.url}) as running:
        yield running


def session_on(cluster: Cluster, replica: str, page: str, query: str) -> StreamlitSession:
    """A browser-like session through nginx that nginx put on `replica` (its cookie decides)."""
    return session_and_cookie_on(cluster, replica, page, query)[0]


def session_and_cookie_on(
    cluster: Cluster, replica: str, page: str, query: str
) -> tuple[StreamlitSession, str]:
    """The same, with the Cookie header that keeps the browser's other requests there."""
    for _ in range(40):
        before = cluster.connects()
        cookie = f"{COOKIE}={secrets.token_hex(16)}"
        session = StreamlitSession(cluster.url, headers={"Cookie": cookie})
        result = session.rerun(page=page, query_string=query)
        assert result.ok, result.status
        after = cluster.connects()
        if after[replica] != before[replica]:
            return session, cookie
        session.close()
    raise AssertionError(f"nginx never chose replica {replica}")


def follow(phone: StreamlitSession) -> str:
    """What a phone's timer does: rerun its watch fragment; the label it then shows."""
    # The last one the page asked for: a fragment's id follows its place on the page, and the
    # phone's first run (before its token came) drew its watcher one line lower.
    fragment = list(phone.fragments)[-1]
    result = phone.rerun(fragment_id=fragment, query_string=None)
    assert result.status in ("success", "fragment_success"), result.status
    return result.main_text if result.status == "success" else ""


def test_phones_on_one_replica_follow_a_presenter_on_the_other(
    cluster: Cluster, content: Content
) -> None:
    words = content.modes.workshop
    total = len(content.article.all_sections())
    label = content.modes.presenter.step_label
    presenter = session_on(cluster, "a", "present", "mode=presenter")
    page = presenter.rerun(query_string=None)
    page = press(presenter, words.start, page)
    assert page.ok
    code = room_code(page)
    # Find a session on replica b first, then join: a session nginx put on the other replica is
    # closed without joining, so the room counts exactly the three phones that follow.
    phones = [session_on(cluster, "b", "join", "") for _ in range(3)]
    try:
        for phone in phones:
            shown = phone.rerun(page="join", query_string=f"room={code}")
            assert step_label_of(shown) == label.format(number=1, total=total)
            # The browser's token (participant_token.py): the phone counts in the room.
            assert send_token(phone, code).ok
            # Nothing changed yet: the timer's check draws nothing new.
            assert follow(phone) == ""

        for step in (2, 3, 4):
            page = press(presenter, content.modes.presenter.next, page)
            assert step_label_of(page) == label.format(number=step, total=total)
            for phone in phones:
                assert label.format(number=step, total=total) in follow(phone)

        # The presenter on replica a counts the phones on replica b.
        page = presenter.rerun(query_string=None)
        assert words.phones.format(count=3) in page.text

        page = press(presenter, words.end, page)
        assert words.ended_presenter in page.text
        for phone in phones:
            assert words.ended in follow(phone)
    finally:
        presenter.close()
        for phone in phones:
            phone.close()


def test_an_unknown_code_is_told_calmly_on_either_replica(
    cluster: Cluster, content: Content
) -> None:
    for replica in ("a", "b"):
        phone = session_on(cluster, replica, "join", "room=WWWWWW")
        try:
            assert content.modes.workshop.unknown_room in phone.rerun(query_string=None).text
        finally:
            phone.close()


def test_a_phone_on_one_replica_is_woken_by_a_move_on_the_other(
    cluster: Cluster, content: Content
) -> None:
    """Push through nginx (issue 30): the phone's wait request goes to its own replica (the
    sticky cookie), which hears the presenter's move on the other replica through Redis."""
    words = content.modes.workshop
    total = len(content.article.all_sections())
    label = content.modes.presenter.step_label
    presenter = session_on(cluster, "a", "present", "mode=presenter")
    page = press(presenter, words.start, presenter.rerun(query_string=None))
    code = room_code(page)
    phone, cookie = session_and_cookie_on(cluster, "b", "join", "")
    token = new_token()
    try:
        phone.rerun(page="join", query_string=f"room={code}")
        assert send_token(phone, code, token).ok

        async def wait_then_move() -> tuple[int, dict[str, Any] | None, float]:
            version = (await wait_for_room(cluster.url, code, token, 0, cookie=cookie))[1]
            assert version is not None
            waiting = asyncio.create_task(
                wait_for_room(cluster.url, code, token, version["version"], cookie=cookie)
            )
            await asyncio.sleep(0.5)
            assert not waiting.done()
            moved = time.perf_counter()
            await asyncio.to_thread(press, presenter, content.modes.presenter.next, page)
            status, body = await waiting
            return status, body, time.perf_counter() - moved

        status, body, seconds = run_in_own_thread(wait_then_move())
        assert status == 200 and body is not None
        assert seconds < 2.0
        shown = phone.component_event(WAKER_KEY, CHANGED_EVENT, body["version"])
        assert shown.status == "fragment_success"
        assert step_label_of(shown) == label.format(number=2, total=total)
    finally:
        presenter.close()
        phone.close()
