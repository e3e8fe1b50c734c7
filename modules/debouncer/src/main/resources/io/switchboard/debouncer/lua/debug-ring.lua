-- Keeps the last ARGV[2] debug events of a room's live call, newest first (docs/architecture.md#deltas-and-late-join).
-- KEYS: 1 the room's debug list, 2 the room's call hash.
-- ARGV: 1 event JSON, 2 ring size, 3 TTL seconds (a live call that goes quiet forgets them),
--       4 the event's session id ('' = whichever call is live in the room).
-- Only while the call is live: ingest gives the ring the TTL of the call's other keys when the
-- call is archived and drops it when a new call starts in the room, and an event of an ended
-- call (an agent still sending, a late delivery) must not bring the ring back for another hour.
-- Returns 1 when recorded, 0 when the room has no live call of that session.
if redis.call('HGET', KEYS[2], 'status') ~= 'active' then return 0 end
if ARGV[4] ~= '' and redis.call('HGET', KEYS[2], 'session_id') ~= ARGV[4] then return 0 end
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return 1
