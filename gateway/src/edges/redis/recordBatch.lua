--[==[
  recordBatch: makes a micro-batch of device messages durable, atomically per item.

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
  ARGV[4]            the items, MessagePack: [[kind ('e' | 's'), [[ttl, [op, field, value, …]], …]], …]
                     one [ttl, ops] per target key, in KEYS order; ttl 0 = keep
  ARGV[5..]          the protobuf bytes of each item, in order (Redis's cmsgpack has no binary type)
                     ops: min | max | setnx | clock | lww | sadd | incr  (gateway/src/domain/merge-ops.ts)

  Returns            an array with one integer per item: 1 recorded, 0 duplicate.

  Cost: one HMGET and at most one HSET per hash target, whatever its number of ops, and one
  MessagePack argument instead of ~80 per item (measured: building tens of thousands of command
  arguments was most of the gateway's CPU; see docs/benchmarks.md).
]==]
local stream = KEYS[1]
local gw, now, dedupeTtl = ARGV[1], ARGV[2], ARGV[3]
local items = cmsgpack.unpack(ARGV[4])
local k = 2
local out = {}

-- Applies a hash target's ops: a flat list op, field, value, op, field, value, …
local function mergeHash(key, ops)
  local nOps = #ops / 3
  local fields, index = {}, {}
  for o = 0, nOps - 1 do
    local op, field = ops[o * 3 + 1], ops[o * 3 + 2]
    if op ~= 'lww' and not index[field] then
      fields[#fields + 1] = field
      index[field] = #fields
    end
  end
  local cur = {}
  if #fields > 0 then
    local values = redis.call('HMGET', key, unpack(fields))
    for f = 1, #fields do cur[fields[f]] = values[f] end
  end
  local args, armed = {}, false
  for o = 0, nOps - 1 do
    local op, field, value = ops[o * 3 + 1], ops[o * 3 + 2], ops[o * 3 + 3]
    local c = cur[field]
    local win
    if op == 'incr' then
      -- Exact only because this runs once per new message (see merge-ops.ts); '%.0f' keeps
      -- large sums out of Lua's 14-digit '%g' notation.
      value = string.format('%.0f', (tonumber(c) or 0) + tonumber(value))
      win = true
    elseif op == 'setnx' then
      win = not c
    elseif op == 'lww' then
      win = armed
    elseif not c then
      win = true
    elseif op == 'min' then
      win = tonumber(value) < tonumber(c)
    elseif op == 'max' then
      win = tonumber(value) > tonumber(c)
    else -- clock
      win = tonumber(value) >= tonumber(c)
    end
    if op == 'clock' then armed = win end
    if win then
      cur[field] = value
      args[#args + 1] = field
      args[#args + 1] = value
    end
  end
  if #args > 0 then redis.call('HSET', key, unpack(args)) end
end

for i = 1, #items do
  local item = items[i]
  local kind, targets, bytes = item[1], item[2], ARGV[4 + i]
  local dedupeKey = KEYS[k]
  local isNew = redis.call('EXISTS', dedupeKey) == 0
  if isNew then
    redis.call('XADD', stream, '*', 'k', kind, 'b', bytes, 't', now, 'g', gw)
    for t = 1, #targets do
      local key, ttl, ops = KEYS[k + t], targets[t][1], targets[t][2]
      if #ops > 0 then
        if ops[1] == 'sadd' then
          for o = 3, #ops, 3 do redis.call('SADD', key, ops[o]) end
        else
          mergeHash(key, ops)
        end
        if ttl > 0 then redis.call('EXPIRE', key, ttl) end
      end
    end
    redis.call('SET', dedupeKey, now, 'EX', dedupeTtl)
    out[i] = 1
  else
    out[i] = 0
  end
  k = k + 1 + #targets
end
return out
