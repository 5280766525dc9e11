#!/usr/bin/env bash
# Years at national scale (issue 12 part 5): one `serve --once --now <day>T08:00:00+07:00` per working day, from
# 2 March 2026, on the national-scale config of bench/planning/generate.py with the outbox transport. Prints, for
# days 1, 250 and 500 (and every 50th), the pass time, its CPU time, peak RSS and the ledger's size, then the ratio
# of the last pass time to the first.
#
#   bash bench/years/run.sh                     # the full two years: 500 working days (hours on 2 loaded cores)
#   DAYS=20 bash bench/years/run.sh             # the short run `make bench` does
#   BENCH_KEEP=/tmp/nv-years bash bench/years/run.sh   # keep config, state and the per-day table (days.tsv)
#   BENCH_BIN=path/to/nhacviec bash bench/years/run.sh # use that binary instead of building one
#   BENCH_SEED=N                                # generator seed (default 20250101, as bench/planning)
set -euo pipefail
cd "$(dirname "$0")/../.."

DAYS=${DAYS:-500}
START=${BENCH_START:-2026-03-02}
SEED=${BENCH_SEED:-20250101}
PASS_TARGET_S=3
RSS_TARGET_MB=100
LEDGER_TARGET_MB=500
RATIO_TARGET=1.1

# shellcheck source=../common.sh
. bench/common.sh

step "dependencies"
missing=()
[ -x /usr/bin/time ] || missing+=(time)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
install_missing "${missing[@]}"

build_release_cli years
make_work_dir years

national_config "$SEED" bench/years/run.sh
CHECK_OUT=$("$BIN" check --config "$MAIN") || fail "nhacviec check rejects the generated config"
say "check: $CHECK_OUT"

# The working days from START on: weekdays that are not days off, plus the announced working Saturdays. The calendar
# is nhacviec's own (`holidays`), so the passes run exactly on the days the service would wake for.
step "the first $DAYS working days from $START"
END=$(python3 -c "import datetime as d; print(d.date.fromisoformat('$START') + d.timedelta(days=$DAYS * 2 + 60))")
"$BIN" holidays --config "$MAIN" --from "$START" --to "$END" --format csv >"$WORK/holidays.csv"
python3 - "$START" "$DAYS" "$WORK/holidays.csv" >"$WORK/days.txt" <<'PY'
import csv, datetime as dt, sys
start, count, path = dt.date.fromisoformat(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
off, working = set(), set()
with open(path, encoding="utf-8-sig") as f:
    for row in csv.DictReader(f):
        (working if row["working"] == "true" else off).add(dt.date.fromisoformat(row["date"]))
day, days = start, []
while len(days) < count:
    if (day.weekday() < 5 and day not in off) or day in working:
        days.append(day.isoformat())
    day += dt.timedelta(days=1)
print("\n".join(days))
PY
say "$(head -1 "$WORK/days.txt") … $(tail -1 "$WORK/days.txt")"

mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
ledger_bytes() { cat "$STATE"/state.sqlite* 2>/dev/null | wc -c; }
rows() {
    python3 - "$STATE/state.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
count = lambda table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
print(count("deliveries"), count("skipped_reminders"), count("access_tokens"), count("delivery_history"))
PY
}

step "passes (one per working day at 08:00; the outbox is emptied after each, it is not the ledger)"
TABLE=$WORK/days.tsv
printf 'day\tdate\twall_s\tcpu_s\trss_kib\tledger_bytes\tdeliveries\tskipped_records\ttokens\thistory\tpass\n' >"$TABLE"
printf '%5s  %-10s %8s %8s %10s %11s  %s\n' day date "wall s" "cpu s" "RSS MiB" "ledger MiB" "rows: deliveries skipped tokens history"
n=0
while read -r day; do
    n=$((n + 1))
    if ! /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" "$BIN" serve --once --config "$MAIN" \
        --now "${day}T08:00:00+07:00" --log-level warning >"$WORK/pass.out" 2>"$WORK/pass.err"; then
        tail -5 "$WORK/pass.err"
        fail "serve --once --now ${day}T08:00:00+07:00 failed (day $n)"
    fi
    read -r wall user sys rss <"$WORK/time"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    bytes=$(ledger_bytes)
    read -r deliveries skipped tokens history < <(rows)
    pass=$(grep '^pass:' "$WORK/pass.out" | cut -d' ' -f2-)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$day" "$wall" "$cpu" "$rss" "$bytes" "$deliveries" \
        "$skipped" "$tokens" "$history" "$pass" >>"$TABLE"
    if [ "$n" = 1 ] || [ "$n" = 250 ] || [ "$n" = 500 ] || [ $((n % 50)) = 0 ] || [ "$n" = "$DAYS" ]; then
        printf '%5s  %-10s %8s %8s %10s %11s  %s %s %s %s   %s\n' "$n" "$day" "$wall" "$cpu" "$(mib $((rss * 1024)))" \
            "$(mib "$bytes")" "$deliveries" "$skipped" "$tokens" "$history" "$pass"
    fi
    rm -rf "$STATE/outbox"
done <"$WORK/days.txt"

step "summary"
python3 - "$TABLE" "$PASS_TARGET_S" "$RSS_TARGET_MB" "$LEDGER_TARGET_MB" "$RATIO_TARGET" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
pass_target, rss_target, ledger_target, ratio_target = (float(x) for x in sys.argv[2:6])
def verdict(ok): return "TARGET MET" if ok else "TARGET MISSED"
first, last = rows[0], rows[-1]
steady = rows[1:] or rows
worst_wall = max(float(r["wall_s"]) for r in steady)
worst_rss = max(int(r["rss_kib"]) for r in rows) * 1024 / 1e6
biggest = max(int(r["ledger_bytes"]) for r in rows) / 1e6
ratio = float(last["wall_s"]) / float(first["wall_s"])
head = statistics.median(float(r["cpu_s"]) for r in steady[:5])
tail = statistics.median(float(r["cpu_s"]) for r in steady[-5:])
print(f"{len(rows)} working days, {first['date']} … {last['date']}")
print(f"slowest pass after day 1: {worst_wall:.2f} s wall (target < {pass_target:g} s): {verdict(worst_wall < pass_target)}")
print(f"peak RSS of any pass: {worst_rss:.1f} MB (target < {rss_target:g} MB): {verdict(worst_rss < rss_target)}")
print(f"largest ledger: {biggest:.1f} MB (target < {ledger_target:g} MB): {verdict(biggest < ledger_target)}")
print(f"last / first pass time: {ratio:.2f} (goal <= {ratio_target:g}): {verdict(ratio <= ratio_target)}")
print(f"  CPU time, median of the first 5 passes after day 1 / of the last 5: {head:.2f} s / {tail:.2f} s = {tail / head:.2f}")
PY
[ -n "${BENCH_KEEP:-}" ] && say "kept: $WORK (config/, state/, days.tsv)"
exit 0
