"""Knowledge-check answers in the room store, on both backends (memory and a real redis-server):
one answer per phone, only while its question is open, counts only out, all gone at the end."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
import redis

from guide_testing.redis_server import RunningRedis
from sciatica_guide.workshop.memory_store import (
    MemoryRoomStore,
)
from sciatica_guide.workshop.redis_store import KEY_PREFIX, RedisRoomStore
from sciatica_guide.workshop.rooms import (
    RoomStore,
)

StoreFactory = Callable[..., RoomStore]


def join_all(store: RoomStore, code: str, *phones: str) -> None:
    for phone in phones:
        assert store.join(code, phone) == "ok"


def test_one_answer_per_phone_changeable_while_open(make_store: StoreFactory) -> None:
    store = make_store()
    code = store.create()
    join_all(store, code, "phone-a", "phone-b", "phone-c")
    assert store.answer(code, "q1", "phone-a", "a") == "closed"  # nothing asked yet
    store.publish(code, {"quiz": {"q": "q1", "stage": "open"}}, accepting="q1")
    assert store.answer(code, "q1", "phone-a", "a") == "ok"
    assert store.answer(code, "q1", "phone-b", "a") == "ok"
    assert store.answer(code, "q1", "phone-c", "b") == "ok"
    assert store.tally(code, "q1") == {"a": 2, "b": 1}
    # A changed answer moves one count; it never counts twice.
    assert store.answer(code, "q1", "phone-a", "b") == "ok"
    assert store.tally(code, "q1") == {"a": 1, "b": 2}
    # Another question is not open.
    assert store.answer(code, "q2", "phone-a", "a") == "closed"
    assert store.tally(code, "q2") == {}


def test_closed_questions_take_no_answers_and_keep_their_counts(make_store: StoreFactory) -> None:
    store = make_store()
    code = store.create()
    join_all(store, code, "phone-a", "phone-z")
    store.publish(code, {}, accepting="q1")
    assert store.answer(code, "q1", "phone-a", "a") == "ok"
    store.publish(code, {})  # the presenter closes (or moves away): nothing accepted
    assert store.answer(code, "q1", "phone-a", "b") == "closed"
    assert store.answer(code, "q1", "phone-z", "b") == "closed"
    assert store.tally(code, "q1") == {"a": 1}
    store.publish(code, {}, accepting="q2")
    assert store.answer(code, "q2", "phone-a", "c") == "ok"
    assert store.tally(code, "q1") == {"a": 1} and store.tally(code, "q2") == {"c": 1}


def test_every_answer_is_gone_when_the_room_ends(make_store: StoreFactory) -> None:
    store = make_store()
    code, other = store.create(), store.create()
    for room in (code, other):
        join_all(store, room, "phone-a", "phone-b")
        store.publish(room, {}, accepting="q1")
        assert store.answer(room, "q1", "phone-a", "a") == "ok"
    store.end(code)
    assert store.tally(code, "q1") == {}
    assert store.answer(code, "q1", "phone-b", "a") == "closed"
    assert store.tally(other, "q1") == {"a": 1}


@pytest.mark.parametrize(
    ("question", "phone", "option"),
    [
        ("q|1", "p", "a"),
        ("q1", "p|x", "a"),
        ("q1", "p", "a\x00b"),
        ("q1", "p", ""),
        ("q1", "p", "a" * 65),
        ("q1", "", "a"),
        ("q1", "p" * 65, "a"),
    ],
)
def test_odd_ids_are_refused(
    make_store: StoreFactory, question: str, phone: str, option: str
) -> None:
    store = make_store()
    code = store.create()
    join_all(store, code, "p")
    store.publish(code, {}, accepting="q1")
    assert store.answer(code, question, phone, option) != "ok"
    assert store.tally(code, "q1") == {}
    with pytest.raises(ValueError):
        store.publish(code, {}, accepting="q|1")


def test_unknown_rooms_take_no_answers(make_store: StoreFactory) -> None:
    store = make_store()
    assert store.join("ACEFGH", "phone-a") == "gone"
    assert store.answer("ACEFGH", "q1", "phone-a", "a") == "closed"
    assert store.tally("ACEFGH", "q1") == {}


def test_a_room_that_expires_takes_its_answers_with_it() -> None:
    # In memory; Redis expires keys on its own clock (the next test checks its TTLs).
    clock = [1000.0]
    store = MemoryRoomStore(30.0, clock=lambda: clock[0])
    code = store.create()
    store.join(code, "phone-a")
    store.publish(code, {}, accepting="q1")
    assert store.answer(code, "q1", "phone-a", "a") == "ok"
    clock[0] += 31
    assert store.tally(code, "q1") == {}


def test_redis_answers_never_outlive_their_room(redis_server: RunningRedis) -> None:
    client = redis.Redis.from_url(redis_server.url, decode_responses=True)
    client.flushdb()
    store = RedisRoomStore(redis_server.url, 30.0)
    code = store.create()
    store.join(code, "phone-a")
    store.publish(code, {}, accepting="q1")
    assert store.answer(code, "q1", "phone-a", "a") == "ok"
    key = KEY_PREFIX + code
    # Absolute expiry times, not time left (two reads of time left are apart by the machine's
    # own delay).
    assert 0 < client.pexpiretime(key + ":answers") <= client.pexpiretime(key)
    # Only counts are read back: no phone id leaves Redis in a tally.
    assert "phone-a" not in repr(store.tally(code, "q1"))
    assert 0 < client.pexpiretime(key + ":joined") <= client.pexpiretime(key)
    store.end(code)
    assert not client.exists(key + ":answers")
    assert not client.exists(key + ":joined")
    assert [k for k in client.keys("*") if "answers" in k] == []


def test_a_timed_question_takes_answers_until_its_timer_ends(make_store: StoreFactory) -> None:
    """The store stops taking answers when the timer ends, by its own clock (Redis's for
    Redis), whatever the presenter's page does: a projector left alone still closes on time."""
    store = make_store()
    code = store.create()
    join_all(store, code, "phone-a", "phone-b")
    store.publish(code, {}, accepting="q1", accept_for=0.4)
    assert store.can_answer(code, "q1", "phone-a")
    assert store.answer(code, "q1", "phone-a", "a") == "ok"
    time.sleep(0.5)
    assert not store.can_answer(code, "q1", "phone-b")
    assert store.answer(code, "q1", "phone-b", "a") == "closed"
    assert store.answer(code, "q1", "phone-a", "b") == "closed"
    assert store.tally(code, "q1") == {"a": 1}


