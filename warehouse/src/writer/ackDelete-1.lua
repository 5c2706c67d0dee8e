--[[
  Acknowledges feed entries and deletes them from the stream, in one atomic step, once the
  warehouse insert of their batch has succeeded (common/feed.ts). Atomic so that no entry can
  end up acknowledged but never deleted (it would stay in the stream forever, unread).

  KEYS[1]   the feed stream
  ARGV[1]   the consumer group
  ARGV[2..] entry ids

  Returns: the number of entries that were still pending and got acknowledged. An id that is
  not pending (another writer reclaimed and acknowledged it first) is not counted, and is
  deleted all the same.
]]
local acked = 0
local n = #ARGV
-- unpack() is bounded by the Lua C stack (LUAI_MAXCSTACK = 8000): work in chunks.
local chunk = 1000
for i = 2, n, chunk do
  local last = math.min(i + chunk - 1, n)
  acked = acked + redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, i, last))
  redis.call('XDEL', KEYS[1], unpack(ARGV, i, last))
end
return acked
