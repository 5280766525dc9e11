#!/usr/bin/env bash
# The planning benchmark (issue 2, part 8): nhacviec `check` and a 10-year `upcoming` on a national-scale
# config, against remind(1) computing the same occurrences. One command, from anywhere in the repo:
#
#   bash bench/planning/run.sh            (or: make bench)
#
# Environment:
#   BENCH_RUNS=N        timed runs of upcoming and remind (default 3; check runs max(N, 5) times)
#   BENCH_KEEP=DIR      keep the generated config, outputs and timings in DIR instead of a temp dir
#   BENCH_SEED=N        generator seed (default 20250101)
#
# Exit status: 0 when everything ran and the two programs agree on every occurrence (targets missed are
# reported as "TARGET MISSED" lines, not as failures); non-zero when a step fails or the occurrences differ.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
HERE=bench/planning
RUNS=${BENCH_RUNS:-3}
CHECK_RUNS=$(( RUNS > 5 ? RUNS : 5 ))
SEED=${BENCH_SEED:-20250101}
FROM=2025-01-01
TO=2034-12-31
MONTHS=120
CHECK_TARGET=0.5
RATIO_TARGET=20

# shellcheck source=../common.sh
. bench/common.sh

# --- 1. what the benchmark needs ---------------------------------------------------------------------------
step "dependencies"
missing=()
command -v remind >/dev/null 2>&1 || missing+=(remind)
[ -x /usr/bin/time ] || missing+=(time)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
install_missing "${missing[@]}"
command -v swift >/dev/null 2>&1 || fail "swift is not on PATH (install a Swift 6 toolchain)"
say "remind $(dpkg-query -W -f='${Version}' remind 2>/dev/null || echo '?'), $(swift --version 2>/dev/null | head -1)"

# --- 2. release build of the CLI only ----------------------------------------------------------------------
build_release_cli planning

# --- 3. the national-scale config and the equivalent remind file ------------------------------------------
make_work_dir planning
CONFIG=$WORK/config
step "generate (seed $SEED) into $CONFIG"
python3 "$HERE/generate.py" "$CONFIG" --seed "$SEED" >/dev/null
python3 - "$CONFIG/manifest.json" <<'EOF'
import json, sys
m = json.load(open(sys.argv[1]))
rules = ", ".join(f"{k} {v}" for k, v in m["milestones_by_rule"].items())
print(f'{m["agencies"]} agencies, {m["groups"]} groups, {m["plans"]} plans, {m["tasks"]} tasks, '
      f'{m["milestones"]} milestones ({rules}); bench.rem: {m["rem_lines"]} REM lines')
EOF

