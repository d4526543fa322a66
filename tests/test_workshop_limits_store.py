"""The room store's limits (issue 29), on both backends (memory and a real redis-server): one
token is one phone however often it joins; only phones that joined before a question was asked
answer it; rooms, phones, joins and answers have ceilings; a full Redis never drops a live room."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
import redis

from guide_testing.redis_server import run_redis
from sciatica_guide.workshop.limits import RoomLimits
from sciatica_guide.workshop.memory_store import (
    MemoryRoomStore,
)
from sciatica_guide.workshop.quiz import shown_counts
from sciatica_guide.workshop.redis_store import RedisRoomStore
from sciatica_guide.workshop.rooms import (
    RoomLimitReached,
    RoomStore,
)

StoreFactory = Callable[..., RoomStore]


def test_a_reload_or_a_second_tab_is_still_one_phone(make_store: StoreFactory) -> None:
    store = make_store()
    code = store.create()
    # The browser keeps its token: a reload or a second tab joins with the same one.
    for _ in range(3):
        assert store.join(code, "browser-token") == "ok"
    store.publish(code, {}, accepting="q1")
    for option in ("a", "b", "a"):
        assert store.answer(code, "q1", "browser-token", option) == "ok"
    assert store.tally(code, "q1") == {"a": 1}
    assert store.phones(code) == 1


def test_only_phones_that_joined_before_the_question_answer_it(make_store: StoreFactory) -> None:
    store = make_store()
    code = store.create()
    assert store.join(code, "early") == "ok"
    store.publish(code, {"page": "quiz"}, accepting="q1")
    assert store.join(code, "late") == "ok"
    assert store.can_answer(code, "q1", "early")
    assert not store.can_answer(code, "q1", "late")
    assert not store.can_answer(code, "q2", "early")
    assert store.answer(code, "q1", "early", "a") == "ok"
    assert store.answer(code, "q1", "late", "a") == "late"
    assert store.answer(code, "q1", "never-joined", "a") == "late"
    # Publishing again while the same question stays open does not let latecomers in...
    store.publish(code, {"page": "quiz", "x": 1}, accepting="q1")
    assert store.answer(code, "q1", "late", "a") == "late"
    # ...asking it again (after closing), or the next question, does.
    store.publish(code, {"page": "quiz"})
    assert not store.can_answer(code, "q1", "early")
    store.publish(code, {"page": "quiz"}, accepting="q1")
    assert store.can_answer(code, "q1", "late")
    assert store.answer(code, "q1", "late", "b") == "ok"
    store.publish(code, {"page": "quiz"}, accepting="q2")
    assert store.answer(code, "q2", "late", "b") == "ok"
    assert store.tally(code, "q1") == {"a": 1, "b": 1}


def test_a_flood_of_new_tokens_during_a_question_reveals_nothing(make_store: StoreFactory) -> None:
    store = make_store()
    code = store.create()
    store.join(code, "honest")
    store.publish(code, {}, accepting="q1")
    assert store.answer(code, "q1", "honest", "b") == "ok"
    for n in range(50):
        store.join(code, f"script-{n}")
        assert store.answer(code, "q1", f"script-{n}", "a") == "late"
    assert store.tally(code, "q1") == {"b": 1}
    assert shown_counts(store.tally(code, "q1")) is None


def test_a_room_takes_so_many_phones(make_store: StoreFactory) -> None:
    store = make_store(limits=RoomLimits(max_phones=3))
    code = store.create()
    assert [store.join(code, p) for p in ("a", "b", "c", "d")] == ["ok", "ok", "ok", "full"]
    assert store.join(code, "a") == "ok"  # a phone in the room comes back
    assert store.heartbeat(code, "d") is False
    assert store.phones(code) == 3


def test_new_phones_per_room_per_minute_are_limited(make_store: StoreFactory) -> None:
    store = make_store(limits=RoomLimits(joins_per_window=2))
    code, other = store.create(), store.create()
    assert [store.join(code, p) for p in ("a", "b", "c")] == ["ok", "ok", "busy"]
    assert store.join(code, "a") == "ok"  # already in: not a new phone
    assert store.join(other, "c") == "ok"  # each room counts its own


def test_answers_per_room_per_minute_are_limited(make_store: StoreFactory) -> None:
    store = make_store(limits=RoomLimits(answers_per_window=3))
    code = store.create()
    store.join(code, "a")
    store.publish(code, {}, accepting="q1")
    results = [store.answer(code, "q1", "a", option) for option in ("a", "b", "c", "a")]
    assert results == ["ok", "ok", "ok", "busy"]
    assert store.tally(code, "q1") == {"c": 1}


def test_rooms_at_once_are_limited_and_freed_when_they_expire(make_store: StoreFactory) -> None:
    store = make_store(ttl=0.5, ended_ttl=0.5, limits=RoomLimits(max_rooms=3))
    codes = [store.create() for _ in range(3)]
    with pytest.raises(RoomLimitReached) as refused:
        store.create()
    assert refused.value.reason == "full"
    # Refused: the rooms there are untouched.
    assert all(store.status(code) is not None for code in codes)
    store.end(codes[0])
    time.sleep(0.7)
    assert store.create()


def test_new_rooms_per_minute_are_limited(make_store: StoreFactory) -> None:
    store = make_store(limits=RoomLimits(rooms_per_window=2))
    store.create()
    store.create()
    with pytest.raises(RoomLimitReached) as refused:
        store.create()
    assert refused.value.reason == "busy"


def test_the_windows_start_again_after_a_minute() -> None:
    clock = [1000.0]
    limits = RoomLimits(rooms_per_window=1, joins_per_window=1, answers_per_window=1)
    store = MemoryRoomStore(3600.0, limits=limits, clock=lambda: clock[0])
    code = store.create()
    with pytest.raises(RoomLimitReached):
        store.create()
    assert store.join(code, "a") == "ok" and store.join(code, "b") == "busy"
    store.publish(code, {}, accepting="q1")
    assert store.answer(code, "q1", "a", "x") == "ok"
    assert store.answer(code, "q1", "a", "y") == "busy"
    clock[0] += 61
    assert store.create()
    assert store.join(code, "b") == "ok"
    assert store.answer(code, "q1", "a", "y") == "ok"


def test_a_full_redis_refuses_new_rooms_and_keeps_the_live_one() -> None:
    """With maxmemory-policy noeviction (compose, Kubernetes), a flood of rooms that fills Redis
    is refused with a clear error; the room in use is never evicted. (With volatile-ttl, the
    policy the deployment files had, Redis dropped keys with a TTL, live rooms among them.)"""
    flood = RoomLimits(max_rooms=10**6, rooms_per_window=10**6)
    args = ["--maxmemory", "2mb", "--maxmemory-policy", "noeviction"]
    with run_redis(args) as server:
        store = RedisRoomStore(server.url, 3600, limits=flood)
        live = store.create()
        store.join(live, "phone")
        big = {"page": "present", "pad": "x" * 1500}
        refused = 0
        for _ in range(5000):
            try:
                store.publish(store.create(), big)
            except Exception as error:  # RoomStoreUnavailable: Redis says it is out of memory
                assert "memory" in str(error).lower()
                refused += 1
                break
        assert store.status(live) is not None, "Redis evicted the room in use"
        assert store.phones(live) == 1
        assert refused == 1, "Redis never refused a new room"
        client = redis.Redis.from_url(server.url, decode_responses=True)
        assert client.config_get("maxmemory-policy")["maxmemory-policy"] == "noeviction"
