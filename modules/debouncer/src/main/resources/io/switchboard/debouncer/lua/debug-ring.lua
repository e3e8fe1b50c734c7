-- Keeps the last ARGV[2] debug events of a room, newest first (docs/architecture.md#deltas-and-late-join).
-- KEYS: 1 the room's debug list. ARGV: 1 event JSON, 2 ring size, 3 TTL seconds (a room that goes quiet forgets them).
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return 1