def test_the_timer_is_kept_or_dropped_with_each_publication(make_store: StoreFactory) -> None:
    store = make_store()
    code = store.create()
    join_all(store, code, "phone-a")
    store.publish(code, {}, accepting="q1", accept_for=0.3)
    # Stopping the timer: published again without one, answers stay open until closed.
    store.publish(code, {"v": 1}, accepting="q1")
    time.sleep(0.4)
    assert store.answer(code, "q1", "phone-a", "a") == "ok"
    # A timer of 0 seconds has ended already.
    store.publish(code, {"v": 2}, accepting="q1", accept_for=0)
    assert store.answer(code, "q1", "phone-a", "b") == "closed"
    # The next question asked without a timer is open: an old deadline does not carry over.
    store.publish(code, {"v": 3}, accepting="q2")
    assert store.answer(code, "q2", "phone-a", "b") == "ok"


def test_a_timer_ends_by_the_memory_stores_clock() -> None:
    now = [100.0]
    store = MemoryRoomStore(60.0, clock=lambda: now[0])
    code = store.create()
    join_all(store, code, "phone-a")
    store.publish(code, {}, accepting="q1", accept_for=30)
    now[0] += 29.9
    assert store.answer(code, "q1", "phone-a", "a") == "ok"
    now[0] += 0.1
    assert store.answer(code, "q1", "phone-a", "b") == "closed"
    assert store.tally(code, "q1") == {"a": 1}


@pytest.mark.parametrize(
    "words",
    ["blood thinners", "a|b:c", "كيف حالك", "热敷 😴", "x" * 60, "'; DROP TABLE rooms; --"],
)
def test_an_open_questions_words_are_kept_and_counted(make_store: StoreFactory, words: str) -> None:
    store = make_store()
    code = store.create()
    join_all(store, code, "phone-a", "phone-b", "phone-c")
    store.publish(code, {}, accepting="q8")
    assert store.answer(code, "q8", "phone-a", words) == "ok"
    assert store.answer(code, "q8", "phone-b", words) == "ok"
    assert store.answer(code, "q8", "phone-c", "heat") == "ok"
    assert store.tally(code, "q8") == {words: 2, "heat": 1}
    # Changeable until closed, one per phone.
    assert store.answer(code, "q8", "phone-c", words) == "ok"
    assert store.tally(code, "q8") == {words: 3}
    store.publish(code, {})
    assert store.answer(code, "q8", "phone-c", "late") == "closed"
    store.end(code)
    assert store.tally(code, "q8") == {}
