-- Count one guide message in a fixed window; the expiry is set in the same atomic step so a
-- counter can never be left without one.
-- KEYS[1] counter key; ARGV[1] window in ms. Returns the count in the current window.
local n = redis.call('INCR', KEYS[1])
if n == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return n
