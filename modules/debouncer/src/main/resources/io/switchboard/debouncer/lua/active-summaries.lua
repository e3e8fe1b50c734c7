-- Every live call with its summary fields, in start order.
-- KEYS: 1 active_calls; ARGV: summary field names
-- Returns {room, {values…}, room, {values…}, …}
local out = {}
for _, room in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  table.insert(out, room)
  table.insert(out, redis.call('HMGET', 'call:' .. room, unpack(ARGV)))
end
return out
