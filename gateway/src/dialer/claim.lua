-- Claims one number and one device for one attempt, atomically, BEFORE the MakeCall goes out:
-- a crash after this leaves an in-flight attempt the next driver reconciles, never a number
-- that looks undialled. Checks, in order: lease, number due, device slot free and not cooling,
-- DNC, daily cap (callee-local day, all tasks), then the task and device token buckets.
-- KEYS: 1 numbers 2 inflight 3 lease 4 slot 5 cooldown 6 day 7 dnc 8 taskRate 9 deviceRate 10 active set
-- ARGV: 1 index 2 commandId 3 nowMs 4 owner 5 maxAttempts 6 maxPerDay 7 perTaskPerMin
--       8 perDevicePerMin 9 slotTtlMs 10 inflight JSON (attempt fields) 11 phoneHash 12 active member
local now = tonumber(ARGV[3])
if redis.call('GET', KEYS[3]) ~= ARGV[4] then return 'LEASE' end

local raw = redis.call('HGET', KEYS[1], ARGV[1])
local st
if raw then st = cjson.decode(raw) else st = { s = 'PENDING', a = 0, n = 0, o = '', c = '' } end
if st.s ~= 'PENDING' or tonumber(st.n) > now or tonumber(st.a) >= tonumber(ARGV[5]) then return 'NUMBER' end

if redis.call('EXISTS', KEYS[4]) == 1 or redis.call('EXISTS', KEYS[5]) == 1 then return 'DEVICE' end

if redis.call('SISMEMBER', KEYS[7], ARGV[11]) == 1 then
  st.s = 'DROPPED'
  st.o = 'DNC'
  redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(st))
  return 'DNC'
end

local today = tonumber(redis.call('GET', KEYS[6]) or '0')
if today >= tonumber(ARGV[6]) then return 'CAP' end

-- Token buckets: capacity = a tenth of a minute's allowance (at least 1), refilled continuously.
local function bucket(key, perMin)
  local cap = math.max(1, math.floor(perMin / 6))
  local b = redis.call('HMGET', key, 'tk', 'ts')
  local tk = tonumber(b[1]) or cap
  local ts = tonumber(b[2]) or now
  tk = math.min(cap, tk + (now - ts) * perMin / 60000)
  return tk
end
local taskPerMin = tonumber(ARGV[7])
local devPerMin = tonumber(ARGV[8])
local ttk = bucket(KEYS[8], taskPerMin)
if ttk < 1 then return 'RATE_TASK' end
local dtk = bucket(KEYS[9], devPerMin)
if dtk < 1 then return 'RATE_DEVICE' end
redis.call('HSET', KEYS[8], 'tk', tostring(ttk - 1), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[8], 120000)
redis.call('HSET', KEYS[9], 'tk', tostring(dtk - 1), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[9], 120000)

st.s = 'IN_FLIGHT'
st.a = tonumber(st.a) + 1
st.c = ARGV[2]
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(st))
redis.call('HSET', KEYS[2], ARGV[2], ARGV[10])
redis.call('SADD', KEYS[10], ARGV[12])
redis.call('SET', KEYS[4], ARGV[2], 'PX', tonumber(ARGV[9]))
redis.call('INCR', KEYS[6])
redis.call('EXPIRE', KEYS[6], 172800)
return 'OK'
