# Shared by the bench/*/run.sh scripts (source it after `set -euo pipefail` and `cd` to the repository root).
#
#   say TEXT / step TEXT / fail TEXT      output; fail exits 1
#   install_missing PACKAGE...            apt-get install of the Debian packages given (through sudo when not root)
#   build_release_cli NAME                release build of the CLI only into .build-bench; sets BIN
#   make_work_dir NAME                    WORK: $BENCH_KEEP or a new temp dir; PIDS: processes to stop on exit,
#                                         SIGTERM first, SIGKILL after 5 s; WORK is removed unless BENCH_KEEP
#   national_config SEED WHO              the national-scale config of bench/planning/generate.py in $WORK/config
#                                         (templates, state_dir $WORK/state, outbox transport); sets CONFIG, STATE, MAIN

say() { printf '%s\n' "$*"; }
step() { printf '\n== %s\n' "$*"; }
fail() { say "error: $*"; exit 1; }

SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo

install_missing() {
    [ $# -gt 0 ] || return 0
    say "installing: $*"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

build_release_cli() {
    if [ -n "${BENCH_BIN:-}" ]; then # a release binary built elsewhere (e.g. by make deb)
        BIN=$BENCH_BIN
        [ -x "$BIN" ] || fail "BENCH_BIN=$BIN is not an executable"
        say "using $BIN (BENCH_BIN)"
        return
    fi
    command -v swift >/dev/null 2>&1 || fail "swift is not on PATH (install a Swift 6 toolchain)"
    step "build (release, --product nhacviec, scratch path .build-bench)"
    local start attempt log="${TMPDIR:-/tmp}/nhacviec-bench-$1-build.log"
    start=$(date +%s)
    for attempt in 1 2 3 4; do
        if swift build -c release --product nhacviec --scratch-path .build-bench >"$log" 2>&1; then
            break
        fi
        # Others may be editing Sources/ while we build: that is no failure of the code, so build again.
        if [ "$attempt" -lt 4 ] && grep -q 'modified during the build' "$log"; then
            say "a source file changed during the build; building again ($attempt)"
            sleep 5
            continue
        fi
        tail -30 "$log"
        fail "the release build failed (log: $log)"
    done
    BIN="$(swift build -c release --product nhacviec --scratch-path .build-bench --show-bin-path)/nhacviec"
    [ -x "$BIN" ] || fail "$BIN was not built"
    say "built $BIN in $(( $(date +%s) - start )) s"
}

make_work_dir() {
    if [ -n "${BENCH_KEEP:-}" ]; then
        WORK=$BENCH_KEEP
        rm -rf "$WORK"
        mkdir -p "$WORK"
    else
        WORK=$(mktemp -d "${TMPDIR:-/tmp}/nhacviec-bench-$1.XXXXXX")
    fi
    WORK=$(cd "$WORK" && pwd)
    PIDS=()
    trap stop_and_clean EXIT
    trap 'exit 130' INT TERM
}

stop_and_clean() {
    local pid
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    [ -n "${BENCH_KEEP:-}" ] || rm -rf "$WORK"
}

national_config() {
    CONFIG=$WORK/config
    STATE=$WORK/state
    MAIN=$CONFIG/nhacviec.yaml
    step "generate (bench/planning/generate.py, seed $1) into $CONFIG"
    python3 bench/planning/generate.py "$CONFIG" --seed "$1" >/dev/null
    cp -R Config/templates "$CONFIG/templates"
    sed -i "s|^state_dir: .*|state_dir: $STATE|" "$MAIN"
    grep -q "^state_dir: $STATE\$" "$MAIN" || fail "could not set state_dir in $MAIN"
    cat >>"$MAIN" <<EOF

# Added by $2: the default outbox transport writes each email to state_dir/outbox/*.eml.
delivery:
  email:
    transport: outbox
    from: "Văn phòng Chính phủ (thử tải) <nhacviec@bench.example>"
EOF
}
