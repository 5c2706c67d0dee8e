--[==[
  readLiveSnapshot: everything a live topic's subscriber starts from, read in one atomic step
  together with the id of the tenant's last live-feed entry. Atomic is the point: the state
  returned includes the effects of every feed entry up to that id (ingest writes state before
  it appends to the feed), so the hub can send the entries after it and nothing is missed.
  (A MULTI could not do this in one step: the device ids must be read before their hashes.)

  KEYS[1]   the tenant's live feed stream       cunke:live:{tenant}
  KEYS[2]   the tenant's device id set           cunke:devs:{tenant}
  KEYS[3]   the tenant's task id set             cunke:tasks:{tenant}

  ARGV[1]   device hash key prefix               cunke:dev:{tenant}:
  ARGV[2]   call hash key prefix                 cunke:call:{tenant}:
  ARGV[3]   task hash key prefix                 cunke:task:{tenant}:
  ARGV[4]   devices to read: '*' all members of KEYS[2], '' none, else one device id
  ARGV[5]   tasks to read: '*' all members of KEYS[3], '' none, else one task id
  ARGV[6]   one call to read whatever its phase ('' none)
  ARGV[7]   '1': also read the call on each read device's line (active_call_id)
  ARGV[8]   finished calls wanted from the feed (0 = none)
  ARGV[9]   feed entries scanned at most for them

  Returns   { lastId ('0-0' when the feed is empty),
              { deviceId, {field, value, ...} } ...,
              { taskId, {...} } ...,
              { callId, {...} } ...,
              { entryId, d } ... }   feed entries holding `ended` call deltas, newest first
  The keys read here all belong to one tenant; a Redis Cluster deployment tags them by tenant
  (gateway/src/domain/redis-keys.ts) so they share a slot.
]==]
local feed, devSet, taskSet = KEYS[1], KEYS[2], KEYS[3]
local devPrefix, callPrefix, taskPrefix = ARGV[1], ARGV[2], ARGV[3]
local wantDevices, wantTasks, wantCall, followCalls = ARGV[4], ARGV[5], ARGV[6], ARGV[7] == '1'
local wantFinished, maxScan = tonumber(ARGV[8]), tonumber(ARGV[9])

local last = redis.call('XREVRANGE', feed, '+', '-', 'COUNT', 1)
local lastId = '0-0'
if #last > 0 then lastId = last[1][1] end

local function ids(want, set)
  if want == '*' then return redis.call('SMEMBERS', set) end
  if want == '' then return {} end
  return { want }
end

local devices, calls, callSeen = {}, {}, {}
local function readCall(callId)
  if callId and callId ~= '' and not callSeen[callId] then
    callSeen[callId] = true
    calls[#calls + 1] = { callId, redis.call('HGETALL', callPrefix .. callId) }
  end
end
for _, id in ipairs(ids(wantDevices, devSet)) do
  local key = devPrefix .. id
  devices[#devices + 1] = { id, redis.call('HGETALL', key) }
  if followCalls then readCall(redis.call('HGET', key, 'active_call_id')) end
end
readCall(wantCall)

local tasks = {}
for _, id in ipairs(ids(wantTasks, taskSet)) do
  tasks[#tasks + 1] = { id, redis.call('HGETALL', taskPrefix .. id) }
end

local recent = {}
if wantFinished > 0 and lastId ~= '0-0' then
  local found, scanned, upper = 0, 0, '+'
  while found < wantFinished and scanned < maxScan do
    local batch = redis.call('XREVRANGE', feed, upper, '-', 'COUNT', 64)
    if #batch == 0 then break end
    for _, entry in ipairs(batch) do
      scanned = scanned + 1
      local fields, d = entry[2], nil
      for f = 1, #fields, 2 do
        if fields[f] == 'd' then d = fields[f + 1] end
      end
      if d then
        -- The feed's JSON is written by deltas.ts with this exact spelling.
        local _, n = string.gsub(d, '"step":"ended"', '')
        if n > 0 then
          recent[#recent + 1] = { entry[1], d }
          found = found + n
        end
      end
      if found >= wantFinished or scanned >= maxScan then break end
    end
    upper = '(' .. batch[#batch][1]
  end
end

return { lastId, devices, tasks, calls, recent }
