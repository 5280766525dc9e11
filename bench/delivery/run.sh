#!/usr/bin/env bash
# Delivery benchmark (issue 4, part 8), one command: bash bench/delivery/run.sh
#
#   1. 2,000 reminder emails (the shipped plans and templates, rendered by nhacviec) sent by nhacviec's
#      SMTPTransport (libcurl, one reused connection) to Postfix's smtp-sink on 127.0.0.1, then the same
#      2,000 prepared .eml files sent by msmtp, one process per message as a cron script would.
#   2. 2,000 signed webhooks sent by nhacviec's WebhookTransport (libcurl, one reused connection) to a
#      loopback Python ThreadingHTTPServer (HTTP/1.1 keep-alive, checks every signature, answers 204), then
#      the same bodies and headers sent by curl, one process per request.
#
# Prints messages/s for each and the ratios against the targets (≥ 5× msmtp, ≥ 3× curl).
# Installs what is missing (postfix for smtp-sink, msmtp, curl, python3; the postfix service is left
# unconfigured and is not started). Everything stays on 127.0.0.1; the servers are stopped on exit.
#
# Environment: COUNT (default 2000), CLIENT_BUDGET_SECONDS (default 130): when one-process-per-message
# clients would take longer than that, only the first N ≥ 200 are timed and the rate is extrapolated
# (the output says so).
set -euo pipefail
cd "$(dirname "$0")"

COUNT=${COUNT:-2000}
CLIENT_BUDGET_SECONDS=${CLIENT_BUDGET_SECONDS:-130}
SUBSET_MIN=200
SCRATCH=../../.build-bench-delivery
HELO=nhacviec.gialai.example
PYTHON=/usr/bin/python3

# --- dependencies -------------------------------------------------------------------------------------
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
missing=()
for package in postfix msmtp curl python3 libcurl4-openssl-dev pkg-config; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    # Only the smtp-sink test server of postfix is used: no mail system is configured or started.
    echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v smtp-sink >/dev/null || export PATH="$PATH:/usr/sbin"

# --- build --------------------------------------------------------------------------------------------
echo "building the bench (release, $SCRATCH) ..."
build_log=$(mktemp)
if ! swift build --package-path ../.. -c release --product delivery-bench --scratch-path "$SCRATCH" >"$build_log" 2>&1; then
    grep -E "error" "$build_log" | head -20 || cat "$build_log"
    rm -f "$build_log"
    exit 1
fi
rm -f "$build_log"
BENCH=$SCRATCH/release/delivery-bench

