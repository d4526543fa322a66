"""Workshop rooms in Redis, for several replicas behind a load balancer.

The sticky load balancer may put the presenter and a phone on different replicas, so the room
must live outside either process. Each change is one Lua script, so it is atomic: two replicas
publishing at once each get their own version, and a room never loses its TTL half-way.

Keys (nothing about a person; a phone is a random token its browser keeps for the room):
  sciatica-guide:room:CODE          hash  v (version), e (1 once ended), view (JSON), q (the
                                          question phones may answer now; absent: none), qv (the
                                          version that asked it)
  sciatica-guide:room:CODE:joined   hash  phone token -> the version when it joined
  sciatica-guide:room:CODE:phones   zset  phone token -> when it last checked in (seconds)
  sciatica-guide:room:CODE:answers  hash  "question|phone" -> option (knowledge check)
  sciatica-guide:room:CODE:rate:*   counters of new phones and answers this minute (limits.py)
  sciatica-guide:rooms              zset  room code -> when it expires (ms): the rooms held
  sciatica-guide:rate:rooms         counter of new rooms this minute
Each publication and end is also announced on the pub/sub channel sciatica-guide:changes as
"CODE:VERSION" (an end: "CODE:VERSION:end"), inside the same script, so never for a change that
did not happen; every replica listens on one connection of its own and tells its change
listeners (rooms.RoomStore.on_change).
Answers and phones never outlive the room hash (same expiry, deleted at the end), and only
counts are read back: the counting runs inside Redis (_TALLY), so no phone's answer reaches a
replica. Every key has a TTL, and Redis must not evict them (maxmemory-policy noeviction, see
docs/deploy.md): a full Redis refuses new rooms instead of dropping a live one.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry
from redis.typing import EncodableT

from sciatica_guide.workshop import redis_questions
from sciatica_guide.workshop.codes import new_code
from sciatica_guide.workshop.limits import DEFAULT_LIMITS, RATE_WINDOW, RoomLimits
from sciatica_guide.workshop.redis_questions import question_keys
from sciatica_guide.workshop.rooms import (
    DEFAULT_ENDED_TTL,
    DEFAULT_PHONE_WINDOW,
    EVERY_ROOM,
    QUESTION_STATES,
    AnswerResult,
    AskResult,
    ChangeListener,
    JoinResult,
    QuestionState,
    Room,
    RoomGone,
    RoomLimitReached,
    RoomMoved,
    RoomQuestion,
    RoomStatus,
    RoomStoreUnavailable,
    decode_view,
    encode_view,
    valid_answer,
    valid_key,
    valid_question_text,
)

KEY_PREFIX = "sciatica-guide:room:"
#: Every room held (open or ended), scored by when it expires: the count of rooms at once.
ROOMS_KEY = "sciatica-guide:rooms"
CREATE_RATE_KEY = "sciatica-guide:rate:rooms"
#: Where every replica hears of every room's changes: "CODE:VERSION", "CODE:VERSION:end".
CHANGES_CHANNEL = "sciatica-guide:changes"
#: How long the listener waits before listening again after Redis went away.
LISTEN_RETRY_SECONDS = 1.0
#: A phone checks once a second; waiting longer than this for Redis means it is not there.
SOCKET_TIMEOUT = 1.0

T = TypeVar("T")

_CREATE = """
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[3])
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[5]) then return -1 end
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local made = redis.call('INCR', KEYS[3])
if made == 1 then redis.call('PEXPIRE', KEYS[3], ARGV[7]) end
if made > tonumber(ARGV[6]) then return -2 end
redis.call('HSET', KEYS[1], 'v', 0, 'view', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[8])
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[2], ARGV[1]) end
return 1
"""
#: Redis's own clock in milliseconds, for the scripts that start or check a question's timer: one
#: clock for every replica.
_NOW_MS = """
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
"""
_PUBLISH = (
    _NOW_MS
    + """
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HGET', KEYS[1], 'e') == '1' then
  return {-1, 0}
end
if ARGV[6] ~= '' and redis.call('HGET', KEYS[1], 'v') ~= ARGV[6] then
  return {-2, tonumber(redis.call('HGET', KEYS[1], 'v'))}
