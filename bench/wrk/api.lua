-- wrk script of bench/server.sh. Environment:
--   BENCH_MODE   "list" (GET the path given to wrk) or "withdraw" (withdraw distinct complaints)
--   BENCH_COOKIE "cd_session=…"
--   FIRST_ID, LAST_ID   withdraw: the withdrawable complaints, each withdrawn once
--   THREADS      withdraw: wrk's -t, to split the ids between threads
-- done() prints one machine-readable line:
--   WRK requests=… duration_s=… rps=… p50_ms=… p90_ms=… p99_ms=… max_ms=… non2xx=… socket_errors=…

local mode = os.getenv("BENCH_MODE") or "list"
local cookie = os.getenv("BENCH_COOKIE") or ""
local threads = {}
local next_thread = 0

function setup(thread)
  thread:set("thread_index", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

function init(args)
  wrk.headers["cookie"] = cookie
  if mode == "withdraw" then
    first_id = tonumber(os.getenv("FIRST_ID"))
    last_id = tonumber(os.getenv("LAST_ID"))
    step = tonumber(os.getenv("THREADS") or "1")
    next_id = first_id + thread_index
    exhausted = 0
    body = '{"reason":"mistaken","note":"","expected_version":1}'
    headers = {
      ["content-type"] = "application/json",
      ["x-complaint-desk"] = "1",
      ["cookie"] = cookie,
    }
  end
end

function request()
  if mode ~= "withdraw" then
    return wrk.request()
  end
  local id = next_id
  next_id = next_id + step
  if id > last_id then
    -- Out of withdrawable complaints: a request that fails (counted in non2xx), so an
    -- undersized seed shows instead of inflating the rate with cheap refusals.
    exhausted = exhausted + 1
    id = 0
  end
  headers["idempotency-key"] = "bench-" .. id .. "-" .. next_id
  return wrk.format("POST", "/api/complaints/" .. id .. "/withdrawal", headers, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  local exhausted_total = 0
  for _, thread in ipairs(threads) do
    exhausted_total = exhausted_total + (thread:get("exhausted") or 0)
  end
  io.write(string.format(
    "WRK requests=%d duration_s=%.2f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d socket_errors=%d exhausted=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout,
    exhausted_total))
end