# --- servers, cleaned up on exit ----------------------------------------------------------------------
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    $PYTHON -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
wait_for_port() { # port: until it is in LISTEN state, up to 5 s (read from /proc, so no probe connection)
    local hex attempt
    hex=$(printf '%04X' "$1")
    for attempt in $(seq 50); do
        if grep -q "^ *[0-9]*: 0100007F:$hex 00000000:0000 0A" /proc/net/tcp; then return 0; fi
        sleep 0.1
    done
    echo "nothing listens on 127.0.0.1:$1" >&2
    return 1
}
now() { echo "$EPOCHREALTIME"; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%6.0f messages/s  %7.3f ms each", n / s, s * 1000 / n }'; }
verdict() { # ratio target
    awk -v r="$1" -v t="$2" 'BEGIN { printf "%.1f× (target ≥ %d×)  %s", r, t, (r >= t ? "TARGET MET" : "TARGET MISSED") }'
}

# Runs one client process per prepared request until all COUNT are sent or, past SUBSET_MIN, until the
# projected total exceeds the budget. Sets client_done, client_ok, client_seconds.
# $1: a function that sends request number $2 and succeeds when the server accepted it.
run_clients() {
    local send=$1 start elapsed i
    client_ok=0
    client_done=0
    start=$(now)
    for ((i = 0; i < COUNT; i++)); do
        if "$send" "$i"; then client_ok=$((client_ok + 1)); fi
        client_done=$((client_done + 1))
        if ((client_done >= SUBSET_MIN && client_done % 100 == 0)); then
            elapsed=$(awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }')
            if awk -v e="$elapsed" -v d="$client_done" -v n="$COUNT" -v b="$CLIENT_BUDGET_SECONDS" \
                'BEGIN { exit !(e / d * n > b) }'; then
                break
            fi
        fi
    done
    client_seconds=$(awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }')
}
client_summary() { # label
    local line
    line=$(printf "  %-46s %5d/%d in %7.3f s  %s" "$1" "$client_ok" "$client_done" "$client_seconds" \
        "$(rate "$client_done" "$client_seconds")")
    if ((client_done < COUNT)); then
        line+="  (SUBSET: first $client_done of $COUNT timed, rate extrapolated to $COUNT)"
    fi
    echo "$line"
}
result_field() { # line key
    tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"
}

echo
echo "== nhacviec delivery benchmark (issue 4, part 8), $COUNT messages, loopback 127.0.0.1"
echo "   $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "   $(curl --version | sed -n 1p | cut -d' ' -f1-5); $(msmtp --version | sed -n 1p); Python $($PYTHON -c 'import platform; print(platform.python_version())')"

# --- 1. SMTP ------------------------------------------------------------------------------------------
mkdir "$work/mail"
smtp_port=$(free_port)
sink_user=()
[ "$(id -u)" = 0 ] && sink_user=(-u nobody) # smtp-sink refuses to keep root privileges
smtp-sink "${sink_user[@]}" -c "127.0.0.1:$smtp_port" 1000 >"$work/sink.counters" 2>"$work/sink.log" &
pids+=($!)
wait_for_port "$smtp_port"
sink_counters() { tr '\r' '\n' <"$work/sink.counters" | grep . | tail -1; }

echo
echo "SMTP: smtp-sink on 127.0.0.1:$smtp_port"
"$BENCH" smtp --config ../../Config/nhacviec.yaml --count "$COUNT" --port "$smtp_port" --out "$work/mail" >"$work/smtp.out" ||
    { cat "$work/smtp.out"; exit 1; }
grep -v '^RESULT' "$work/smtp.out"
smtp_result=$(grep '^RESULT' "$work/smtp.out")
sleep 0.2
echo "  smtp-sink counters after nhacviec: $(sink_counters)"
nv_count=$(result_field "$smtp_result" count)
nv_ok=$(result_field "$smtp_result" ok)
nv_seconds=$(result_field "$smtp_result" seconds)
nv_render=$(result_field "$smtp_result" render_seconds)
nv_messages=$(result_field "$smtp_result" messages)

mapfile -t envelopes <"$work/mail/envelopes.tsv"
send_msmtp() {
    local file from rcpt
    IFS=$'\t' read -r file from rcpt <<<"${envelopes[$1]}"
    msmtp -C /dev/null --host=127.0.0.1 --port="$smtp_port" --auth=off --tls=off --domain="$HELO" \
        --timeout=10 --from="$from" "$rcpt" <"$work/mail/$file"
}
run_clients send_msmtp
echo "  smtp-sink counters after msmtp:    $(sink_counters)"
echo
printf "  %-46s %5d/%d in %7.3f s  %s\n" "nhacviec SMTPTransport (1 reused connection)" \
    "$nv_ok" "$nv_count" "$nv_seconds" "$(rate "$nv_count" "$nv_seconds")"
client_summary "msmtp, one process per message"
smtp_ratio=$(awk -v a="$nv_count" -v b="$nv_seconds" -v c="$client_done" -v d="$client_seconds" \
    'BEGIN { print (a / b) / (c / d) }')
with_render=$(awk -v a="$nv_count" -v b="$nv_seconds" -v r="$nv_render" -v c="$client_done" -v d="$client_seconds" \
    'BEGIN { printf "%.1f", (a / (b + r)) / (c / d) }')
echo "  SMTP ratio nhacviec / msmtp: $(verdict "$smtp_ratio" 5)"
echo "  (informational: rendering the $nv_messages messages took $(printf '%.3f' "$nv_render") s; counting it" \
    "on nhacviec's side only, the ratio is ${with_render}×)"
smtp_ok=$([ "$nv_ok" = "$nv_count" ] && [ "$client_ok" = "$client_done" ] && echo yes || echo no)

# --- 2. Webhooks --------------------------------------------------------------------------------------
mkdir "$work/hooks"
$PYTHON -c 'import base64, secrets; print("whsec_" + base64.b64encode(secrets.token_bytes(32)).decode())' >"$work/secret"
$PYTHON webhook_server.py "$work/secret" "$work/http.port" 2>"$work/http.log" &
pids+=($!)
for attempt in $(seq 50); do
    [ -s "$work/http.port" ] && break
    sleep 0.1
done
http_port=$(cat "$work/http.port")
wait_for_port "$http_port"
url="http://127.0.0.1:$http_port/hooks/nhacviec"
http_stats() { curl -sS --max-time 5 "http://127.0.0.1:$http_port/stats"; }

echo
echo "Webhooks: Python ThreadingHTTPServer (HTTP/1.1 keep-alive, verifies signatures, 204) on 127.0.0.1:$http_port"
"$BENCH" webhook --config ../../Config/nhacviec.yaml --count "$COUNT" --url "$url" --secret-file "$work/secret" \
    --out "$work/hooks" >"$work/hook.out" || { cat "$work/hook.out"; exit 1; }
grep -v '^RESULT' "$work/hook.out"
hook_result=$(grep '^RESULT' "$work/hook.out")
echo "  server after nhacviec: $(http_stats)"
wh_count=$(result_field "$hook_result" count)
wh_ok=$(result_field "$hook_result" ok)
wh_seconds=$(result_field "$hook_result" seconds)

send_curl() {
    local base
    base=$(printf '%s/hooks/%05d' "$work" "$1")
    [ "$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -H @"$base.hdr" --data-binary @"$base.json" "$url")" = 204 ]
}
run_clients send_curl
echo "  server after curl:     $(http_stats)  (connections include one per /stats query)"
echo
printf "  %-46s %5d/%d in %7.3f s  %s\n" "nhacviec WebhookTransport (1 reused connection)" \
    "$wh_ok" "$wh_count" "$wh_seconds" "$(rate "$wh_count" "$wh_seconds")"
client_summary "curl, one process per request"
hook_ratio=$(awk -v a="$wh_count" -v b="$wh_seconds" -v c="$client_done" -v d="$client_seconds" \
    'BEGIN { print (a / b) / (c / d) }')
echo "  Webhook ratio nhacviec / curl: $(verdict "$hook_ratio" 3)"
hook_ok=$([ "$wh_ok" = "$wh_count" ] && [ "$client_ok" = "$client_done" ] && echo yes || echo no)

echo
echo "== summary: SMTP $(verdict "$smtp_ratio" 5); webhooks $(verdict "$hook_ratio" 3)"
if [ "$smtp_ok" != yes ] || [ "$hook_ok" != yes ]; then
    echo "some deliveries were not accepted (see above)" >&2
    exit 1
fi
