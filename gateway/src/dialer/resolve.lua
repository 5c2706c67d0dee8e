-- Resolves one in-flight attempt: the number's new state, the attempt removed, the device slot
-- freed if it is still this attempt's, and (for a command the device refused) the day's count
-- given back. Idempotent: an attempt no longer in flight changes nothing.
-- KEYS: 1 numbers 2 inflight 3 lease 4 slot 5 day
-- ARGV: 1 index 2 commandId 3 owner 4 new state JSON 5 refund '1'|'0'
if redis.call('GET', KEYS[3]) ~= ARGV[3] then return -1 end
if redis.call('HDEL', KEYS[2], ARGV[2]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[4])
if redis.call('GET', KEYS[4]) == ARGV[2] then redis.call('DEL', KEYS[4]) end
if ARGV[5] == '1' and tonumber(redis.call('GET', KEYS[5]) or '0') > 0 then redis.call('DECR', KEYS[5]) end
return 1
