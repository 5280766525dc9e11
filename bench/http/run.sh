#!/usr/bin/env bash
# The HTTP benchmark (issue 8, part 8; issue 9, part 5): acknowledgement links and one agency's calendar feed
# served by `nhacviec serve` on the national-scale config of bench/planning, measured with wrk on 127.0.0.1 beside
# nginx serving the same bytes as a static file (the ceiling for this machine). One command, from anywhere in the
# repo:
#
#   bash bench/http/run.sh
#
#   1. confirmation-page GETs (GET /a/<token>, cycling over a pool of tokens not yet used);
#   2. acknowledgement POSTs (the page's form, each token posted once: every POST records a new
#      acknowledgement and queues a receipt email, as a clerk's click does), then checks the ledger holds one
#      acknowledgement per posted token;
#   3. POSTs of the tokens already recorded (what a double click or a retry costs);
#   4. nginx (Debian), on its own loopback port from a temporary config, serving the confirmation page's bytes
#      as a static file;
#   5. GET /cal/<token>.ics: the calendar feed of the agency with the most deadlines (`nhacviec feed --agency`),
#      rendered anew for every request (occurrences of 60 days back to 400 ahead, reports, revisions from the
#      ledger), beside nginx serving the feed's bytes;
#   then requests/s, p50 and p99 latency of each, and nhacviec / nginx as a ratio.
#
# Environment:
#   BENCH_SECONDS=N      duration of each wrk run (default 10)
#   BENCH_THREADS=N      wrk threads (default 2)
#   BENCH_CONNECTIONS=N  wrk connections, kept alive (default 16)
#   BENCH_TOKENS=N       size of the token pool (default 60000; a POST run that uses it up posts repeats,
#                        which the output counts)
#   BENCH_BIN=PATH       use this release binary (e.g. from make deb) instead of building one
#   BENCH_KEEP=DIR       keep the generated config, state, logs and wrk output in DIR instead of a temp dir
#   BENCH_SEED=N         generator seed (default 20250101, as bench/planning)
#
# Exit status: 0 when every run completed; non-zero when a step fails (build, config, the daemon or nginx not
# answering, a request answered with an unexpected status, the ledger not holding the posted acknowledgements).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
HERE=bench/http
SEED=${BENCH_SEED:-20250101}
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
POOL=${BENCH_TOKENS:-60000}
LINKS=3
# Monday 20 October 2025, 03:00: nothing is due, so the daemon's scheduler sleeps while wrk runs (see
# bench/service). Occurrences of the next weeks give the tokens.
NOW=2025-10-20T03:00:00+07:00
WINDOW_FROM=2025-10-20
WINDOW_TO=2025-12-31

# shellcheck source=../common.sh
. bench/common.sh

# --- 1. what the benchmark needs ---------------------------------------------------------------------------
step "dependencies"
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
[ -x /usr/sbin/nginx ] || missing+=(nginx)   # only its binary is used, from a config of our own
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
install_missing "${missing[@]}"
say "$(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2); $(/usr/sbin/nginx -v 2>&1); $(nproc) CPUs"

# --- 2. release build of the CLI only (same scratch path as bench/planning and bench/service) ------------
build_release_cli http

# --- 3. work dir; background processes in PIDS are stopped on exit ---------------------------------------
make_work_dir http

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# --- 4. the national-scale config with an http: section ----------------------------------------------------
PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
national_config "$SEED" bench/http/run.sh
say "nhacviec listens on 127.0.0.1:$PORT"
cat >>"$MAIN" <<EOF
# The web server on a loopback port, with the dashboard's users file.
http:
  listen: 127.0.0.1:$PORT
  public_url: $BASE
  trusted_proxies: []
  ops_listen: 127.0.0.1:$(free_port)
  users_file: $WORK/web-users
EOF
# One dashboard admin (bcrypt is checked once; the daemon remembers the digest), for the overview runs.
printf '%s\n' bench-password | "$BIN" passwd --file "$WORK/web-users" --role admin bench >/dev/null 2>&1 ||
    fail "nhacviec passwd could not write $WORK/web-users"
AUTH="Authorization: Basic $(printf 'bench:bench-password' | base64)"
CHECK_OUT=$("$BIN" check --config "$MAIN") || fail "nhacviec check rejects the generated config"
say "check: $CHECK_OUT"

# --- 5. state and the token pool ------------------------------------------------------------------------------
step "state: one pass at $NOW (records the look-back as skipped), then $POOL tokens"
"$BIN" serve --once --config "$MAIN" --now "$NOW" --log-level warning >"$WORK/once.out" 2>"$WORK/once.err" ||
    { tail -5 "$WORK/once.err"; fail "serve --once failed"; }
