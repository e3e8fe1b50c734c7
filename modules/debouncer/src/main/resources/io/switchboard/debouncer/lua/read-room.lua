-- The call hash and the log entries after a seq, read together (one consistent view).
-- KEYS: 1 call hash, 2 log stream; ARGV: 1 first entry id to return ('<seq>-0'), 2 max entries
-- Returns {hash (flat), entries}
return {redis.call('HGETALL', KEYS[1]), redis.call('XRANGE', KEYS[2], ARGV[1], '+', 'COUNT', ARGV[2])}
