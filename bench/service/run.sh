#!/usr/bin/env bash
# The service benchmark (issue 5, part 11): `nhacviec serve` on the national-scale config of the planning
# benchmark (3,500 agencies, 2,000 milestones). One command, from anywhere in the repo:
#
#   bash bench/service/run.sh
#
#   1. one delivery pass (`serve --once`) on a fresh state dir, then again on the same state (steady state),
#      at an instant when nothing is due;
#   2. the idle daemon (`serve`, as under systemd: NOTIFY_SOCKET and WATCHDOG_USEC from the shipped unit):
#      CPU time over 60 s from /proc/PID/stat and its RSS from /proc/PID/status, against the targets
#      (< 20 ms CPU per idle minute, RSS < 50 MB); then SIGTERM, which must end it with status 0;
#   3. one pass at 08:00 on a working day, when ~8,500 reminders to ~1,800 agencies are due: time and
#      messages written to the outbox (state_dir/outbox/*.eml: nothing leaves the machine).
#
# Environment:
#   BENCH_KEEP=DIR          keep the generated config, state and logs in DIR instead of a temp dir
#   BENCH_SEED=N            generator seed (default 20250101, as bench/planning)
#   BENCH_STEADY_RUNS=N     timed steady-state passes (default 2)
#   BENCH_IDLE_SECONDS=N    idle window (default 60)
#   BENCH_BUSY_BUDGET=N     seconds the busy pass may take before it is stopped and its time estimated
#                           (default 120; 0 = wait for it however long it takes)
#
# Exit status: 0 when every step ran (missed targets print "TARGET MISSED", a busy pass over budget prints
# "DID NOT FINISH"; neither is a failure); non-zero when a step fails: build, config, a pass, the daemon not
# becoming ready, or the daemon not exiting 0 on SIGTERM.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
SEED=${BENCH_SEED:-20250101}
STEADY_RUNS=${BENCH_STEADY_RUNS:-2}
IDLE_SECONDS=${BENCH_IDLE_SECONDS:-60}
BUSY_BUDGET=${BENCH_BUSY_BUDGET:-120}
# Monday 20 October 2025. At 03:00 nothing is due and the catch-up window (catch_up_days: 2) holds only the
# weekend, so a fresh state records the look-back (catch_up_days + 7 days) as skipped and sends nothing; the next send is 08:00,
# five hours away. At 08:00 exactly that day's reminders are due (the monthly ones on the 20th among them),
# with no catch-up burst mixed in, which a Friday after a fresh start would have.
IDLE_NOW=2025-10-20T03:00:00+07:00
BUSY_NOW=2025-10-20T08:00:00+07:00
BUSY_DAY=2025-10-20
CPU_TARGET_MS=20
RSS_TARGET_MB=50

# shellcheck source=../common.sh
. bench/common.sh

# --- 1. what the benchmark needs ---------------------------------------------------------------------------
step "dependencies"
missing=()
[ -x /usr/bin/time ] || missing+=(time)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
install_missing "${missing[@]}"
command -v swift >/dev/null 2>&1 || fail "swift is not on PATH (install a Swift 6 toolchain)"
CLK_TCK=$(getconf CLK_TCK)
PERF=""
if command -v perf >/dev/null 2>&1 && perf stat -e task-clock -x, -o /dev/null true >/dev/null 2>&1; then PERF=perf; fi
say "$(swift --version 2>/dev/null | head -1); $(nproc) CPUs; CLK_TCK $CLK_TCK; perf: ${PERF:-not usable}"

# --- 2. release build of the CLI only (same scratch path as bench/planning) -------------------------------
build_release_cli service

# --- 3. work dir; background processes in PIDS are stopped on exit ---------------------------------------
make_work_dir service

# --- 4. the national-scale config: bench/planning's generator, plus templates, state dir, delivery ---------
national_config "$SEED" bench/service/run.sh
CHECK_OUT=$("$BIN" check --config "$MAIN") || fail "nhacviec check rejects the generated config"
say "check: $CHECK_OUT"