"$BIN" upcoming --config "$MAIN" --from "$WINDOW_FROM" --to "$WINDOW_TO" --format json >"$WORK/upcoming.json"
# `nhacviec link` for the first agency of the first LINKS dated occurrences; tokens.py copies their grant.
python3 - "$WORK/upcoming.json" "$LINKS" >"$WORK/occurrences" <<'EOF'
import json, sys
lines = sorted((l for l in json.load(open(sys.argv[1])) if l.get("nominal_due") and l.get("due") and l["who"]),
               key=lambda l: (l["due"], l["plan"], l["task"], l["milestone"]))
for l in lines[: int(sys.argv[2])]:
    print(l["who"][0], l["plan"], l["task"], l["milestone"], l["nominal_due"])
EOF
: >"$WORK/seeds"
link_start=$(date +%s%N)
while read -r agency plan task milestone occurrence; do
    "$BIN" link --config "$MAIN" --agency "$agency" --plan "$plan" --task "$task" --milestone "$milestone" \
        --occurrence "$occurrence" 2>>"$WORK/link.err" | grep -o "$BASE/a/nva_[0-9a-f]*" >>"$WORK/seeds" ||
        { tail -5 "$WORK/link.err"; fail "nhacviec link --agency $agency --task $task --milestone $milestone failed"; }
done <"$WORK/occurrences"
say "nhacviec link: $LINKS links, $(( ($(date +%s%N) - link_start) / 1000000 / LINKS )) ms each (it loads the national config)"
python3 "$HERE/tokens.py" grow "$STATE/state.sqlite" "$WORK/upcoming.json" "$WORK/seeds" "$WORK/tokens" --count "$POOL" \
    --seed "$SEED" || fail "could not build the token pool"

# The agency with the most deadlines, and its feed (token created now, as a reminder would).
FEED_AGENCY=$(python3 -c '
import collections, json, sys
counts = collections.Counter(a for line in json.load(open(sys.argv[1])) if line.get("due") for a in line["who"])
print(counts.most_common(1)[0][0])' "$WORK/upcoming.json")
FEED_URL=$("$BIN" feed --config "$MAIN" --agency "$FEED_AGENCY" 2>>"$WORK/feed.err" | grep '^http') ||
    { tail -5 "$WORK/feed.err"; fail "nhacviec feed --agency $FEED_AGENCY failed"; }
FEED_PATH=${FEED_URL#"$BASE"}
say "feed of $FEED_AGENCY: $BASE/cal/nvf_…ics"

# --- 6. the daemon ---------------------------------------------------------------------------------------------
step "nhacviec serve --now $NOW"
"$BIN" serve --config "$MAIN" --now "$NOW" --log-level warning >"$WORK/daemon.out" 2>"$WORK/daemon.log" &
DPID=$!
PIDS+=("$DPID")
FIRST=$(head -1 "$WORK/tokens" | cut -d' ' -f1)
for _ in $(seq 600); do
    kill -0 "$DPID" 2>/dev/null || { tail -20 "$WORK/daemon.log"; fail "the daemon exited during start-up"; }
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/a/$FIRST" || true)" = 200 ] && break
    sleep 0.2
done
curl -sf -o "$WORK/page.html" "$BASE/a/$FIRST" || fail "GET $BASE/a/<token> does not answer 200"
grep -q 'Xác nhận đã hoàn thành' "$WORK/page.html" || fail "the confirmation page has no button"
# Wait for the start-up pass to end: the daemon's CPU time must stop growing (less than 2 ticks in a second).
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
for _ in $(seq 120); do
    t0=$(cpu_ticks "$DPID"); sleep 1; t1=$(cpu_ticks "$DPID")
    [ $(( t1 - t0 )) -lt 2 ] && break
done
PAGE_BYTES=$(wc -c <"$WORK/page.html")
say "ready: the confirmation page is $PAGE_BYTES bytes; daemon RSS $(awk '$1 == "VmRSS:" { printf "%.1f MiB", $2 / 1024 }' "/proc/$DPID/status")"

curl -sf -o "$WORK/feed.ics" "$BASE$FEED_PATH" || fail "GET $FEED_PATH does not answer 200"
grep -q '^BEGIN:VCALENDAR' "$WORK/feed.ics" || fail "the feed is no calendar"
curl -sf -o "$WORK/feed2.ics" "$BASE$FEED_PATH" && cmp -s "$WORK/feed.ics" "$WORK/feed2.ics" ||
    fail "two renders of the feed differ"
FEED_BYTES=$(wc -c <"$WORK/feed.ics")
FEED_EVENTS=$(grep -c '^BEGIN:VEVENT' "$WORK/feed.ics")
curl -sf -H "$AUTH" -o "$WORK/overview.html" "$BASE/dashboard" || fail "GET /dashboard does not answer 200"
grep -q 'Tổng quan' "$WORK/overview.html" || fail "the dashboard overview has no title"
OVERVIEW_BYTES=$(wc -c <"$WORK/overview.html")
say "feed: $FEED_EVENTS events, $FEED_BYTES bytes"

# --- 7. nginx on its own port, serving the page's bytes ------------------------------------------------------
NGINX_PORT=$(free_port)
mkdir -p "$WORK/nginx/static" "$WORK/nginx/temp"
cp "$WORK/page.html" "$WORK/nginx/static/page.html"
cp "$WORK/feed.ics" "$WORK/nginx/static/feed.ics"
cp "$WORK/overview.html" "$WORK/nginx/static/overview.html"
# nginx's workers run as www-data when the bench runs as root: they must reach the files (mktemp made WORK 0700).
chmod a+rx "$WORK" "$WORK/nginx" "$WORK/nginx/static"
chmod a+r "$WORK/nginx/static/"*
cat >"$WORK/nginx/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/temp/body;
    proxy_temp_path $WORK/nginx/temp/proxy;
    fastcgi_temp_path $WORK/nginx/temp/fastcgi;
    uwsgi_temp_path $WORK/nginx/temp/uwsgi;
    scgi_temp_path $WORK/nginx/temp/scgi;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $WORK/nginx/static;
        default_type text/html;
        charset utf-8;
    }
}
EOF
/usr/sbin/nginx -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" &
NGINX_PID=$!
PIDS+=("$NGINX_PID")
# Up to 30 s: on a loaded machine nginx may be slow to bind; a port another process took ends it at once.
for _ in $(seq 300); do
    curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/page.html" && break
    kill -0 "$NGINX_PID" 2>/dev/null || break
    sleep 0.1
