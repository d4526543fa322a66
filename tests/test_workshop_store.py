"""The room store's contract, run against both backends: memory and a real Debian redis-server."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
import redis

from guide_testing.redis_server import RunningRedis, run_redis
from sciatica_guide.workshop.codes import ALPHABET, CODE_LENGTH
from sciatica_guide.workshop.memory_store import (
    MemoryRoomStore,
)
from sciatica_guide.workshop.redis_store import (
    CREATE_RATE_KEY,
    KEY_PREFIX,
    ROOMS_KEY,
    RedisRoomStore,
    redacted,
)
from sciatica_guide.workshop.rooms import (
    EVERY_ROOM,
    RoomGone,
    RoomMoved,
    RoomStore,
    RoomStoreUnavailable,
    decode_view,
)
from sciatica_guide.workshop.store import (
    open_store,
)

StoreFactory = Callable[..., RoomStore]


def test_a_new_room_has_a_fresh_code_and_shows_nothing_yet(make_store: StoreFactory) -> None:
    store = make_store()
    codes = {store.create() for _ in range(40)}
    assert len(codes) == 40
    for code in codes:
        assert len(code) == CODE_LENGTH and set(code) <= set(ALPHABET)
        status = store.status(code)
        assert status is not None and status.version == 0 and not status.ended
        room = store.room(code)
        assert room is not None and room.view == {}


def test_an_unknown_code_is_no_room(make_store: StoreFactory) -> None:
    store = make_store()
    assert store.status("ACEFGH") is None
    assert store.room("ACEFGH") is None
    assert store.heartbeat("ACEFGH", "phone-1") is False
    assert store.phones("ACEFGH") == 0
    with pytest.raises(RoomGone):
        store.publish("ACEFGH", {"page": "present", "step": 1})
    store.end("ACEFGH")  # ending what is not there is harmless
    assert store.status("ACEFGH") is None


def test_phones_follow_what_the_presenter_publishes(make_store: StoreFactory) -> None:
    store = make_store()
    code, other = store.create(), store.create()
    assert store.publish(code, {"page": "present", "step": 2}) == 1
    assert store.publish(code, {"page": "body-map", "region": "calf-left"}) == 2
    room = store.room(code)
    assert room is not None
    assert room.version == 2 and room.view == {"page": "body-map", "region": "calf-left"}
    # Another room is untouched.
    assert store.room(other).view == {}  # type: ignore[union-attr]


def test_a_move_is_applied_only_from_the_version_it_was_drawn_for(make_store: StoreFactory) -> None:
    """Compare-and-set: a replayed or doubled publication cannot move the room twice."""
    store = make_store()
    code = store.create()
    quiz_view = {"page": "quiz", "quiz": {"q": "q2", "stage": "open", "revealed": []}}
    assert store.publish(code, {"page": "present", "step": 1}, expect=0) == 1
    # The same move again, from the step it was drawn for: refused, the room says where it is.
    with pytest.raises(RoomMoved) as moved:
        store.publish(code, {"page": "present", "step": 2}, expect=0)
    assert moved.value.version == 1
    room = store.room(code)
    assert room is not None and room.version == 1 and room.view == {"page": "present", "step": 1}
    # A refused move that would open a question opens none: nobody can answer it.
    store.join(code, "phone-1")
    with pytest.raises(RoomMoved):
        store.publish(code, quiz_view, accepting="q2", expect=0)
    assert not store.can_answer(code, "q2", "phone-1")
    assert store.answer(code, "q2", "phone-1", "a") == "closed"
    # From where the room is, the move goes through; without `expect` it always does.
    assert store.publish(code, {"page": "present", "step": 2}, expect=1) == 2
    assert store.publish(code, {"page": "present", "step": 3}) == 3
    with pytest.raises(RoomMoved):
        store.publish(code, {"page": "present", "step": 4}, expect=2)
    store.end(code)
    with pytest.raises(RoomGone):
        store.publish(code, {"page": "present", "step": 4}, expect=4)


def test_the_count_is_of_phones_seen_recently(make_store: StoreFactory) -> None:
    store = make_store(phone_window=0.5)
    code = store.create()
    assert store.heartbeat(code, "a") is False  # a phone that never joined is not counted
    assert store.join(code, "a") == "ok" and store.join(code, "b") == "ok"
    assert store.heartbeat(code, "a") and store.heartbeat(code, "b")
    assert store.heartbeat(code, "a")  # the same phone again is still one phone
    assert store.phones(code) == 2
    store.leave(code, "b")
    assert store.phones(code) == 1
    time.sleep(0.7)
    assert store.phones(code) == 0


def test_a_room_ends_by_itself_after_the_presenter_is_idle(make_store: StoreFactory) -> None:
    # Real time (the Redis store's TTLs are Redis's own), with half a second of slack either side
    # for a busy machine's scheduling.
    store = make_store(ttl=1.2)
    code = store.create()
    time.sleep(0.7)
    store.publish(code, {"page": "present", "step": 1})  # activity: the clock starts again
    time.sleep(0.7)  # 1.4 s after the room began: open only because the clock started again
    assert store.status(code) is not None
    # Phones checking in are not the presenter's activity: a tablet left in a room cannot keep
    # it open for ever.
    for _ in range(4):
        store.heartbeat(code, "tablet")
        time.sleep(0.3)
    assert store.status(code) is None
    assert store.room(code) is None


def test_an_ended_room_says_so_and_takes_nothing_more(make_store: StoreFactory) -> None:
    store = make_store(ended_ttl=0.5)
    code = store.create()
    store.publish(code, {"page": "present", "step": 3})
    store.join(code, "a")
    before = store.status(code)
    store.end(code)
    status = store.status(code)
    assert status is not None and status.ended and status.version > before.version  # type: ignore[union-attr]
    assert store.phones(code) == 0
    assert store.heartbeat(code, "a") is False
    assert store.join(code, "b") == "gone"
    with pytest.raises(RoomGone):
        store.publish(code, {"page": "present", "step": 4})
    time.sleep(0.7)
    assert store.status(code) is None


def test_concurrent_updates_each_get_their_own_version(make_store: StoreFactory) -> None:
    store = make_store()
    code = store.create()
    versions: list[int] = []
    lock = threading.Lock()

    def presenter(n: int) -> None:
        for step in range(20):
            version = store.publish(code, {"page": "present", "step": step, "by": n})
            with lock:
                versions.append(version)

    def phone(n: int) -> None:
        store.join(code, f"phone-{n}")
        for _ in range(20):
            store.heartbeat(code, f"phone-{n}")
            store.status(code)

    threads = [threading.Thread(target=presenter, args=(n,)) for n in range(4)]
    threads += [threading.Thread(target=phone, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(versions) == list(range(1, 81))
    assert store.status(code).version == 80  # type: ignore[union-attr]
    assert store.phones(code) == 4


def test_a_view_that_is_not_small_is_refused(make_store: StoreFactory) -> None:
    store = make_store()
    code = store.create()
    with pytest.raises(ValueError):
        store.publish(code, {"page": "x" * 5000})


def test_garbage_in_the_store_reads_as_an_empty_view() -> None:
    assert decode_view("not json") == {}
    assert decode_view("[1, 2]") == {}
    assert decode_view(None) == {}


def test_redis_keys_all_carry_a_ttl_and_nothing_about_a_person(
    redis_server: RunningRedis,
) -> None:
    client = redis.Redis.from_url(redis_server.url, decode_responses=True)
    client.flushdb()
    store = RedisRoomStore(redis_server.url, 3600)
    code = store.create()
    store.publish(code, {"page": "body-map", "region": "calf-left", "nerve": True})
    store.join(code, "4f1c0c0f-random")
    store.heartbeat(code, "4f1c0c0f-random")
    keys = sorted(client.scan_iter("*"))
    room = KEY_PREFIX + code
    assert keys == sorted(
        [
            room,
            room + ":joined",
            room + ":phones",
            room + ":rate:joins",
            ROOMS_KEY,
            CREATE_RATE_KEY,
        ]
    )
    for key in keys:
        assert 0 < client.pttl(key) <= 3600 * 1000
    assert set(client.hgetall(KEY_PREFIX + code)) == {"v", "view"}
    # A phone is its random token and the room version when it joined: nothing else.
    assert client.hgetall(room + ":joined") == {"4f1c0c0f-random": "1"}
    assert client.zrange(KEY_PREFIX + code + ":phones", 0, -1) == ["4f1c0c0f-random"]


def test_redis_unreachable_is_one_clear_error_and_quick(redis_server: RunningRedis) -> None:
    store = RedisRoomStore(redis_server.url, 60)
    code = store.create()
    redis_server.stop()
    try:
        started = time.monotonic()
        for call in (store.create, lambda: store.status(code), lambda: store.phones(code)):
            with pytest.raises(RoomStoreUnavailable) as raised:
                call()
            assert str(raised.value)
        assert time.monotonic() - started < 5
    finally:
        redis_server.start()
    # Back again (empty: nothing was kept on disk): the store works without a restart.
    assert store.status(code) is None
    assert store.status(store.create()) is not None


def test_open_store_picks_the_backend() -> None:
    assert isinstance(open_store("memory", 60), MemoryRoomStore)
    assert isinstance(open_store("redis://127.0.0.1:1/0", 60), RedisRoomStore)


def test_a_store_address_is_shown_without_its_password() -> None:
    shown = redacted("redis://user:s3cret@redis.internal:6379/0")
    assert "s3cret" not in shown and "user" not in shown
    assert shown == "redis://redis.internal:6379/0"


class _Heard:
    """A change listener that keeps what it was told, for a test to wait on."""

    def __init__(self) -> None:
        self.changes: list[tuple[str, int]] = []
        self.ended: list[tuple[str, int]] = []
        self._told = threading.Condition()

    def __call__(self, code: str, version: int, ended: bool) -> None:
        with self._told:
            self.changes.append((code, version))
            if ended:
                self.ended.append((code, version))
            self._told.notify_all()

    def wait_for(self, count: int, timeout: float = 5.0) -> list[tuple[str, int]]:
        with self._told:
            self._told.wait_for(lambda: len(self.changes) >= count, timeout)
            return list(self.changes)


def test_every_publication_and_end_is_announced_with_its_version(
    make_store: StoreFactory,
) -> None:
    store = make_store()
    heard = _Heard()
    stop = store.on_change(heard)
    time.sleep(0.2)  # Redis: the listener has subscribed
    code = store.create()
    first = store.publish(code, {"page": "present", "step": 0})
    second = store.publish(code, {"page": "present", "step": 1}, expect=first)
    store.end(code)
    assert heard.wait_for(3) == [(code, first), (code, second), (code, second + 1)]
    assert heard.ended == [(code, second + 1)]
    stop()


def test_a_change_that_did_not_happen_is_not_announced(make_store: StoreFactory) -> None:
    store = make_store()
    heard = _Heard()
    stop = store.on_change(heard)
    time.sleep(0.2)
    code = store.create()
    version = store.publish(code, {"page": "present"})
    with pytest.raises(RoomMoved):
        store.publish(code, {"page": "present", "step": 1}, expect=version - 1)
    store.end(code)
    store.end(code)  # already ended: nothing changes
    with pytest.raises(RoomGone):
        store.publish(code, {"page": "present"})
    store.join(code, "phone-token-0123456789")
    store.heartbeat(code, "phone-token-0123456789")
    time.sleep(0.3)
    assert heard.wait_for(2) == [(code, version), (code, version + 1)]
    stop()


def test_a_stopped_listener_hears_nothing_more(make_store: StoreFactory) -> None:
    store = make_store()
    heard, other = _Heard(), _Heard()
    stop = store.on_change(heard)
    stop_other = store.on_change(other)
    time.sleep(0.2)
    code = store.create()
    store.publish(code, {"page": "present"})
    assert heard.wait_for(1) == [(code, 1)]
    stop()
    store.publish(code, {"page": "present", "step": 1})
    assert other.wait_for(2) == [(code, 1), (code, 2)]
    time.sleep(0.2)
    assert heard.changes == [(code, 1)]
    stop_other()


def test_a_change_on_one_replica_is_heard_on_every_other(redis_server: RunningRedis) -> None:
    redis.Redis.from_url(redis_server.url).flushdb()
    presenter_side, phone_side = (RedisRoomStore(redis_server.url, 60.0) for _ in range(2))
    heard = _Heard()
    stop = phone_side.on_change(heard)
    time.sleep(0.2)
    code = presenter_side.create()
    started = time.perf_counter()
    version = presenter_side.publish(code, {"page": "present"})
    assert heard.wait_for(1) == [(code, version)]
    assert time.perf_counter() - started < 1.0
    stop()


def test_the_listener_survives_a_redis_restart() -> None:
    """Redis goes away and comes back on the same port: notices flow again without a restart of
    the guide (those sent meanwhile are lost; waiters time out and ask again)."""
    with run_redis() as server:
        store = RedisRoomStore(server.url, 60.0)
        heard = _Heard()
        stop = store.on_change(heard)
        time.sleep(0.2)
        code = store.create()
        store.publish(code, {"page": "present"})
        assert heard.wait_for(1) == [(code, 1)]
        server.stop()
        time.sleep(0.5)
        server.start()
        # The listener tries again within LISTEN_RETRY_SECONDS; until then notices are lost.
        code = store.create()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not any(c == code for c, _ in heard.changes):
            store.publish(code, {"page": "present"})
            time.sleep(0.3)
        assert any(c == code for c, _ in heard.changes)
        stop()


def test_waiters_are_told_when_redis_goes_away_and_comes_back() -> None:
    """Notices sent while Redis is away are lost, so listeners hear EVERY_ROOM both when the
    connection drops (pages can say the store is out of reach now) and when it is back."""
    with run_redis() as server:
        store = RedisRoomStore(server.url, 60.0)
        heard = _Heard()
        stop = store.on_change(heard)
        time.sleep(0.2)
        server.stop()
        assert heard.wait_for(1) == [(EVERY_ROOM, -1)]
        server.start()
        assert heard.wait_for(2, timeout=10) == [(EVERY_ROOM, -1), (EVERY_ROOM, -1)]
        stop()


def test_a_check_in_is_a_heartbeat_that_says_the_version(make_store: StoreFactory) -> None:
    store = make_store()
    code = store.create()
    phone = "phone-token-0123456789"
    assert store.check_in(code, phone) is None  # not joined
    assert store.join(code, phone) == "ok"
    store.leave(code, phone)
    version = store.publish(code, {"page": "present"})
    assert store.check_in(code, phone) == version
    assert store.phones(code) == 1
    store.end(code)
    assert store.check_in(code, phone) is None
    assert store.check_in("ACE347" if code != "ACE347" else "ACE349", phone) is None