# ledger: counts by status (read-only; the service may be running)
ledger() {
    python3 - "$STATE/state.sqlite" "$@" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
what = sys.argv[2] if len(sys.argv) > 2 else "counts"
if what == "counts":
    rows = db.execute("SELECT status, count(*) FROM deliveries GROUP BY status ORDER BY status").fetchall()
    print(", ".join(f"{s} {n}" for s, n in rows) or "empty")
elif what == "due":  # deliveries not yet final, and the email digests they make (one per agency and address)
    n, digests = db.execute(
        "SELECT count(*), count(DISTINCT agency || ' ' || channel) FROM deliveries "
        "WHERE status IN ('pending', 'sending') AND channel LIKE 'email:%'").fetchone()
    agencies = db.execute("SELECT count(DISTINCT agency) FROM deliveries WHERE status IN ('pending', 'sending')").fetchone()[0]
    print(n, digests, agencies)
EOF
}
outbox_count() { if [ -d "$STATE/outbox" ]; then find "$STATE/outbox" -maxdepth 1 -name '*.eml' | wc -l; else echo 0; fi; }
mib() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }

# --- 5. one planning pass: fresh state, then steady state -------------------------------------------------
# timed_pass LABEL NOW: one `serve --once` under /usr/bin/time; prints the pass line, time, CPU, peak RSS.
TIMES=$WORK/times
mkdir -p "$TIMES"
timed_pass() {
    local label=$1 now=$2 out=$TIMES/$1.out
    if ! /usr/bin/time -f '%e %U %S %M' -o "$TIMES/$label" "$BIN" serve --once --config "$MAIN" --now "$now" \
        --log-level warning >"$out" 2>"$TIMES/$label.err"; then
        tail -5 "$TIMES/$label.err"
        fail "serve --once --now $now failed"
    fi
    read -r wall user sys rss <"$TIMES/$label"
    printf '%-22s %7.2f s wall %7.2f s cpu %8s MiB peak RSS   %s\n' "$label" "$wall" \
        "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$(mib "$rss")" "$(grep '^pass:' "$out")"
}
step "planning pass at $IDLE_NOW (nothing due; load average $(cut -d' ' -f1-3 /proc/loadavg))"
timed_pass fresh "$IDLE_NOW"
say "  fresh state: the look-back window's reminders recorded: ledger $(ledger counts); state.sqlite $(du -h "$STATE/state.sqlite" | cut -f1)"
for i in $(seq "$STEADY_RUNS"); do timed_pass "steady-$i" "$IDLE_NOW"; done
say "  next wake: $(grep '^next:' "$TIMES/steady-1.out" | cut -d' ' -f2-)"

# --- 6. the idle daemon -------------------------------------------------------------------------------------
# As systemd runs it: a notify socket (READY=1, STATUS=, WATCHDOG=1 land in notify.log with a monotonic time)
# and the watchdog of systemd/nhacviec.service (WatchdogSec=60: the loop pings every 30 s).
WATCHDOG_SEC=$(sed -n 's/^WatchdogSec=\([0-9]*\)$/\1/p' systemd/nhacviec.service | head -1)
WATCHDOG_SEC=${WATCHDOG_SEC:-60}
step "idle daemon: serve --now $IDLE_NOW, WATCHDOG_USEC for WatchdogSec=$WATCHDOG_SEC, ${IDLE_SECONDS} s window"
SOCK=$WORK/notify.sock
NLOG=$WORK/notify.log
python3 - "$SOCK" "$NLOG" <<'EOF' &
import os, socket, sys, time
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(sys.argv[1])
with open(sys.argv[2], "a", buffering=1) as log:
    while True:
        data = sock.recv(8192).decode(errors="replace").replace("\n", " ")
        log.write(f"{time.monotonic():.3f} {data}\n")
