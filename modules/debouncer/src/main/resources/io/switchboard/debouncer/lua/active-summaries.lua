-- Every live call with its summary fields, in start order, and the call list's version (the last
-- calls.active delta this snapshot reflects; docs/event-bus.md#calls-active-versions), read atomically.
-- KEYS: 1 active_calls, 2 active_calls:version; ARGV: summary field names
-- Returns {version, {room, {values…}, room, {values…}, …}}
local out = {}
for _, room in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  table.insert(out, room)
  table.insert(out, redis.call('HMGET', 'call:' .. room, unpack(ARGV)))
end
return {tonumber(redis.call('GET', KEYS[2]) or '0'), out}
