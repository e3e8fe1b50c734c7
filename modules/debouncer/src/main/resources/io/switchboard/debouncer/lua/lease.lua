-- Take or keep a lease. KEYS: 1 lease key; ARGV: 1 owner id, 2 ttl ms, 3 'keep' | 'release'
-- Returns 1 when the caller holds the lease afterwards, 0 otherwise.
local holder = redis.call('GET', KEYS[1])
if ARGV[3] == 'release' then
  if holder == ARGV[1] then redis.call('DEL', KEYS[1]) end
  return 0
end
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if holder == false then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
