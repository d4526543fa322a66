"""The Lua scripts behind the room's questions in Redis (redis_store.py runs them).

Keys, beside the room's own (all expire with the room and go at its end):
  sciatica-guide:room:CODE:qtext   hash  question id -> its text
  sciatica-guide:room:CODE:qstate  hash  question id -> new | room | shown | answered | hidden
  sciatica-guide:room:CODE:qvotes  hash  question id -> how many phones voted for it
  sciatica-guide:room:CODE:voters  hash  "question|phone" -> 1 (one vote per phone; never read
                                         back whole: only counts and this phone's own vote leave)
  sciatica-guide:room:CODE:asked   hash  phone -> how many questions it sent (the limit)
The room hash holds qn (the last question's number) and rk (the review secret).
"""

from __future__ import annotations

#: The room's question keys, after the room's own key: the order every script below expects.
QUESTION_SUFFIXES = (":qtext", ":qstate", ":qvotes", ":voters", ":asked")


def question_keys(room_key: str) -> list[str]:
    return [room_key + suffix for suffix in QUESTION_SUFFIXES]


_OPEN = """
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HGET', KEYS[1], 'e') == '1' then
  return %s
end
"""

#: KEYS: room, qtext, qstate, qvotes, voters, asked, joined, rate:answers
#: ARGV: phone, text, per phone, per room, answers per window, window (ms)
ASK = (
    _OPEN % "'gone'"
    + """
if redis.call('HEXISTS', KEYS[7], ARGV[1]) == 0 then return 'not_joined' end
local mine = tonumber(redis.call('HGET', KEYS[6], ARGV[1]) or '0')
if mine >= tonumber(ARGV[3]) or redis.call('HLEN', KEYS[2]) >= tonumber(ARGV[4]) then
  return 'full'
end
local taken = redis.call('INCR', KEYS[8])
if taken == 1 then redis.call('PEXPIRE', KEYS[8], ARGV[6]) end
if taken > tonumber(ARGV[5]) then return 'busy' end
local id = 'q' .. redis.call('HINCRBY', KEYS[1], 'qn', 1)
redis.call('HSET', KEYS[2], id, ARGV[2])
redis.call('HSET', KEYS[3], id, 'new')
redis.call('HINCRBY', KEYS[6], ARGV[1], 1)
local ttl = redis.call('PTTL', KEYS[1])
for i = 2, 6 do
  if redis.call('EXISTS', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], ttl) end
end
return id
"""
)

#: KEYS: room, qtext, qstate, qvotes, voters, asked, joined, rate:answers
#: ARGV: question, phone, up ('1' or '0'), answers per window, window (ms)
VOTE = (
    _OPEN % "0"
    + """
if redis.call('HEXISTS', KEYS[7], ARGV[2]) == 0 then return 0 end
local state = redis.call('HGET', KEYS[3], ARGV[1])
if state ~= 'room' and state ~= 'shown' and state ~= 'answered' then return 0 end
local field = ARGV[1] .. '|' .. ARGV[2]
local has = redis.call('HEXISTS', KEYS[5], field) == 1
if has == (ARGV[3] == '1') then return 1 end
local taken = redis.call('INCR', KEYS[8])
if taken == 1 then redis.call('PEXPIRE', KEYS[8], ARGV[5]) end
if taken > tonumber(ARGV[4]) then return 0 end
if ARGV[3] == '1' then
  redis.call('HSET', KEYS[5], field, 1)
  redis.call('HINCRBY', KEYS[4], ARGV[1], 1)
else
  redis.call('HDEL', KEYS[5], field)
  redis.call('HINCRBY', KEYS[4], ARGV[1], -1)
end
local ttl = redis.call('PTTL', KEYS[1])
redis.call('PEXPIRE', KEYS[4], ttl)
if redis.call('EXISTS', KEYS[5]) == 1 then redis.call('PEXPIRE', KEYS[5], ttl) end
return 1
"""
)

#: KEYS: room, qtext, qstate, qvotes, voters, asked.  ARGV: phone ('' for the presenter)
#: Returns id, text, state, votes, voted (1/0) for each question, flat.
LIST = (
    _OPEN % "{}"
    + """
local out = {}
local texts = redis.call('HGETALL', KEYS[2])
for i = 1, #texts, 2 do
  local id = texts[i]
  local voted = 0
  if ARGV[1] ~= '' and redis.call('HEXISTS', KEYS[5], id .. '|' .. ARGV[1]) == 1 then
    voted = 1
  end
  table.insert(out, id)
  table.insert(out, texts[i + 1])
  table.insert(out, redis.call('HGET', KEYS[3], id) or 'new')
  table.insert(out, tonumber(redis.call('HGET', KEYS[4], id) or '0'))
  table.insert(out, voted)
end
return out
"""
)

#: KEYS: room, qtext, qstate.  ARGV: question, state
MOVE = (
    _OPEN % "0"
    + """
if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 0 then return 0 end
if ARGV[2] == 'shown' then
  local states = redis.call('HGETALL', KEYS[3])
  for i = 1, #states, 2 do
    if states[i + 1] == 'shown' then redis.call('HSET', KEYS[3], states[i], 'room') end
  end
end
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
return 1
"""
)

#: KEYS: room.  ARGV: a new secret, used if the room has none yet
REVIEW_KEY = (
    _OPEN % "false"
    + """
redis.call('HSETNX', KEYS[1], 'rk', ARGV[1])
return redis.call('HGET', KEYS[1], 'rk')
"""
)
