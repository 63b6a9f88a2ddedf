-- wrk script: POSTs batches of incoming messages to /api/ingest/batch, each
-- message with a unique external id, from 5,000 different clients.
-- Arguments: token source_id batch_size
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
  batch = tonumber(args[3] or "50")
  prefix = "bench-batch-" .. os.time() .. "-" .. thread_id
  counter = 0
end

request = function()
  local items = {}
  for i = 1, batch do
    counter = counter + 1
    items[i] = string.format(
      '{"source_id":%s,"external_id":"%s-%d","client":{"identity":"bench-client-%d",' ..
      '"name":"Клиент %d"},"text":"Сообщение номер %d"}',
      source, prefix, counter, (counter * 7 + thread_id) % 5000, counter % 5000, counter)
  end
  return wrk.format("POST", "/api/ingest/batch",
    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"},
    '{"messages":[' .. table.concat(items, ",") .. ']}')
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local size = tonumber(threads[1]:get("batch"))
  io.write(string.format("ingest batch of %d: %d requests in %.1f s = %.0f per second = " ..
    "%.0f messages per second; latency p50 %.1f ms, p99 %.1f ms; non-2xx or errors: %d\n",
    size, summary.requests, seconds, summary.requests / seconds,
    summary.requests * size / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
