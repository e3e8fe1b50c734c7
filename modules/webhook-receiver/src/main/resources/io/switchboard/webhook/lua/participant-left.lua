-- A participant left a LiveKit room (webhook). When its identity is now held by another
-- connection (LiveKit replaced it: a supervisor re-joining after hand-back, an agent
-- reconnecting), the leave is stale: nothing is removed and 0 is returned, so the caller drops
-- the leave instead of unlistening someone who is still there. Otherwise removes it, returns 1.
-- KEYS: 1 identity set, 2 identity -> sid hash
-- ARGV: 1 identity, 2 participant sid of the leaving connection ('' when LiveKit sent none)
local current = redis.call('HGET', KEYS[2], ARGV[1])
if current and ARGV[2] ~= '' and current ~= ARGV[2] then
  return 0
end
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('SREM', KEYS[1], ARGV[1])
return 1