EOF
PIDS+=($!)
for _ in $(seq 50); do [ -S "$SOCK" ] && break; sleep 0.1; done
[ -S "$SOCK" ] || fail "the notify listener did not start"
: >"$NLOG"
export DAEMON_LOG=$WORK/daemon.log DAEMON_PID=$WORK/daemon.pid DAEMON_RC=$WORK/daemon.rc
mono() { python3 -c 'import time; print(f"{time.monotonic():.3f}")'; }
t_start=$(mono)
# A small sh runs the daemon in the background and keeps its exit status. With perf, `perf stat -I 1000`
# starts it, so the CPU counter inherits to every thread the daemon creates later (libdispatch starts and
# retires worker threads while idle; `perf stat -p` would miss those and /proc/PID/stat counts whole 10 ms ticks).
LAUNCH=()
[ -z "$PERF" ] || LAUNCH=(perf stat -I 1000 -e task-clock,context-switches -x, -o "$WORK/perf-idle.csv" --)
NOTIFY_SOCKET=$SOCK WATCHDOG_USEC=$(( WATCHDOG_SEC * 1000000 )) "${LAUNCH[@]}" \
    sh -c '"$@" 2>"$DAEMON_LOG" & echo $! >"$DAEMON_PID"; wait $!; echo $? >"$DAEMON_RC"' sh \
    "$BIN" serve --config "$MAIN" --now "$IDLE_NOW" &
LPID=$!
PIDS+=("$LPID")
for _ in $(seq 100); do [ -s "$WORK/daemon.pid" ] && break; sleep 0.05; done
[ -s "$WORK/daemon.pid" ] || fail "the daemon did not start"
DPID=$(cat "$WORK/daemon.pid")
PIDS=("$DPID" "${PIDS[@]}")
# Ready (READY=1 and the "Ready" log line) comes before the first pass; the STATUS= after it ends that pass.
ready=""
for _ in $(seq 1200); do
    kill -0 "$DPID" 2>/dev/null || { cat "$WORK/daemon.log"; fail "the daemon exited during start-up"; }
    if grep -q 'READY=1' "$NLOG" && grep -q 'Ready' "$WORK/daemon.log" \
        && grep -v 'READY=1' "$NLOG" | grep -qE 'STATUS=(next wake|nothing planned)'; then
        ready=1
        break
    fi
    sleep 0.1
done
[ -n "$ready" ] || { cat "$WORK/daemon.log"; fail "the daemon did not finish its first pass within 120 s"; }
t_ready=$(awk '/READY=1/ { print $1; exit }' "$NLOG")
t_pass=$(grep -v 'READY=1' "$NLOG" | awk '/STATUS=/ { print $1; exit }')
T_READY=$(awk -v a="$t_start" -v b="$t_ready" 'BEGIN { printf "%.2f", b - a }')
T_PASS=$(awk -v a="$t_start" -v b="$t_pass" 'BEGIN { printf "%.2f", b - a }')
say "READY=1 ${T_READY} s after start (config, state, plan loaded); first pass finished ${T_PASS} s after start"
say "status: $(grep -v 'READY=1' "$NLOG" | grep -o 'STATUS=.*' | head -1)"

cpu_ticks() { # utime + stime of the whole process (all threads), fields 14 and 15 after "(comm)"
    sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}
status_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }

