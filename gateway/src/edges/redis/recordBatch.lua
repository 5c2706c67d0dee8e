--[==[
  recordBatch: makes a micro-batch of device messages durable, atomically per item.

  First pass: an item whose dedupe field is unknown (and not repeated earlier in this batch) is
  new. All new items' bytes go to the warehouse feed as one stream entry (per 1,000 items). Second pass: each new
  item's merge ops are applied to live state, and only then is its dedupe field written. A
  duplicate does nothing. Redis does not roll back a script that fails half-way (a wrong-type
  key, OOM), so the feed entry comes first and the mark last: a failed item is retried in full,
  never marked as seen without its effects (which would lose it on redelivery). A retried item
  can feed the same bytes twice; the warehouse tables collapse that by event id, and the merge
  ops are idempotent (incr is last in a plan, right before the mark).

  Dedupe marks are fields of small bucket hashes (one per device and hour of device time, see
  gateway/src/domain/redis-keys.ts), not one key per event: HEXISTS + HSET on a bucket cost a
  fraction of EXISTS + SET EX on a million keys with TTLs, and the bucket's TTL is set once,
  when this batch is the first to write to it (EXPIRE … NX).

  KEYS[1]            feed stream
  KEYS[2..]          per item, in order: dedupe bucket, then its target keys

  ARGV[1]            gateway id
  ARGV[2]            receive time, ms since epoch
  ARGV[3]            dedupe TTL, seconds (of a bucket, from its first write)
  ARGV[4]            the items, MessagePack: [[kind ('e' | 's'), dedupe field, [[ttl, [op, field, value, …]], …]], …]
                     one [ttl, ops] per target key, in KEYS order; ttl 0 = none, otherwise set
                     when this item creates the key
  ARGV[5..]          the protobuf bytes of each item, in order (Redis's cmsgpack has no binary type)
                     ops: min | max | setnx | clock | lww | sadd | incr  (gateway/src/domain/merge-ops.ts)

  Feed entry         t <receive time> g <gateway id> k <kind> b <bytes> k <kind> b <bytes> …
                     (common/feed.ts), one k/b pair per new item, in batch order.

  Returns            an array with one integer per item: 1 recorded, 0 duplicate.

  Cost: one HMGET and at most one HSET per hash target, whatever its number of ops, one stream
  entry per batch, and one MessagePack argument instead of ~80 per item (docs/benchmarks.md).
]==]
local stream = KEYS[1]
local gw, now, dedupeTtl = ARGV[1], ARGV[2], ARGV[3]
local items = cmsgpack.unpack(ARGV[4])
local out = {}

-- Applies a hash target's ops (a flat list op, field, value, …); returns true when the hash
-- had none of the fields the ops read, i.e. this item creates it. Written for the interpreter:
-- this function was half of the script's time, so it keeps to one pass per list, numeric
-- for-loops and three tables (docs/benchmarks.md).
local function mergeHash(key, ops)
  local n = #ops
  local fields, nf = {}, 0
  for o = 1, n, 3 do
    if ops[o] ~= 'lww' then
      nf = nf + 1
      fields[nf] = ops[o + 1]
    end
  end
  local cur, created = {}, true
  if nf > 0 then
    -- A field read twice is harmless: both reads see the same value.
    local values = redis.call('HMGET', key, unpack(fields))
    for f = 1, nf do
      local v = values[f]
      if v then
        cur[fields[f]] = v
        created = false
      end
    end
  end
  local args, na, armed = fields, 0, false -- fields is done with: reuse it for HSET's arguments
  for o = 1, n, 3 do
    local op, field, value = ops[o], ops[o + 1], ops[o + 2]
    local c = cur[field]
    local win
    if op == 'lww' then
      win = armed
    elseif not c then
      if op == 'incr' then value = string.format('%.0f', tonumber(value)) end
      win = true
    elseif op == 'max' then
      win = tonumber(value) > tonumber(c)
    elseif op == 'min' then
      win = tonumber(value) < tonumber(c)
    elseif op == 'setnx' then
      win = false
    elseif op == 'clock' then
      win = tonumber(value) >= tonumber(c)
    else -- incr: exact only because this runs once per new message (see merge-ops.ts); '%.0f'
      -- keeps large sums out of Lua's 14-digit '%g' notation.
      value = string.format('%.0f', tonumber(c) + tonumber(value))
      win = true
    end
    if op == 'clock' then armed = win end
    if win then
      cur[field] = value
      args[na + 1] = field
      args[na + 2] = value
      na = na + 2
    end
  end
  if na > 0 then redis.call('HSET', key, unpack(args, 1, na)) end
  return created
end

-- Pass 1: which items are new; the feed entry for all of them (one per FEED_CHUNK items, so
-- that unpack() stays far below Lua's stack limit whatever GATEWAY_BATCH_MAX is).
local FEED_CHUNK = 1000
local firstKey, isNew, seen = {}, {}, {}
local feed = { 't', now, 'g', gw }
local function appendFeed()
  if #feed > 4 then redis.call('XADD', stream, '*', unpack(feed)) end
  feed = { 't', now, 'g', gw }
end
local k = 2
for i = 1, #items do
  local item = items[i]
  local bucket, field = KEYS[k], item[2]
  firstKey[i] = k
  local id = bucket .. '\0' .. field
  if not seen[id] and redis.call('HEXISTS', bucket, field) == 0 then
    isNew[i] = true
    feed[#feed + 1] = 'k'
    feed[#feed + 1] = item[1]
    feed[#feed + 1] = 'b'
    feed[#feed + 1] = ARGV[4 + i]
    if #feed >= 4 + 4 * FEED_CHUNK then appendFeed() end
  end
  seen[id] = true
  k = k + 1 + #item[3]
end
appendFeed()

-- Pass 2: effects, then the mark.
local expiring = {}
for i = 1, #items do
  if isNew[i] then
    local item, k0 = items[i], firstKey[i]
    local targets = item[3]
    for t = 1, #targets do
      local key, ttl, ops = KEYS[k0 + t], targets[t][1], targets[t][2]
      if #ops > 0 then
        local created = true
        if ops[1] == 'sadd' then
          for o = 3, #ops, 3 do redis.call('SADD', key, ops[o]) end
        else
          created = mergeHash(key, ops)
        end
        if ttl > 0 and created then redis.call('EXPIRE', key, ttl) end
      end
    end
    local bucket = KEYS[k0]
    redis.call('HSET', bucket, item[2], now)
    if not expiring[bucket] then
      redis.call('EXPIRE', bucket, dedupeTtl, 'NX')
      expiring[bucket] = true
    end
    out[i] = 1
  else
    out[i] = 0
  end
end
return out