end
redis.call('HSET', KEYS[1], 'view', ARGV[2])
local version = redis.call('HINCRBY', KEYS[1], 'v', 1)
if ARGV[3] == '' then
  redis.call('HDEL', KEYS[1], 'q', 'qu')
else
  if redis.call('HGET', KEYS[1], 'q') ~= ARGV[3] then
    redis.call('HSET', KEYS[1], 'qv', version)
  end
  redis.call('HSET', KEYS[1], 'q', ARGV[3])
  if ARGV[8] == '' then
    redis.call('HDEL', KEYS[1], 'qu')
  else
    redis.call('HSET', KEYS[1], 'qu', now_ms() + tonumber(ARGV[8]))
  end
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
redis.call('PEXPIRE', KEYS[3], ARGV[1])
for i = 5, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
redis.call('ZADD', KEYS[4], 'XX', ARGV[4], ARGV[5])
if redis.call('PTTL', KEYS[4]) < tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[4], ARGV[1]) end
redis.call('PUBLISH', ARGV[7], ARGV[5] .. ':' .. version)
return {0, version}
"""
)
_END = """
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HGET', KEYS[1], 'e') == '1' then
  return 0
end
redis.call('HSET', KEYS[1], 'e', 1)
redis.call('HDEL', KEYS[1], 'q', 'qu')
local version = redis.call('HINCRBY', KEYS[1], 'v', 1)
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[2], KEYS[3], KEYS[4], KEYS[6], KEYS[7])
redis.call('HDEL', KEYS[1], 'qn', 'rk')
for i = 8, #KEYS do redis.call('DEL', KEYS[i]) end
redis.call('ZADD', KEYS[5], 'XX', ARGV[2], ARGV[3])
redis.call('PUBLISH', ARGV[4], ARGV[3] .. ':' .. version .. ':end')
return 1
"""
_JOIN = """
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HGET', KEYS[1], 'e') == '1' then
  return 'gone'
end
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 0 then
  if redis.call('HLEN', KEYS[2]) >= tonumber(ARGV[3]) then return 'full' end
  local joins = redis.call('INCR', KEYS[4])
  if joins == 1 then redis.call('PEXPIRE', KEYS[4], ARGV[5]) end
  if joins > tonumber(ARGV[4]) then return 'busy' end
  redis.call('HSET', KEYS[2], ARGV[1], redis.call('HGET', KEYS[1], 'v'))
  redis.call('PEXPIRE', KEYS[2], redis.call('PTTL', KEYS[1]))
end
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
redis.call('PEXPIRE', KEYS[3], math.floor(ARGV[6] * 2000))
return 'ok'
"""
_ANSWER = (
    _NOW_MS
    + """
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HGET', KEYS[1], 'e') == '1' then
  return 'closed'
end
if redis.call('HGET', KEYS[1], 'q') ~= ARGV[1] then return 'closed' end
local closes = redis.call('HGET', KEYS[1], 'qu')
if closes and now_ms() >= tonumber(closes) then return 'closed' end
local joined = redis.call('HGET', KEYS[3], ARGV[2])
local asked = tonumber(redis.call('HGET', KEYS[1], 'qv') or '0')
if not joined or tonumber(joined) >= asked then return 'late' end
local answers = redis.call('INCR', KEYS[4])
if answers == 1 then redis.call('PEXPIRE', KEYS[4], ARGV[5]) end
if answers > tonumber(ARGV[4]) then return 'busy' end
redis.call('HSET', KEYS[2], ARGV[1] .. '|' .. ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[2], redis.call('PTTL', KEYS[1]))
return 'ok'
"""
)
_TALLY = """
local prefix = ARGV[1] .. '|'
local counts = {}
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  if string.sub(all[i], 1, #prefix) == prefix then
    counts[all[i + 1]] = (counts[all[i + 1]] or 0) + 1
  end
end
local out = {}
for option, n in pairs(counts) do
  table.insert(out, option)
  table.insert(out, n)
end
return out
"""
_HEARTBEAT = """
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HGET', KEYS[1], 'e') == '1' then
  return -1
end
if redis.call('HEXISTS', KEYS[3], ARGV[2]) == 0 then return -1 end
redis.call('ZADD', KEYS[2], ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1] - ARGV[3])
redis.call('PEXPIRE', KEYS[2], math.floor(ARGV[3] * 2000))
return tonumber(redis.call('HGET', KEYS[1], 'v'))
"""


def redacted(url: str) -> str:
    """The store's address without any password, fit to show the person running the guide."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "(an address that cannot be read)"
    return urlunsplit((parts.scheme, host + port, parts.path, "", ""))


