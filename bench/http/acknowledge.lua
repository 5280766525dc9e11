-- wrk script for bench/http/run.sh: requests over a pool of acknowledgement tokens, and a one-line summary.
--
-- Environment:
--   BENCH_MODE    get    GET /a/<token> (the confirmation page), cycling through the pool
--                 post   POST /a/<token> with the page's form (form=<value>&reporter=…&note=…), each token once;
--                        a thread that has used its share of the pool starts again (those POSTs are repeats)
--                 static GET BENCH_PATH (nginx's copy of the page)
--   BENCH_TOKENS  file of "<token> <form value>" lines (get, post)
--   BENCH_PATH    path for static
--   BENCH_THREADS wrk's -t
--
-- Thread i takes tokens i, i+n, i+2n, … (n threads), so no two threads post the same one. done()
-- prints "RESULT requests=… seconds=… rps=… p50_ms=… p99_ms=… max_ms=… errors=… bad_status=… repeats=…".

local mode = os.getenv("BENCH_MODE") or "get"
local threads = {}
local counter = 0

function setup(thread)
    thread:set("id", counter)
    counter = counter + 1
    table.insert(threads, thread)
end

local tokens = {}
local next_index = 1
posted = 0     -- globals of a thread's Lua state, read by done() through thread:get
share = 0
bad_status = 0
local expected = (mode == "post") and 303 or 200

local function load_tokens(path, id, count)
    local file = assert(io.open(path, "r"), "cannot open BENCH_TOKENS " .. tostring(path))
    local line_number = 0
    for line in file:lines() do
        local token, form = line:match("^(%S+)%s+(%S+)$")
        if token then
            if line_number % count == id then table.insert(tokens, { token = token, form = form }) end
            line_number = line_number + 1
        end
    end
    file:close()
    assert(#tokens > 0, "no tokens for thread " .. id .. " in " .. path)
    share = #tokens
end

function init(args)
    if mode ~= "static" then
        load_tokens(os.getenv("BENCH_TOKENS"), id, tonumber(os.getenv("BENCH_THREADS") or "1"))
    end
end

local body_fields = "&reporter=Nguy%E1%BB%85n+V%C4%83n+A&note=C%C3%B4ng+v%C4%83n+s%E1%BB%91+123%2FSTP"
local post_headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "text/html",
}

function request()
    if mode == "static" then return wrk.format("GET", os.getenv("BENCH_PATH")) end
    local entry = tokens[next_index]
    next_index = next_index % #tokens + 1
    if mode == "get" then return wrk.format("GET", "/a/" .. entry.token) end
    posted = posted + 1
    return wrk.format("POST", "/a/" .. entry.token, post_headers, "form=" .. entry.form .. body_fields)
end

function response(status, headers, body)
    if status ~= expected then bad_status = bad_status + 1 end
end

function done(summary, latency, requests)
    local bad, repeated = 0, 0
    for _, thread in ipairs(threads) do
        bad = bad + thread:get("bad_status")
        repeated = repeated + math.max(0, thread:get("posted") - thread:get("share"))
    end
    local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
    local seconds = summary.duration / 1e6
    io.write(string.format(
        "RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f errors=%d bad_status=%d repeats=%d\n",
        summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
        latency:percentile(99) / 1000, latency.max / 1000, errors + summary.errors.status, bad, repeated))
end