done
curl -sf -o "$WORK/nginx/check.html" "http://127.0.0.1:$NGINX_PORT/page.html" ||
    { tail -5 "$WORK/nginx/error.log" 2>/dev/null; fail "nginx does not answer on 127.0.0.1:$NGINX_PORT"; }
cmp -s "$WORK/page.html" "$WORK/nginx/check.html" || fail "nginx serves other bytes than the page"
curl -sf -o "$WORK/nginx/check.ics" "http://127.0.0.1:$NGINX_PORT/feed.ics" && cmp -s "$WORK/feed.ics" "$WORK/nginx/check.ics" ||
    fail "nginx serves other bytes than the feed"
say "nginx $(/usr/sbin/nginx -v 2>&1 | cut -d/ -f2) on 127.0.0.1:$NGINX_PORT, $(nproc) workers, page.html $PAGE_BYTES bytes"

# --- 8. the runs -----------------------------------------------------------------------------------------------
# run LABEL MODE URL: one wrk run; prints its RESULT line and keeps the full output in $WORK/wrk-LABEL.txt.
declare -A RPS P50 P99 COUNT
run() {
    local label=$1 mode=$2 url=$3 out=$WORK/wrk-$1.txt
    step "$label: wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    BENCH_MODE=$mode BENCH_TOKENS=${TOKENS_FILE:-$WORK/tokens} BENCH_THREADS=$THREADS BENCH_PATH=${STATIC_PATH:-/page.html} \
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --timeout 10s --latency -s "$HERE/acknowledge.lua" \
        ${WRK_HEADER:+-H "$WRK_HEADER"} \
        "$url" >"$out" 2>&1 || { cat "$out"; fail "wrk failed ($label)"; }
    local result
    result=$(grep '^RESULT ' "$out") || { cat "$out"; fail "wrk printed no result ($label)"; }
    say "${result#RESULT }"
    local field
    for field in errors bad_status; do
        [ "$(sed -n "s/.* $field=\([0-9]*\).*/\1/p" <<<"$result")" = 0 ] ||
            { cat "$out"; tail -5 "$WORK/daemon.log"; fail "$label: $field in the responses (see above)"; }
    done
    RPS[$label]=$(sed -n 's/.* rps=\([0-9.]*\).*/\1/p' <<<"$result")
    P50[$label]=$(sed -n 's/.* p50_ms=\([0-9.]*\).*/\1/p' <<<"$result")
    P99[$label]=$(sed -n 's/.* p99_ms=\([0-9.]*\).*/\1/p' <<<"$result")
    COUNT[$label]=$(sed -n 's/^requests=\([0-9]*\).*/\1/p' <<<"${result#RESULT }")
    REPEATS=$(sed -n 's/.* repeats=\([0-9]*\).*/\1/p' <<<"$result")
}
# How many tokens of the pool have their acknowledgement (source link) in the ledger; they go to tokens-recorded.
ledger_links() { python3 "$HERE/tokens.py" recorded "$STATE/state.sqlite" "$WORK/tokens" "$WORK/tokens-recorded"; }
outbox_count() { if [ -d "$STATE/outbox" ]; then find "$STATE/outbox" -maxdepth 1 -name '*.eml' | wc -l; else echo 0; fi; }

