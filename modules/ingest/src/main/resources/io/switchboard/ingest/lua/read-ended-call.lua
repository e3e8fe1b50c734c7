-- Reads an ended call for the archive, wherever it is: still in its room, or parked.
-- KEYS: 1 call hash, 2 log stream, 3 parked hash, 4 parked log; ARGV: 1 session
-- Returns {where, hash, entries}; where: room | parked | gone
local call, log, parkedCall, parkedLog = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
if redis.call('HGET', call, 'session_id') == ARGV[1] then
  return {'room', redis.call('HGETALL', call), redis.call('XRANGE', log, '-', '+')}
end
if redis.call('EXISTS', parkedCall) == 1 then
  return {'parked', redis.call('HGETALL', parkedCall), redis.call('XRANGE', parkedLog, '-', '+')}
end
return {'gone', {}, {}}
