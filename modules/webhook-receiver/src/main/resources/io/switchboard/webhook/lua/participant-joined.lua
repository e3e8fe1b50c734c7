-- A participant joined a LiveKit room (webhook): remember its identity, and which connection
-- (participant sid) holds that identity now, so a late participant_left of a connection the same
-- identity already replaced is recognised as stale (docs/architecture.md, "Presence").
-- KEYS: 1 identity set, 2 identity -> sid hash
-- ARGV: 1 identity, 2 participant sid ('' when LiveKit sent none), 3 ttl seconds
redis.call('SADD', KEYS[1], ARGV[1])
if ARGV[2] ~= '' then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[3]))
return 1
