"""The room's questions in the room store, on both backends (memory and a real redis-server):
joined phones ask, the presenter's review moves them, phones vote once for what the room sees,
nothing about who leaves the store, all of it goes with the room."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import redis

from guide_testing.redis_server import RunningRedis
from sciatica_guide.workshop.limits import RoomLimits
from sciatica_guide.workshop.memory_store import MemoryRoomStore
from sciatica_guide.workshop.redis_store import KEY_PREFIX, RedisRoomStore
from sciatica_guide.workshop.rooms import MAX_QUESTION_CHARS, RoomStore

StoreFactory = Callable[..., RoomStore]


def room_with(store: RoomStore, *phones: str) -> str:
    code = store.create()
    for phone in phones:
        assert store.join(code, phone) == "ok"
    return code


def states(store: RoomStore, code: str) -> dict[str, str]:
    return {q.text: q.state for q in store.room_questions(code)}


def test_a_question_is_new_until_the_presenter_moves_it(make_store: StoreFactory) -> None:
    store = make_store()
    code = room_with(store, "phone-a", "phone-b")
    result, first = store.ask(code, "phone-a", "Is heat better than ice?")
    assert result == "ok" and first
    assert store.ask(code, "phone-b", "How often should I go?")[0] == "ok"
    asked = store.room_questions(code)
    assert [(q.text, q.state, q.votes, q.number) for q in asked] == [
        ("Is heat better than ice?", "new", 0, 1),
        ("How often should I go?", "new", 0, 2),
    ]
    # Nobody votes for a question the room cannot see yet.
    assert not store.vote(code, first, "phone-b", up=True)
    assert store.set_question_state(code, first, "room")
    assert states(store, code)["Is heat better than ice?"] == "room"


def test_one_vote_per_phone_and_taking_it_back(make_store: StoreFactory) -> None:
    store = make_store()
    code = room_with(store, "phone-a", "phone-b", "phone-c")
    _, question = store.ask(code, "phone-a", "Can I massage my own calf?")
    assert question
    store.set_question_state(code, question, "room")
    assert store.vote(code, question, "phone-b", up=True)
    # A double tap or a replay: still one vote.
    assert store.vote(code, question, "phone-b", up=True)
    assert store.vote(code, question, "phone-c", up=True)
    seen_by_b = store.room_questions(code, "phone-b")[0]
    assert (seen_by_b.votes, seen_by_b.voted) == (2, True)
    assert store.room_questions(code, "phone-a")[0].voted is False
    assert store.vote(code, question, "phone-b", up=False)
    assert store.vote(code, question, "phone-b", up=False)
    assert store.room_questions(code)[0].votes == 1
    # A phone that never joined does not vote.
    assert not store.vote(code, question, "phone-z", up=True)
    assert store.room_questions(code)[0].votes == 1


def test_one_question_is_shown_at_a_time(make_store: StoreFactory) -> None:
    store = make_store()
    code = room_with(store, "phone-a")
    ids = [store.ask(code, "phone-a", f"Question {n}?")[1] for n in range(3)]
    assert all(ids)
    first, second, third = (str(i) for i in ids)
    assert store.set_question_state(code, first, "shown")
    assert store.set_question_state(code, second, "shown")
    assert states(store, code) == {
        "Question 0?": "room",
        "Question 1?": "shown",
        "Question 2?": "new",
    }
    assert store.set_question_state(code, second, "answered")
    assert store.set_question_state(code, third, "hidden")
    assert states(store, code) == {
        "Question 0?": "room",
        "Question 1?": "answered",
        "Question 2?": "hidden",
    }
    assert not store.set_question_state(code, "q99", "shown")


def test_phones_that_have_not_joined_cannot_ask(make_store: StoreFactory) -> None:
    store = make_store()
    code = room_with(store, "phone-a")
    assert store.ask(code, "phone-z", "Hello?") == ("not_joined", None)
    assert store.ask("ACEFGH", "phone-a", "Hello?") == ("gone", None)
    assert store.room_questions("ACEFGH") == []
    assert store.review_key("ACEFGH") is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "x" * (MAX_QUESTION_CHARS + 1),
        "line\nbreak",
        "bell\x07",
        "c1 control \x85",
    ],
)
def test_text_the_phone_should_have_refused_is_refused_again(
    make_store: StoreFactory, text: str
) -> None:
    store = make_store()
    code = room_with(store, "phone-a")
    assert store.ask(code, "phone-a", text)[0] == "gone"
    assert store.room_questions(code) == []


@pytest.mark.parametrize(
    "text",
    [
        "[a link](javascript:alert(1)) **bold**",
        "<img src=x onerror=alert(1)>",
        "\u202eright to left\u202c",
        "q1|phone-b",
        "'; return redis.call('FLUSHALL') --",
        "x" * MAX_QUESTION_CHARS,
    ],
)
def test_hostile_questions_are_kept_as_typed(make_store: StoreFactory, text: str) -> None:
    """The store keeps text as it came (the pages escape it); no text breaks the store."""
    store = make_store()
    code = room_with(store, "phone-a", "phone-b")
    result, question = store.ask(code, "phone-a", text)
    assert result == "ok" and question
    store.set_question_state(code, question, "room")
    assert store.vote(code, question, "phone-b", up=True)
    [kept] = store.room_questions(code, "phone-b")
    assert (kept.text, kept.votes, kept.voted) == (text, 1, True)


@pytest.mark.parametrize("odd", ["", "q1|x", "a" * 65, "q 1", "../../etc"])
def test_odd_ids_are_refused(make_store: StoreFactory, odd: str) -> None:
    store = make_store()
    code = room_with(store, "phone-a")
    _, question = store.ask(code, "phone-a", "A question?")
    assert question
    store.set_question_state(code, question, "room")
    assert not store.vote(code, odd, "phone-a", up=True)
    assert not store.vote(code, question, odd, up=True)
    assert not store.set_question_state(code, odd, "shown")
    assert store.ask(code, odd, "Another?")[0] in ("gone", "not_joined")


def test_a_phone_asks_a_few_and_a_room_holds_a_few_hundred(make_store: StoreFactory) -> None:
    store = make_store(limits=RoomLimits(questions_per_phone=2, questions_per_room=3))
    code = room_with(store, "phone-a", "phone-b")
    assert store.ask(code, "phone-a", "One?")[0] == "ok"
    assert store.ask(code, "phone-a", "Two?")[0] == "ok"
    assert store.ask(code, "phone-a", "Three?") == ("full", None)
    assert store.ask(code, "phone-b", "Three?")[0] == "ok"
    assert store.ask(code, "phone-b", "Four?") == ("full", None)


def test_too_many_asks_and_votes_a_minute_are_refused(make_store: StoreFactory) -> None:
    store = make_store(limits=RoomLimits(answers_per_window=3))
    code = room_with(store, "phone-a", "phone-b")
    _, question = store.ask(code, "phone-a", "One?")
    assert question
    store.set_question_state(code, question, "room")
    assert store.vote(code, question, "phone-b", up=True)
    assert store.vote(code, question, "phone-b", up=False)
    assert not store.vote(code, question, "phone-b", up=True)
    assert store.ask(code, "phone-b", "Two?") == ("busy", None)


def test_the_review_key_is_one_per_room_and_long(make_store: StoreFactory) -> None:
    store = make_store()
    code = room_with(store)
    key = store.review_key(code)
    assert key and len(key) >= 32
    assert store.review_key(code) == key
    assert store.review_key(room_with(store)) != key
    store.end(code)
    assert store.review_key(code) is None


def test_every_question_is_gone_when_the_room_ends(make_store: StoreFactory) -> None:
    store = make_store()
    code = room_with(store, "phone-a")
    _, question = store.ask(code, "phone-a", "Gone soon?")
    assert question
    store.end(code)
    assert store.room_questions(code) == []
    assert store.ask(code, "phone-a", "Still there?") == ("gone", None)
    assert not store.set_question_state(code, question, "room")


def test_a_room_that_expires_takes_its_questions_with_it() -> None:
    clock = [1000.0]
    store = MemoryRoomStore(30.0, clock=lambda: clock[0])
    code = room_with(store, "phone-a")
    assert store.ask(code, "phone-a", "Expiring?")[0] == "ok"
    clock[0] += 31
    assert store.room_questions(code) == []


def test_redis_questions_never_outlive_their_room(redis_server: RunningRedis) -> None:
    client = redis.Redis.from_url(redis_server.url, decode_responses=True)
    client.flushdb()
    store = RedisRoomStore(redis_server.url, 30.0)
    code = room_with(store, "phone-a", "phone-b")
    _, question = store.ask(code, "phone-a", "Does it expire?")
    assert question
    store.set_question_state(code, question, "room")
    assert store.vote(code, question, "phone-b", up=True)
    key = KEY_PREFIX + code
    # Absolute expiry times (ms since the epoch), not time left: two reads of time left are
    # apart by however long the machine took between them.
    for suffix in (":qtext", ":qstate", ":qvotes", ":voters", ":asked"):
        assert 0 < client.pexpiretime(key + suffix) <= client.pexpiretime(key), suffix
    # A publication keeps them as long as the room.
    store.publish(code, {"page": "present"})
    assert client.pttl(key + ":qtext") > 29_000
    # Only counts and this phone's own vote are read back: no phone id leaves Redis.
    assert "phone-b" not in repr(store.room_questions(code, "phone-a"))
    store.end(code)
    assert [k for k in client.keys(key + ":*") if not k.endswith(":rate:rooms")] == []
    assert client.hget(key, "rk") is None
