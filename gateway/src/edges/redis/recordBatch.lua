--[[
  recordBatch: makes a micro-batch of device messages durable, atomically per batch.

  For every item: if its dedupe key is unknown, append its bytes to the warehouse feed stream,
  apply its merge ops to live state, and only then remember the key (SET EX). A duplicate does
  nothing. Redis does not roll back a script that fails half-way (a wrong-type key, OOM), so
  the mark is written last: a failed item is retried in full, never marked as seen without its
  effects (which would lose it on redelivery). A retried item can feed the same bytes twice;
  the warehouse tables collapse that by event id, and the merge ops are idempotent.

  KEYS[1]            feed stream
  KEYS[2..]          per item, in order: dedupe key, then its target keys

  ARGV[1]            gateway id
  ARGV[2]            receive time, ms since epoch
  ARGV[3]            dedupe TTL, seconds
  ARGV[4]            number of items
  then per item:     kind ('e' | 's'), bytes, nTargets, ttl of each target (0 = keep),
                     nOps, then 4 values per op: target index (1-based), op, field, value
                     ops: min | max | setnx | clock | lww | sadd  (gateway/src/domain/merge-ops.ts)

  Returns            an array with one integer per item: 1 recorded, 0 duplicate.
]]
local stream = KEYS[1]
local gw, now, dedupeTtl = ARGV[1], ARGV[2], ARGV[3]
local n = tonumber(ARGV[4])
local a, k = 5, 2
local out = {}

for i = 1, n do
  local kind, bytes = ARGV[a], ARGV[a + 1]
  local nTargets = tonumber(ARGV[a + 2])
  a = a + 3
  local dedupeKey = KEYS[k]
  local targets, ttls = {}, {}
  for t = 1, nTargets do
    targets[t] = KEYS[k + t]
    ttls[t] = tonumber(ARGV[a + t - 1])
  end
  k = k + 1 + nTargets
  a = a + nTargets
  local nOps = tonumber(ARGV[a])
  a = a + 1

  if redis.call('EXISTS', dedupeKey) == 0 then
    redis.call('XADD', stream, '*', 'k', kind, 'b', bytes, 't', now, 'g', gw)
    local armed = {}
    for o = 0, nOps - 1 do
      local base = a + o * 4
      local ti, op, field, value = tonumber(ARGV[base]), ARGV[base + 1], ARGV[base + 2], ARGV[base + 3]
      local key = targets[ti]
      if op == 'sadd' then
        redis.call('SADD', key, value)
      elseif op == 'setnx' then
        redis.call('HSETNX', key, field, value)
      elseif op == 'lww' then
        if armed[ti] then redis.call('HSET', key, field, value) end
      else
        local cur = redis.call('HGET', key, field)
        local v = tonumber(value)
        local win
        if not cur then
          win = true
        elseif op == 'min' then
          win = v < tonumber(cur)
        elseif op == 'max' then
          win = v > tonumber(cur)
        else -- clock
          win = v >= tonumber(cur)
        end
        if op == 'clock' then armed[ti] = win end
        if win then redis.call('HSET', key, field, value) end
      end
    end
    for t = 1, nTargets do
      if ttls[t] > 0 then redis.call('EXPIRE', targets[t], ttls[t]) end
    end
    redis.call('SET', dedupeKey, now, 'EX', dedupeTtl)
    out[i] = 1
  else
    out[i] = 0
  end
  a = a + nOps * 4
end
return out
