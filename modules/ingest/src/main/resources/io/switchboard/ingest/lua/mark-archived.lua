-- Analytics acknowledged the archive of (room, session): release its live state.
-- KEYS: 1 call hash, 2 log, 3 dedup, 4 parked hash, 5 parked log, 6 archive:pending, 7 the room's debug ring
-- ARGV: 1 session, 2 pending member, 3 ttl seconds for the room's keys
-- The debug ring (the debouncer's, recorded only while the call is live) expires with the call's
-- other keys: its own TTL is an hour, which would keep an ended call's ring long after the call.
local call, log, dedup, parkedCall, parkedLog, pending, debug = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]
redis.call('SREM', pending, ARGV[2])
redis.call('DEL', parkedCall, parkedLog)
if redis.call('HGET', call, 'session_id') == ARGV[1] then
  redis.call('HSET', call, 'archived', '1')
  local ttl = tonumber(ARGV[3])
  redis.call('EXPIRE', call, ttl)
  redis.call('EXPIRE', log, ttl)
  redis.call('EXPIRE', dedup, ttl)
  redis.call('EXPIRE', debug, ttl)
end
return 'ok'