run get get "$BASE"
[ "$(ledger_links)" = 0 ] || fail "GETs recorded acknowledgements"
outbox_before=$(outbox_count)
run post post "$BASE"
POST_REPEATS=$REPEATS
recorded=$(ledger_links)
expected=$(( COUNT[post] - POST_REPEATS ))
# wrk counts only the responses it read before the end; up to one request per connection may have been recorded
# after that.
[ "$recorded" -ge "$expected" ] && [ "$recorded" -le $(( expected + CONNECTIONS )) ] ||
    fail "the ledger holds $recorded link acknowledgements after $expected first POSTs"
say "ledger: $recorded acknowledgements with source link, one per token posted ($POST_REPEATS repeats)"
# The daemon writes a receipt email (one address per generated agency) for each acknowledgement.
receipts_start=$(date +%s)
for _ in $(seq 240); do [ $(( $(outbox_count) - outbox_before )) -ge "$recorded" ] && break; sleep 0.5; done
RECEIPTS="$(( $(outbox_count) - outbox_before )) receipt emails in the outbox for $recorded acknowledgements, $(( $(date +%s) - receipts_start )) s after the POST run"
say "$RECEIPTS"
TOKENS_FILE=$WORK/tokens-recorded run repeat post "$BASE"
run nginx static "http://127.0.0.1:$NGINX_PORT"
STATIC_PATH=$FEED_PATH run feed static "$BASE"
STATIC_PATH=/feed.ics run nginx-feed static "http://127.0.0.1:$NGINX_PORT"
WRK_HEADER=$AUTH STATIC_PATH=/dashboard run overview static "$BASE"
STATIC_PATH=/overview.html run nginx-overview static "http://127.0.0.1:$NGINX_PORT"

# --- summary --------------------------------------------------------------------------------------------------
step "summary ($THREADS wrk threads, $CONNECTIONS connections, ${SECONDS_PER_RUN} s per run, 127.0.0.1; page $PAGE_BYTES bytes)"
say "config: $CHECK_OUT"
line() {
    printf '%-46s %9.0f req/s   p99 %8.2f ms   %5.1f%% of nginx req/s, p99 %5.1f× nginx\n' "$1" "${RPS[$2]}" "${P99[$2]}" \
        "$(awk -v a="${RPS[$2]}" -v b="${RPS[nginx]}" 'BEGIN { print 100 * a / b }')" \
        "$(awk -v a="${P99[$2]}" -v b="${P99[nginx]}" 'BEGIN { print a / b }')"
}
line "GET /a/<token> (confirmation page)" get
line "POST /a/<token> (new acknowledgement, 303)" post
line "POST /a/<token> (already recorded, 303)" repeat
printf '%-46s %9.0f req/s   p99 %8.2f ms   (the ceiling: a static file of the same size)\n' "nginx GET /page.html" \
    "${RPS[nginx]}" "${P99[nginx]}"
feed_line() {
    printf '%-46s %9.0f req/s   p50 %8.2f ms   p99 %8.2f ms\n' "$1" "${RPS[$2]}" "${P50[$2]}" "${P99[$2]}"
}
feed_line "GET /cal/<token>.ics ($FEED_EVENTS events, $FEED_BYTES B)" feed
feed_line "nginx GET /feed.ics (the same bytes)" nginx-feed
say "feed / nginx: $(awk -v a="${RPS[feed]}" -v b="${RPS[nginx-feed]}" 'BEGIN { printf "%.4f", a / b }') of the requests/s; p99 $(awk -v a="${P99[feed]}" -v b="${P99[nginx-feed]}" 'BEGIN { printf "%.1f", a / b }')× nginx's"
feed_line "GET /dashboard (overview, $OVERVIEW_BYTES B, Basic auth)" overview
feed_line "nginx GET /overview.html (the same bytes)" nginx-overview
say "overview / nginx: $(awk -v a="${RPS[overview]}" -v b="${RPS[nginx-overview]}" 'BEGIN { printf "%.4f", a / b }') of the requests/s; p99 $(awk -v a="${P99[overview]}" -v b="${P99[nginx-overview]}" 'BEGIN { printf "%.1f", a / b }')× nginx's"
say "$RECEIPTS"
[ "$POST_REPEATS" = 0 ] || say "note: the pool of $POOL tokens ran out; $POST_REPEATS of the 'new' POSTs were repeats (BENCH_TOKENS=…)"
[ -n "${BENCH_KEEP:-}" ] && say "kept: $WORK (config/, state/, wrk-*.txt, daemon.log, nginx/)"
exit 0
