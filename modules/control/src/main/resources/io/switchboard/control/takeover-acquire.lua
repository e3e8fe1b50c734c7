-- Take the takeover lock of a room atomically.
-- KEYS[1] lock key; ARGV[1] user; ARGV[2] TTL seconds; ARGV[3] '1' = force (admin)
-- Returns {1, previous holder or ''} when taken (or already ours, or forced), {0, holder} when not.
local cur = redis.call('GET', KEYS[1])
if (not cur) or cur == ARGV[1] or ARGV[3] == '1' then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
  return {1, cur or ''}
end
return {0, cur}
