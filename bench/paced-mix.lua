-- Constant-rate reference for wrk 4.1 (Debian's wrk has no -R, and wrk2 is not packaged).
--
-- Usage: PHANTOM_API_TOKEN=... wrk -t T -c C -d D -s bench/paced-mix.lua URL -- RATE T
--   RATE: requests per second over all threads; T: the same thread count as -t.
--
-- Pacing: each thread owns a schedule of send slots RATE/T per second apart; whenever one of its
-- connections is free, delay() hands it the next slot, and the request is written at that slot.
-- Slots fall behind only when every connection of the thread is busy; such sends are counted as
-- late (>= LATE_MS after their slot). Caveat (coordinated omission): wrk measures latency from the
-- moment a request is written, not from its slot, so a late send's wait is not in its latency; the
-- late count says how much was left out. With enough connections (C >> RATE x latency) none is late.
--
-- Mix: the suite's traffic per 10 requests: 1 GET /health, and 9 from the VPN session journey
-- (register peer, open tunnel, 3 keepalives, 2 threat signals, close tunnel), using the ids the
-- service returned; a step whose id is not back yet sends a threat signal instead.

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } phantom_timespec;
  int clock_gettime(int clk_id, phantom_timespec *tp);
]]
local ts = ffi.new("phantom_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local LATE_MS = 5
local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

-- late and sent are globals: done() reads them from each thread with thread:get().
local interval_ms, next_slot
local token, seq, peers, tunnels, closable, alive, n
local SESSION = { "register", "open", "keepalive", "keepalive", "keepalive", "signal", "signal", "close" }
local SIGNAL_BODY

function init(args)
  local rate = tonumber(args[1] or "1000")
  local nthreads = tonumber(args[2] or "1")
  interval_ms = 1000.0 * nthreads / rate
  next_slot = nil
  late, sent, n = 0, 0, 0
  token = os.getenv("PHANTOM_API_TOKEN") or "dev-token"
  peers, tunnels, closable, alive = {}, {}, {}, {}
  seq = 0
  SIGNAL_BODY = '{"source_ip":"203.0.113.7","signature":"ET SCAN bench","severity":"medium",'
    .. '"node_id":"bench-node","timestamp":"2026-01-01T00:00:00Z"}'
end

function delay()
  local now = now_ms()
  if next_slot == nil then next_slot = now end
  local slot = next_slot
  next_slot = next_slot + interval_ms
  sent = sent + 1
  if now - slot >= LATE_MS then late = late + 1 end
  local d = slot - now
  if d < 1 then return 0 end
  return math.floor(d)
end

local function api(method, path, body)
  local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json",
    ["Accept"] = "application/json" }
  return wrk.format(method, path, headers, body)
end

local function signal()
  return api("POST", "/api/v1/threat-signals", SIGNAL_BODY)
end

function request()
  n = n + 1
  if n % 10 == 0 then
    return wrk.format("GET", "/health", { ["Accept"] = "application/json" })
  end
  local step = SESSION[(n - math.floor(n / 10)) % #SESSION + 1]
  if step == "register" then
    seq = seq + 1
    return api("POST", "/api/v1/peers", '{"node_id":"bench-' .. wrk.thread:get("id") .. '-' .. seq
      .. '","public_key":"bench-key","endpoint":"198.51.100.1:51820"}')
  elseif step == "open" then
    local p = table.remove(peers)
    if p then return api("POST", "/api/v1/tunnels", '{"peer_id":"' .. p .. '"}') end
  elseif step == "keepalive" then
    local t = tunnels[#tunnels]
    if t then
      t.left = t.left - 1
      if t.left <= 0 then table.remove(tunnels) end
      return api("POST", "/api/v1/tunnels/" .. t.id .. "/keepalive", nil)
    end
  elseif step == "close" then
    local id = table.remove(closable, 1)
    if id then return api("DELETE", "/api/v1/tunnels/" .. id, nil) end
  end
  return signal()
end

-- A tunnel is closed only after its 3 keepalives were answered: connections race each other.
function response(status, headers, body)
  if status == 200 and body then
    local t = body:match('"tunnel_id"%s*:%s*"([^"]+)"')
    if t then
      alive[t] = (alive[t] or 0) + 1
      if alive[t] >= 3 then
        alive[t] = nil
        table.insert(closable, t)
      end
    end
  elseif status == 201 and body then
    local t = body:match('"tunnel_id"%s*:%s*"([^"]+)"')
    if t then
      table.insert(tunnels, { id = t, left = 3 })
    else
      local p = body:match('"peer_id"%s*:%s*"([^"]+)"')
      if p then table.insert(peers, p) end
    end
  end
end

function done(summary, latency, requests)
  local late_total, sent_total = 0, 0
  for _, t in ipairs(threads) do
    late_total = late_total + (t:get("late") or 0)
    sent_total = sent_total + (t:get("sent") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    "REFERENCE requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d late=%d sent=%d "
      .. "errors_connect=%d errors_read=%d errors_write=%d errors_status=%d errors_timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    late_total, sent_total, e.connect, e.read, e.write, e.status, e.timeout))
end
