-- wrk script of bench/load.py: every request POSTs one new kiosk rating (a UUID of its own) with the tablet's
-- token, counts the answers that accepted it and writes their ids, one file per wrk thread, so that bench/load.py
-- can check each accepted rating is stored. Usage: wrk -s bench/rating.lua <url> -- <kiosk token> <folder>
local threads = {}
local count = 0

function setup(thread)
  count = count + 1
  thread:set("id", count)
  table.insert(threads, thread)
end

function init(args)
  token = args[1] or ""
  ids = io.open(string.format("%s/accepted-%d.txt", args[2] or "/tmp", id), "w")
  math.randomseed(os.time() + id * 7919)
  high = math.random(0, 2147483647)
  middle = math.random(0, 65535)
  sent = 0
  accepted = 0
end

function request()
  sent = sent + 1
  local client_id = string.format("%08x-%04x-4%03x-8%03x-%012d", high, middle, id % 4096, math.random(0, 4095), sent)
  local body = '{"ratings": [{"id": "' .. client_id .. '", "level": "satisfied"}]}'
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["X-Kiosk-Token"] = token}, body)
end

function response(status, headers, body)
  local client_id = status == 200 and string.match(body, '"accepted": %["([%x%-]+)"')
  if client_id then
    accepted = accepted + 1
    ids:write(client_id, "\n")
    ids:flush()
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("accepted")
  end
  io.write(string.format("Accepted: %d\n", total))
end
