-- Analytics acknowledged the archive of (room, session): release its live state.
-- KEYS: 1 call hash, 2 log, 3 dedup, 4 parked hash, 5 parked log, 6 archive:pending
-- ARGV: 1 session, 2 pending member, 3 ttl seconds for the room's keys
local call, log, dedup, parkedCall, parkedLog, pending = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
redis.call('SREM', pending, ARGV[2])
redis.call('DEL', parkedCall, parkedLog)
if redis.call('HGET', call, 'session_id') == ARGV[1] then
  redis.call('HSET', call, 'archived', '1')
  local ttl = tonumber(ARGV[3])
  redis.call('EXPIRE', call, ttl)
  redis.call('EXPIRE', log, ttl)
  redis.call('EXPIRE', dedup, ttl)
end
return 'ok'
