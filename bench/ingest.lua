-- wrk script: POSTs unique conversions to one webhook and counts what the gateway says it accepted.
-- Environment: WEBHOOK_SECRET, BATCH (conversions per request, default 1), REQUESTS_PER_THREAD (stop after that
-- many answers per thread; default: run for wrk's duration).
local batch = tonumber(os.getenv("BATCH") or "1")
local requests_per_thread = tonumber(os.getenv("REQUESTS_PER_THREAD") or "0")
local secret = os.getenv("WEBHOOK_SECRET")
local threads = {}
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("id", thread_id)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  accepted = 0
  duplicates = 0
  statuses = {}
  run = os.getenv("RUN_ID") or tostring(os.time())
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-Webhook-Secret"] = secret
end

local function conversion()
  counter = counter + 1
  -- Unique per run, thread and request: every conversion is new, none is a duplicate.
  return string.format(
    '{"client_id":"%d","target":"bench_goal","date_time":%d,"price":"1999.90","currency":"RUB","external_id":"%s-%d-%d"}',
    1000000 + counter, os.time() - 60, run, id, counter)
end

function request()
  if batch == 1 then
    return wrk.format(nil, nil, nil, conversion())
  end
  local items = {}
  for i = 1, batch do
    items[i] = conversion()
  end
  return wrk.format(nil, nil, nil, "[" .. table.concat(items, ",") .. "]")
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  answered = (answered or 0) + 1
  if requests_per_thread > 0 and answered >= requests_per_thread then
    wrk.thread:stop()
  end
  if status == 202 then
    accepted = accepted + tonumber(string.match(body, '"accepted":(%d+)'))
    duplicates = duplicates + tonumber(string.match(body, '"duplicates":(%d+)'))
  end
end

function done(summary, latency, requests)
  local total_accepted, total_duplicates, by_status = 0, 0, {}
  for _, thread in ipairs(threads) do
    total_accepted = total_accepted + thread:get("accepted")
    total_duplicates = total_duplicates + thread:get("duplicates")
    for status, count in pairs(thread:get("statuses")) do
      by_status[status] = (by_status[status] or 0) + count
    end
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d seconds=%.1f requests_per_s=%.0f conversions_per_s=%.0f " ..
    "p50_ms=%.1f p99_ms=%.1f accepted=%d duplicates=%d errors=%d",
    summary.requests, seconds, summary.requests / seconds, total_accepted / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, total_accepted, total_duplicates,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  for status, count in pairs(by_status) do
    io.write(string.format(" status_%d=%d", status, count))
  end
  io.write("\n")
end