class RedisRoomStore:
    def __init__(
        self,
        url: str,
        ttl: float,
        *,
        phone_window: float = DEFAULT_PHONE_WINDOW,
        ended_ttl: float = DEFAULT_ENDED_TTL,
        limits: RoomLimits = DEFAULT_LIMITS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.ttl = ttl
        self.phone_window = phone_window
        self.ended_ttl = min(ended_ttl, ttl)
        self.limits = limits
        self._clock = clock
        try:
            # One quick try: a phone asks again in a second anyway, and a page must not hang.
            self._client = redis.Redis.from_url(
                url,
                decode_responses=True,
                socket_connect_timeout=SOCKET_TIMEOUT,
                socket_timeout=SOCKET_TIMEOUT,
                retry=Retry(NoBackoff(), 0),
            )
        except ValueError as error:
            raise RoomStoreUnavailable(str(error)) from None
        self._create = self._client.register_script(_CREATE)
        self._publish = self._client.register_script(_PUBLISH)
        self._end = self._client.register_script(_END)
        self._heartbeat = self._client.register_script(_HEARTBEAT)
        self._answer = self._client.register_script(_ANSWER)
        self._join = self._client.register_script(_JOIN)
        self._tally = self._client.register_script(_TALLY)
        self._ask = self._client.register_script(redis_questions.ASK)
        self._vote = self._client.register_script(redis_questions.VOTE)
        self._list_questions = self._client.register_script(redis_questions.LIST)
        self._move_question = self._client.register_script(redis_questions.MOVE)
        self._review_key = self._client.register_script(redis_questions.REVIEW_KEY)
        self._listeners: list[ChangeListener] = []
        self._listeners_lock = threading.Lock()
        self._listening: threading.Thread | None = None

    def on_change(self, listener: ChangeListener) -> Callable[[], None]:
        with self._listeners_lock:
            self._listeners.append(listener)
            if self._listening is None:
                # One daemon thread and connection per store (so per process), from the first
                # listener on: a replica that never waits on a room never subscribes.
                self._listening = threading.Thread(
                    target=self._listen, name="guide-room-changes", daemon=True
                )
                self._listening.start()

        def stop() -> None:
            with self._listeners_lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return stop

    def _listen(self) -> None:
        lost = False
        while self._still_listening():
            try:
                with self._client.pubsub(ignore_subscribe_messages=True) as pubsub:
                    pubsub.subscribe(CHANGES_CHANNEL)
                    if lost:
                        # Back: what changed meanwhile was not heard.
                        lost = False
                        self._tell(EVERY_ROOM, -1, False)
                    while self._still_listening():
                        message = pubsub.get_message(timeout=1.0)
                        if message is not None:
                            self._heard(message.get("data"))
            except (redis.RedisError, OSError):
                # Redis went away: whoever waits is told at once (their pages then say so).
                if not lost:
                    lost = True
                    self._tell(EVERY_ROOM, -1, False)
                time.sleep(LISTEN_RETRY_SECONDS)

    def _still_listening(self) -> bool:
        """False once the last listener has stopped: the thread then ends (a new one starts
        with the next listener)."""
        with self._listeners_lock:
            if self._listeners:
                return True
            self._listening = None
            return False

    def _heard(self, data: object) -> None:
        if not isinstance(data, str):
            return
        parts = data.split(":")
        ended = parts[-1] == "end"
        if ended:
            parts.pop()
        if len(parts) == 2 and parts[0] and parts[1].isdigit():
            self._tell(parts[0], int(parts[1]), ended)

    def _tell(self, code: str, version: int, ended: bool) -> None:
        with self._listeners_lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(code, version, ended)

    @staticmethod
    def _call(action: Callable[[], T]) -> T:
        try:
            return action()
        except redis.RedisError as error:
            raise RoomStoreUnavailable(str(error) or type(error).__name__) from None

    def _ms(self, seconds: float) -> int:
        return max(1, round(seconds * 1000))

    def _now_ms(self) -> int:
        return round(self._clock() * 1000)

    def create(self) -> str:
        empty = encode_view({})
        limits = self.limits
        while True:
            code = new_code()
            key = KEY_PREFIX + code
            now = self._now_ms()
            args: list[EncodableT] = [
                self._ms(self.ttl),
                empty,
                now,
                now + self._ms(self.ttl),
                limits.max_rooms,
                limits.rooms_per_window,
                self._ms(RATE_WINDOW),
                code,
            ]
            made = int(
                self._call(partial(self._create, keys=[key, ROOMS_KEY, CREATE_RATE_KEY], args=args))
            )
            if made == 1:
                return code
            if made < 0:
                raise RoomLimitReached("full" if made == -1 else "busy")

    def status(self, code: str) -> RoomStatus | None:
        version, ended = self._call(lambda: self._client.hmget(KEY_PREFIX + code, "v", "e"))
        if version is None:
            return None
        return RoomStatus(int(version), ended == "1")

    def room(self, code: str) -> Room | None:
        version, ended, view = self._call(
            lambda: self._client.hmget(KEY_PREFIX + code, "v", "e", "view")
        )
        if version is None:
            return None
        return Room(code, int(version), ended == "1", decode_view(view))

    def publish(
        self,
        code: str,
        view: Mapping[str, Any],
        *,
        accepting: str | None = None,
        accept_for: float | None = None,
        expect: int | None = None,
    ) -> int:
        text = encode_view(view)
        if accepting is not None and not valid_key(accepting):
            raise ValueError("not a question id")
        key = KEY_PREFIX + code
        expires = self._now_ms() + self._ms(self.ttl)
        expected = "" if expect is None else str(int(expect))
        outcome, version = self._call(
            lambda: self._publish(
                keys=[key, key + ":answers", key + ":joined", ROOMS_KEY, *question_keys(key)],
                args=[
                    self._ms(self.ttl),
                    text,
                    accepting or "",
                    expires,
                    code,
                    expected,
                    CHANGES_CHANNEL,
                    "" if accept_for is None else max(0, round(accept_for * 1000)),
                ],
            )
        )
        if int(outcome) == -1:
            raise RoomGone(code)
        if int(outcome) == -2:
            raise RoomMoved(int(version))
        return int(version)

    def end(self, code: str) -> None:
        key = KEY_PREFIX + code
        expires = self._now_ms() + self._ms(self.ended_ttl)
        self._call(
            lambda: self._end(
                keys=[
                    key,
                    key + ":phones",
                    key + ":answers",
                    key + ":joined",
                    ROOMS_KEY,
                    key + ":rate:joins",
                    key + ":rate:answers",
                    *question_keys(key),
                ],
                args=[self._ms(self.ended_ttl), expires, code, CHANGES_CHANNEL],
            )
        )

    def heartbeat(self, code: str, phone: str) -> bool:
        return self.check_in(code, phone) is not None

    def check_in(self, code: str, phone: str) -> int | None:
        key = KEY_PREFIX + code
        now = self._clock()
        version = int(
            self._call(
                lambda: self._heartbeat(
                    keys=[key, key + ":phones", key + ":joined"],
                    args=[now, phone, self.phone_window],
                )
            )
        )
        return version if version >= 0 else None

    def leave(self, code: str, phone: str) -> None:
        self._call(lambda: self._client.zrem(KEY_PREFIX + code + ":phones", phone))

    def phones(self, code: str) -> int:
        since = self._clock() - self.phone_window
        key = KEY_PREFIX + code + ":phones"
        return int(self._call(lambda: self._client.zcount(key, f"({since}", "+inf")))

    def join(self, code: str, phone: str) -> JoinResult:
        if not valid_key(phone):
            return "gone"
        key = KEY_PREFIX + code
        limits = self.limits
        args: list[EncodableT] = [
            phone,
            self._clock(),
            limits.max_phones,
            limits.joins_per_window,
            self._ms(RATE_WINDOW),
            self.phone_window,
        ]
        done = self._call(
            lambda: self._join(
                keys=[key, key + ":joined", key + ":phones", key + ":rate:joins"], args=args
            )
        )
        return done if done in ("ok", "full", "busy") else "gone"

    def answer(self, code: str, question: str, phone: str, option: str) -> AnswerResult:
        if not (valid_key(question) and valid_key(phone) and valid_answer(option)):
            return "closed"
        key = KEY_PREFIX + code
        args: list[EncodableT] = [
            question,
            phone,
            option,
            self.limits.answers_per_window,
            self._ms(RATE_WINDOW),
        ]
        done = self._call(
            lambda: self._answer(
                keys=[key, key + ":answers", key + ":joined", key + ":rate:answers"], args=args
            )
        )
        return done if done in ("ok", "late", "busy") else "closed"

    def can_answer(self, code: str, question: str, phone: str) -> bool:
        if not (valid_key(question) and valid_key(phone)):
            return False
        key = KEY_PREFIX + code

        def read() -> list[Any]:
            with self._client.pipeline(transaction=True) as pipe:
                pipe.hmget(key, "e", "q", "qv", "qu")
                pipe.hget(key + ":joined", phone)
                pipe.time()
                return pipe.execute()

        (ended, asked, asked_at, closes), joined, (seconds, micros) = self._call(read)
        if ended == "1" or asked != question or joined is None or asked_at is None:
            return False
        if closes is not None and int(seconds) * 1000 + int(micros) // 1000 >= int(closes):
            return False
        return int(joined) < int(asked_at)

    def tally(self, code: str, question: str) -> dict[str, int]:
        if not valid_key(question):
            return {}
        key = KEY_PREFIX + code + ":answers"
        flat = self._call(lambda: self._tally(keys=[key], args=[question]))
        return {str(flat[i]): int(flat[i + 1]) for i in range(0, len(flat) - 1, 2)}

    # --- the room's questions (redis_questions.py) -------------------------------------------
    def _question_script_keys(self, code: str) -> list[str]:
        key = KEY_PREFIX + code
        return [key, *question_keys(key), key + ":joined", key + ":rate:answers"]

    def ask(self, code: str, phone: str, text: str) -> tuple[AskResult, str | None]:
        if not valid_key(phone) or not valid_question_text(text):
            return "gone", None
        limits = self.limits
        args: list[EncodableT] = [
            phone,
            text,
            limits.questions_per_phone,
            limits.questions_per_room,
            limits.answers_per_window,
            self._ms(RATE_WINDOW),
        ]
        keys = self._question_script_keys(code)
        done = str(self._call(lambda: self._ask(keys=keys, args=args)))
        if done in ("gone", "not_joined", "busy", "full"):
            return done, None  # type: ignore[return-value]
        return "ok", done

    def vote(self, code: str, question: str, phone: str, *, up: bool) -> bool:
        if not (valid_key(question) and valid_key(phone)):
            return False
        args: list[EncodableT] = [
            question,
            phone,
            "1" if up else "0",
            self.limits.answers_per_window,
            self._ms(RATE_WINDOW),
        ]
        keys = self._question_script_keys(code)
        return int(self._call(lambda: self._vote(keys=keys, args=args))) == 1

    def room_questions(self, code: str, phone: str | None = None) -> list[RoomQuestion]:
        if phone is not None and not valid_key(phone):
            phone = None
        keys = self._question_script_keys(code)[:6]
        flat = self._call(lambda: self._list_questions(keys=keys, args=[phone or ""]))
        questions = []
        for i in range(0, len(flat) - 4, 5):
            question_id, text, state, votes, voted = flat[i : i + 5]
            number = str(question_id)[1:]
            if state not in QUESTION_STATES or not number.isdigit():
                continue  # never trust the store
            questions.append(
                RoomQuestion(
                    str(question_id), str(text), state, int(votes), int(number), voted=voted == 1
                )
            )
        return sorted(questions, key=lambda q: q.number)

    def set_question_state(self, code: str, question: str, state: QuestionState) -> bool:
        if not valid_key(question) or state not in QUESTION_STATES:
            return False
        keys = self._question_script_keys(code)[:3]
        return int(self._call(lambda: self._move_question(keys=keys, args=[question, state]))) == 1

    def review_key(self, code: str) -> str | None:
        fresh = secrets.token_urlsafe(24)
        key = self._call(lambda: self._review_key(keys=[KEY_PREFIX + code], args=[fresh]))
        return str(key) if key else None
