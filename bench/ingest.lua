-- wrk script: POSTs incoming messages to /api/ingest, each with a unique
-- external id, from 5,000 different clients (new dialogs first, then more
-- messages in them). Arguments: token source_id
local threads = {}
local next_thread = 0

function setup(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

function init(args)
  token = args[1]
  source = args[2]
  prefix = "bench-" .. os.time() .. "-" .. thread_id
  counter = 0
  statuses = {}
end

request = function()
  counter = counter + 1
  local body = string.format(
    '{"source_id":%s,"external_id":"%s-%d","client":{"identity":"bench-client-%d",' ..
    '"name":"Клиент %d"},"text":"Сообщение номер %d"}',
    source, prefix, counter, (counter * 7 + thread_id) % 5000, counter % 5000, counter)
  return wrk.format("POST", "/api/ingest",
    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end

response = function(status)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  io.write(string.format("ingest: %d requests in %.1f s = %.0f per second; " ..
    "latency p50 %.1f ms, p99 %.1f ms; non-2xx or errors: %d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