# --- 4. timings ----------------------------------------------------------------------------------------------
# timed NAME RUNS CMD...: runs CMD (stdout to /dev/null) RUNS times under /usr/bin/time; one line per run in
# $WORK/times/NAME: wall user sys maxrss_kb.
mkdir -p "$WORK/times"
timed() {
    local name=$1 runs=$2
    shift 2
    : >"$WORK/times/$name"
    for _ in $(seq "$runs"); do
        if ! /usr/bin/time -f '%e %U %S %M' -a -o "$WORK/times/$name" "$@" >/dev/null 2>"$WORK/times/$name.err"; then
            say "error: '$*' failed:"
            tail -5 "$WORK/times/$name.err"
            exit 1
        fi
    done
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { awk -v c="$2" '{ print $c }' "$WORK/times/$1"; }
cpu() { awk '{ print $2 + $3 }' "$WORK/times/$1"; }
wall_of() { col "$1" 1 | median; }
cpu_of() { cpu "$1" | median; }
rss_of() { col "$1" 4 | sort -n | tail -1; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
step "timing ($CHECK_RUNS× check, $RUNS× upcoming, $RUNS× remind; load average $LOAD_BEFORE on $(nproc) CPUs)"
CHECK_OUT=$("$BIN" check --config "$CONFIG/nhacviec.yaml") || { say "error: nhacviec check failed"; exit 1; }
say "check says: $CHECK_OUT"
timed check "$CHECK_RUNS" "$BIN" check --config "$CONFIG/nhacviec.yaml"
say "check     done: median $(wall_of check) s"
timed upcoming "$RUNS" "$BIN" upcoming --config "$CONFIG/nhacviec.yaml" --from "$FROM" --to "$TO" --format json
say "upcoming  done: median $(wall_of upcoming) s"
timed remind "$RUNS" remind "-s$MONTHS" "$CONFIG/bench.rem" "$FROM"
say "remind    done: median $(wall_of remind) s"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- 5. same occurrences? (untimed runs) ------------------------------------------------------------------
step "verify: same occurrences, same nominal dates"
"$BIN" upcoming --config "$CONFIG/nhacviec.yaml" --from "$FROM" --to "$TO" --format json >"$WORK/upcoming.json"
wc -c <"$WORK/upcoming.json" >"$WORK/upcoming.bytes"
# Keep only the item keys verify.py reads (the JSON is ~200 MB; most of it is the agency lists).
grep -E '^  [{}]|^    "(plan|task|milestone|nominal_due|due)": ' "$WORK/upcoming.json" >"$WORK/upcoming.keys"
rm -f "$WORK/upcoming.json"
remind "-s$MONTHS" "$CONFIG/bench.rem" "$FROM" >"$WORK/remind.out"
VERIFY_STATUS=0
VERIFY=$(python3 "$HERE/verify.py" "$WORK/upcoming.keys" "$WORK/remind.out") || VERIFY_STATUS=$?
[ -n "$VERIFY" ] || { say "error: verify.py printed nothing"; exit 1; }

# --- summary --------------------------------------------------------------------------------------------------
step "summary"
python3 - "$VERIFY" "$(cat "$WORK/upcoming.bytes")" "$CHECK_OUT" "$CHECK_TARGET" "$RATIO_TARGET" \
    "$(wall_of check)" "$(cpu_of check)" "$(rss_of check)" \
    "$(wall_of upcoming)" "$(cpu_of upcoming)" "$(rss_of upcoming)" \
    "$(wall_of remind)" "$(cpu_of remind)" "$(rss_of remind)" \
    "$CHECK_RUNS" "$RUNS" "$LOAD_BEFORE" "$LOAD_AFTER" "$(nproc)" "$FROM" "$TO" "$MONTHS" <<'EOF'
import json, sys
(verify, out_bytes, check_out, check_target, ratio_target,
 cw, cc, cr, uw, uc, ur, rw, rc, rr, check_runs, runs, load_before, load_after, ncpu, start, end, months) = sys.argv[1:]
v = json.loads(verify)
cw, cc, uw, uc, rw, rc = map(float, (cw, cc, uw, uc, rw, rc))
check_target, ratio_target = float(check_target), float(ratio_target)
mb = lambda kb: f"{int(kb) / 1024:.1f} MiB"
print(f"medians of {check_runs} (check) and {runs} (upcoming, remind) runs; cpu = user + sys; load average "
      f"{load_before} before, {load_after} after, {ncpu} CPUs")
print()
rows = [
    ("nhacviec check", cw, cc, cr, check_out),
    (f"nhacviec upcoming {start}..{end} json", uw, uc, ur,
     f"{v['nhacviec']} occurrences ({v['shifted']} moved off a day off), {int(out_bytes) / 2**20:.1f} MiB of JSON"),
    (f"remind -s{months} bench.rem {start}", rw, rc, rr, f"{v['remind']} lines"),
]
print(f"{'':46} {'wall':>9} {'cpu':>9} {'peak RSS':>11}   output")
for name, wall, c, rss, note in rows:
    print(f"{name:46} {wall:8.3f}s {c:8.3f}s {mb(rss):>11}   {note}")
print()
print(f"occurrences: nhacviec {v['nhacviec']}, remind {v['remind']} -> "
      + ("equal, and the nominal dates agree for every milestone" if v["equal"] else "MISMATCH"))
for line in v["diff"]:
    print("  " + line)
ratio = rw / uw if uw > 0 else float("inf")
cpu_ratio = rc / uc if uc > 0 else float("inf")
print(f"ratio remind / nhacviec upcoming: {ratio:.2f}x wall, {cpu_ratio:.2f}x cpu (target >= {ratio_target:g}x)")
print(f"nhacviec check: {cw:.3f} s wall, {cc:.3f} s cpu (target < {check_target:g} s)")
print()
print(f"check < {check_target:g} s: " + ("ok" if cw < check_target else
      f"TARGET MISSED ({cw:.3f} s wall" + (f"; cpu {cc:.3f} s would meet it: the machine is busy)" if cc < check_target else ")")))
print(f"upcoming >= {ratio_target:g}x faster than remind: " + ("ok" if ratio >= ratio_target else f"TARGET MISSED ({ratio:.2f}x)"))
EOF
if [ "$VERIFY_STATUS" -ne 0 ]; then
    say "error: nhacviec and remind disagree on the occurrences (see above); the timings compare different work"
    exit 1
fi
[ -n "${BENCH_KEEP:-}" ] && say "kept: $WORK (config/, times/, remind.out, upcoming.keys)"
exit 0
