-- Applies one call event atomically (docs/architecture.md#redis-model): a reader never sees a log line without the call
-- state that goes with it.
-- KEYS: 1 call hash, 2 log stream, 3 dedup set, 4 ended-sessions set, 5 active_calls zset,
--       6 archive:pending set, 7 takeover lock (dropped when a call ends or a new one starts),
--       8 LiveKit participants set of the room (webhook-receiver; seeds a new call's participants),
--       9 the room's debug ring (the debouncer's; a new call starts without the previous call's events).
--       A session pushed out of the room before its archive was
--       acknowledged is parked under parked:<room>:<session> (+ ':log') until the archiver is done.
-- ARGV: 1 room, 2 session ('' = the current session; internal senders), 3 event id ('' = none),
--       4 now (epoch ms), 5 log kind ('' = no log line), 6 log line JSON (without seq),
--       7 flags: 's' may start a call, 'e' ends it, 'u' user final (return sentiment inputs),
--       8 expected room sid ('' = any), 9 the agent's send_seq ('' = none), 10 '1' = apply even across a
--       send_seq gap, 11 n: the number of inline-annotation arguments that follow (0 = none;
--       docs/architecture.md#sentiment-inline): the call's last seq before the line, its sentiment_state,
--       metrics and language as the annotation saw them, the annotation's event id, its log line, then
--       field, value pairs it sets — stored as the next log line after this event's only if all four
--       still hold, 12+n.. field ops: op, field, value triplets
--       (op: 'set' HSET, 'add'/'rem' add/remove a string in a JSON array field)
-- Returns {status, session, seq, flags[, sentiment_state, metrics, language]}; seq is the event's own
--   line (an inline annotation, flag 'annotated', is seq + 1); status: ok | duplicate | ended | no_call | sid_mismatch
--   | gap (an earlier send_seq of this session is still missing: nothing changed, ingest retries shortly)
--   | stale (an older send_seq than one already applied, with nothing to log: newer state wins, nothing changed)

local call, log, dedup, endedKey, active, pending, takeoverLock =
  KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]
local room, session, eventId, now, kind, line, flags, expectSid =
  ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8]
local sendSeq, force = tonumber(ARGV[9]), ARGV[10] == '1'
local startsCall = string.find(flags, 's', 1, true) ~= nil
local endsCall = string.find(flags, 'e', 1, true) ~= nil

-- the call's fields this script reads, in one call (each redis.call from Lua costs Redis a few µs);
-- a customer's final line also reads its sentiment inputs (returned to ingest, checked by an inline annotation)
local userFinal = string.find(flags, 'u', 1, true) ~= nil
local known
if userFinal then
  known = redis.call('HMGET', call, 'session_id', 'status', 'room_sid', 'last_send_seq', 'last_seq', 'sentiment_state', 'metrics', 'language')
else
  known = redis.call('HMGET', call, 'session_id', 'status', 'room_sid', 'last_send_seq', 'last_seq')
end
local cur, status = known[1], known[2]
if cur == false then cur = nil end
local knownSeq = known[5] or '0'

if session == '' then
  if cur == nil or status ~= 'active' then return {'no_call', '', '0', ''} end
  session = cur
end
if expectSid ~= '' then
  local sid = known[3]
  if sid and sid ~= '' and sid ~= expectSid then return {'sid_mismatch', session, '0', ''} end
end
-- (the live call's own session cannot be an ended one: only ask Redis about any other)
if not (cur == session and status == 'active') and redis.call('SISMEMBER', endedKey, session) == 1 then
  return {'ended', session, '0', ''}
end

-- ordering guard (docs/architecture.md#ordering): events of one session apply in the agent's send order,
-- whichever ingest instance or node runs them
local late = false
if sendSeq ~= nil then
  local lastSent = 0
  if cur == session then lastSent = tonumber(known[4] or '0') end
  if sendSeq > lastSent + 1 and not force then
    return {'gap', session, knownSeq, tostring(lastSent)}
  end
  if sendSeq <= lastSent then
    late = true
    if kind == '' and not endsCall then
      redis.call('PUBLISH', 'ingest:order:' .. room .. '|' .. session, sendSeq)
      return {'stale', session, knownSeq, tostring(lastSent)}
    end
  end
end

local out = ''
if cur ~= nil and cur ~= session then
  -- another session owns the room name: a new session starts a new call
  if not startsCall then return {'no_call', session, '0', ''} end
  if status == 'active' then
    -- the old call never said goodbye: end it as superseded, archive it from its parked copy
    local seq = tonumber(knownSeq) + 1
    redis.call('XADD', log, seq .. '-0', 'kind', 'lifecycle',
      'line', '{"kind":"lifecycle","event":"ended","reason":"superseded","ts":' .. now .. '}')
    redis.call('HSET', call, 'status', 'ended', 'ended_at', now, 'end_reason', 'superseded', 'last_seq', seq)
    redis.call('ZREM', active, room)
    redis.call('SADD', endedKey, cur)
    redis.call('SADD', pending, room .. '|' .. cur)
    out = 'superseded:' .. cur
  end
  local parkedCall = 'parked:' .. room .. ':' .. cur
  local parkedLog = parkedCall .. ':log'
  if redis.call('HGET', call, 'archived') == '1' then
    redis.call('DEL', call, log)
  else
    redis.call('RENAME', call, parkedCall)
    if redis.call('EXISTS', log) == 1 then redis.call('RENAME', log, parkedLog) end
    redis.call('PERSIST', parkedCall)
    out = out .. ' parked:' .. cur
  end
  redis.call('DEL', dedup)
  cur = nil
  knownSeq = '0'
end

if cur == nil and not startsCall then return {'no_call', session, '0', ''} end

if eventId ~= '' and redis.call('SADD', dedup, eventId) == 0 then
  return {'duplicate', session, knownSeq, out}
end

local created = false
if cur == nil then
  redis.call('HSET', call, 'room', room, 'session_id', session, 'status', 'active', 'started_at', now,
    'last_seq', '0', 'sentiment', 'neutral', 'sentiment_score', '0', 'escalation', '[]', 'takeover_by', '',
    'listeners', '[]', 'viewers', '[]', 'participants', '[]', 'interim', '', 'agent_state', 'initializing')
  redis.call('ZADD', active, now, room)
  redis.call('DEL', takeoverLock, KEYS[9])
  -- who LiveKit said joined before the agent posted call_started
  local present = redis.call('SMEMBERS', KEYS[8])
  if #present > 0 then
    table.sort(present)
    redis.call('HSET', call, 'participants', cjson.encode(present))
  end
  redis.call('PERSIST', call)
  redis.call('PERSIST', log)
  created = true
end

-- the sentiment inputs of a customer's final line as the call holds them now: a call created above has none
local inputs = nil
if userFinal then
  if created then inputs = {false, false, false} else inputs = {known[6], known[7], known[8]} end
end
local inlineN = tonumber(ARGV[11]) or 0
local annotated = false
if inlineN > 0 and kind ~= '' and inputs ~= nil and ARGV[12] == knownSeq
    and ARGV[13] == (inputs[1] or '') and ARGV[14] == (inputs[2] or '') and ARGV[15] == (inputs[3] or '') then
  -- the annotation was computed from what the call still is: store it with the line, unless it is known
  annotated = ARGV[16] == '' or redis.call('SADD', dedup, ARGV[16]) == 1
end

-- a late event keeps its log line but must not overwrite what a newer event already said
local latestWins = late and {interim = true, agent_state = true, agent_state_at = true, metrics = true}
-- every field this event changes goes out in ONE HSET at the end: one keyspace notification per
-- event instead of one per field (the debouncer parses each; docs/architecture.md#redis-model)
local fields, order = {}, {}
local function put(field, value)
  if fields[field] == nil then table.insert(order, field) end
  fields[field] = value
end
local i = 12 + inlineN
while i + 2 <= #ARGV + 0 and ARGV[i] ~= nil do
  local op, field, value = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  if late and latestWins[field] then
    -- skipped
  elseif op == 'set' then
    put(field, value)
  else
    local raw = fields[field]
    if raw == nil then raw = redis.call('HGET', call, field) end
    local arr = {}
    if raw and raw ~= '' then arr = cjson.decode(raw) end
    local kept, found = {}, false
    for _, v in ipairs(arr) do
      if v == value then found = true; if op == 'add' then table.insert(kept, v) end
      else table.insert(kept, v) end
    end
    if op == 'add' and not found then table.insert(kept, value) end
    if #kept == 0 then put(field, '[]')
    else put(field, cjson.encode(kept)) end
  end
  i = i + 3
end
put('updated_at', now)
if sendSeq ~= nil then
  if not late then put('last_send_seq', sendSeq) end
  -- RedisKeys.SEND_ORDER_CHANNEL_PREFIX: wakes whichever ingest instance holds the next send_seq
  redis.call('PUBLISH', 'ingest:order:' .. room .. '|' .. session, sendSeq)
end

local seq = tonumber(knownSeq)
if kind ~= '' then
  seq = seq + 1
  redis.call('XADD', log, seq .. '-0', 'kind', kind, 'line', line)
  put('last_seq', seq)
  if annotated then
    redis.call('XADD', log, (seq + 1) .. '-0', 'kind', 'annotation', 'line', ARGV[17])
    local j = 18
    while j + 1 <= 11 + inlineN do
      put(ARGV[j], ARGV[j + 1])
      j = j + 2
    end
    put('last_seq', seq + 1)
  end
end

if endsCall then
  put('status', 'ended'); put('ended_at', now); put('interim', ''); put('takeover_by', '')
end
local hset = {}
for _, f in ipairs(order) do
  -- as strings here, so the change feed below reports exactly what the hash holds
  table.insert(hset, f); table.insert(hset, tostring(fields[f]))
end
redis.call('HSET', call, unpack(hset))
-- the change feed (docs/architecture.md#change-feed; platform ChangeRecordCodec): what this event wrote,
-- published right after the HSET's keyspace notification on the channel the debouncer holds on the
-- same connection, so it can publish the delta without reading the room back. Only an event that
-- neither starts, replaces nor ends the call: those change more than this hash write (the
-- debouncer reads them as before).
if not created and out == '' and not endsCall then
  -- one C call (cmsgpack): building the record as a Lua string cost Redis five times as much
  local record
  if kind == '' then
    record = cmsgpack.pack(1, session, knownSeq, 0, hset)
  elseif annotated then
    record = cmsgpack.pack(1, session, knownSeq, 2, seq, line, seq + 1, ARGV[17], hset)
  else
    record = cmsgpack.pack(1, session, knownSeq, 1, seq, line, hset)
  end
  redis.call('PUBLISH', 'feed:' .. room, record)
end
if endsCall then
  redis.call('DEL', takeoverLock)
  redis.call('ZREM', active, room)
  redis.call('SADD', endedKey, session)
  redis.call('EXPIRE', endedKey, 86400)
  redis.call('SADD', pending, room .. '|' .. session)
end

local result = {'ok', session, tostring(seq), (created and 'created ' or '') .. out .. (annotated and ' annotated' or '')}
if inputs ~= nil then
  table.insert(result, inputs[1] or '')
  table.insert(result, inputs[2] or '')
  table.insert(result, inputs[3] or '')
end
return result