sleep 1  # let the pass's last writes settle
ticks0=$(cpu_ticks "$DPID")
wd0=$(grep -c 'WATCHDOG=1' "$NLOG" || true)
t0=$(mono)
sleep "$IDLE_SECONDS"
t1=$(mono)
ticks1=$(cpu_ticks "$DPID")
wd1=$(grep -c 'WATCHDOG=1' "$NLOG" || true)
RSS_KB=$(status_kb "$DPID" VmRSS)
HWM_KB=$(status_kb "$DPID" VmHWM)
ANON_KB=$(status_kb "$DPID" RssAnon)
FILE_KB=$(status_kb "$DPID" RssFile)
THREADS=$(status_kb "$DPID" Threads)
window=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
PROC_MS=$(awk -v t=$(( ticks1 - ticks0 )) -v hz="$CLK_TCK" -v w="$window" 'BEGIN { printf "%.1f", t * 1000 / hz * 60 / w }')
say "window ${window} s: /proc/$DPID/stat utime+stime grew by $(( ticks1 - ticks0 )) ticks of $(( 1000 / CLK_TCK )) ms = ${PROC_MS} ms per idle minute (±$(( 1000 / CLK_TCK )) ms: whole ticks)"
CPU_MS=$PROC_MS
CPU_HOW="/proc/PID/stat ticks"
sleep 1.1  # perf writes the interval that ends after t1
if [ -n "$PERF" ] && [ -s "$WORK/perf-idle.csv" ]; then
    # The 1-s intervals that end inside the window (perf's times count from its start, ~t_start).
    read -r perf_ms perf_cs perf_n < <(awk -F, -v a="$t0" -v b="$t1" -v s="$t_start" '
        /^ *[0-9]/ { t = $1 + s; if (t > a && t <= b) { if ($4 == "task-clock") { ms += $2; n++ } else if ($4 == "context-switches") cs += $2 } }
        END { printf "%.3f %d %d\n", ms, cs, n }' "$WORK/perf-idle.csv")
    if [ "$perf_n" -gt 0 ]; then
        CPU_MS=$(awk -v m="$perf_ms" -v n="$perf_n" 'BEGIN { printf "%.1f", m * 60 / n }')
        CPU_HOW="perf task-clock, all threads"
        say "  perf stat (task-clock, every thread): ${perf_ms} ms in ${perf_n} s = ${CPU_MS} ms per idle minute; ${perf_cs} context switches (wake-ups)"
    fi
fi
say "  ${THREADS} threads at the end of the window; $(( wd1 - wd0 )) WATCHDOG=1 pings in the window"
say "RSS: VmRSS $(mib "$RSS_KB") MiB (anonymous $(mib "$ANON_KB"), file-backed $(mib "$FILE_KB")); VmHWM $(mib "$HWM_KB") MiB (peak, during the first pass)"
RSS_MB=$(mib "$RSS_KB")

CPU_OK=$(awk -v c="$CPU_MS" -v t="$CPU_TARGET_MS" 'BEGIN { print (c < t) ? 1 : 0 }')
if [ "$CPU_OK" = 0 ]; then
    # Why does it wake? System calls of every thread for 20 s: the timers (futex/nanosleep/epoll) and what they do.
    command -v strace >/dev/null 2>&1 || { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq strace >/dev/null; }
    step "idle CPU above target: strace -f -c -p $DPID for 20 s"
    timeout -s INT 20 strace -f -c -p "$DPID" -o "$WORK/strace-idle.txt" || true
    cat "$WORK/strace-idle.txt"
fi

# Diagnostic: how much of the RSS is memory the first pass freed but malloc kept (gdb calls malloc_trim(0)).
TRIM_KB=""
if command -v gdb >/dev/null 2>&1 && gdb -p "$DPID" -batch -ex 'call (int)malloc_trim(0)' >"$WORK/gdb.log" 2>&1; then
    TRIM_KB=$(status_kb "$DPID" VmRSS)
    say "  diagnostic: after malloc_trim(0) (gdb) VmRSS $(mib "$TRIM_KB") MiB, anonymous $(mib "$(status_kb "$DPID" RssAnon)") MiB"
fi

kill -TERM "$DPID"
stopped=""
for _ in $(seq 100); do kill -0 "$DPID" 2>/dev/null || { stopped=1; break; }; sleep 0.1; done
[ -n "$stopped" ] || fail "the daemon did not stop within 10 s of SIGTERM"
wait "$LPID" 2>/dev/null || true
DSTATUS=$(cat "$WORK/daemon.rc" 2>/dev/null || echo "unknown")
grep -q 'STOPPING=1' "$NLOG" || say "warning: no STOPPING=1 on the notify socket"
[ "$DSTATUS" = 0 ] || { tail -5 "$WORK/daemon.log"; fail "the daemon exited with status $DSTATUS on SIGTERM"; }
say "SIGTERM: exit status 0, STOPPING=1 sent; log: $(grep -c . "$WORK/daemon.log") lines ($(grep -o 'notice nhacviec: [A-Za-z]*' "$WORK/daemon.log" | cut -d' ' -f3 | paste -sd, -))"

# --- 7. one pass when a working day's reminders are due ---------------------------------------------------
step "busy pass at $BUSY_NOW (budget: $([ "$BUSY_BUDGET" = 0 ] && echo none || echo "$BUSY_BUDGET s"))"
planned=$("$BIN" reminders --config "$MAIN" --from "$BUSY_DAY" --to "$BUSY_DAY" --format json |
    python3 -c 'import json, sys; r = json.load(sys.stdin); print(len(r), len({x["agency"] for x in r}))')
say "planned for $BUSY_DAY: ${planned% *} reminders to ${planned#* } agencies"
before_out=$(outbox_count)
/usr/bin/time -f '%e %U %S %M' -o "$TIMES/busy" "$BIN" serve --once --config "$MAIN" --now "$BUSY_NOW" \
    --log-level warning >"$TIMES/busy.out" 2>"$TIMES/busy.err" &
TPID=$!
PIDS+=("$TPID")
sleep 0.2
BPID=$(pgrep -P "$TPID" | head -1 || true)
[ -n "$BPID" ] && PIDS+=("$BPID")
busy_start=$(date +%s%N)
finished=""
while :; do
    if ! kill -0 "$TPID" 2>/dev/null; then finished=1; break; fi
    elapsed=$(( ($(date +%s%N) - busy_start) / 1000000000 ))
    if [ "$BUSY_BUDGET" != 0 ] && [ "$elapsed" -ge "$BUSY_BUDGET" ]; then break; fi
    sleep 1
done
if [ -n "$finished" ]; then
    wait "$TPID" || { tail -5 "$TIMES/busy.err"; fail "the busy pass failed"; }
    read -r wall user sys rss <"$TIMES/busy"
    printf '%-22s %7.2f s wall %7.2f s cpu %8s MiB peak RSS   %s\n' busy "$wall" \
        "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$(mib "$rss")" "$(grep '^pass:' "$TIMES/busy.out")"
    BUSY_MSGS=$(( $(outbox_count) - before_out ))
    say "  outbox: $BUSY_MSGS messages written ($(du -sh "$STATE/outbox" | cut -f1)); ledger $(ledger counts)"
    BUSY_RESULT="$wall s, $BUSY_MSGS messages"
else
    # Still running: see how far it got and stop it (a --once pass has no signal handler: SIGTERM ends it).
    read -r due digests agencies < <(ledger due)
    written=$(( $(outbox_count) - before_out ))
    kill -TERM "$BPID" 2>/dev/null || true
    wait "$TPID" 2>/dev/null || true
    read -r _ user sys rss < <(tail -1 "$TIMES/busy")
    say "DID NOT FINISH within $BUSY_BUDGET s (cpu $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') s, peak RSS $(mib "$rss") MiB); stopped it"
    say "  at the stop: $written messages written; $due email deliveries still due ($digests digests to write, $agencies agencies); ledger $(ledger counts)"
    say "  (BENCH_BUSY_BUDGET=0 waits for the pass to end)"
    BUSY_RESULT="DID NOT FINISH in $BUSY_BUDGET s ($written of $(( written + digests )) messages written)"
fi

# --- summary --------------------------------------------------------------------------------------------------
step "summary"
read -r fw fu fs fr <"$TIMES/fresh"
read -r sw su ss sr <"$TIMES/steady-1"
say "config: $CHECK_OUT"
say "planning pass, fresh state (look-back recorded as skipped): ${fw} s wall, peak RSS $(mib "$fr") MiB"
say "planning pass, steady state:                                 ${sw} s wall, peak RSS $(mib "$sr") MiB"
say "daemon start-up: READY=1 after ${T_READY} s, first pass done after ${T_PASS} s"
say "busy pass at $BUSY_NOW: $BUSY_RESULT"
say "idle daemon: ${CPU_MS} ms CPU per idle minute ($CPU_HOW; target < $CPU_TARGET_MS ms): $([ "$CPU_OK" = 1 ] && echo "TARGET MET" || echo "TARGET MISSED")"
say "idle daemon: VmRSS ${RSS_MB} MiB (target < $RSS_TARGET_MB MB): $(awk -v r="$RSS_KB" -v t="$RSS_TARGET_MB" 'BEGIN { print (r * 1024 < t * 1e6) ? "TARGET MET" : "TARGET MISSED" }')$([ -n "$TRIM_KB" ] && echo " (after malloc_trim: $(mib "$TRIM_KB") MiB)")"
[ -n "${BENCH_KEEP:-}" ] && say "kept: $WORK (config/, state/, times/, daemon.log, notify.log)"
exit 0
