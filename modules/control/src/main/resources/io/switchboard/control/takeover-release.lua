-- Give the takeover lock of a room up, only if the expected holder still has it (a late
-- release must never drop a lock somebody else took meanwhile).
-- KEYS[1] lock key; ARGV[1] expected holder; ARGV[2] holder to restore ('' = delete); ARGV[3] TTL seconds
if redis.call('GET', KEYS[1]) == ARGV[1] then
  if ARGV[2] ~= '' then
    redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  else
    redis.call('DEL', KEYS[1])
  end
  return 1
end
return 0
