#!/usr/bin/env bash
# The system test: installs the .deb in a booted Debian 12 (systemd-nspawn) and checks what only a real systemd
# shows: Type=notify, reload, the watchdog, DynamicUser=, LoadCredential=, StateDirectory= and the sandbox.
#
#   systest/run.sh NHACVIEC.deb NHACVIEC-HIGHER-VERSION.deb
#
# The base tree (debootstrap --variant=minbase from the mirror apt already uses) is cached in $SYSTEST_DIR
# (default /var/tmp/nhacviec-systest) and never changed: every boot is --volatile=overlay. The container has
# no network but its own loopback (--private-network); what the .deb depends on is in the base tree, so apt
# resolves it without downloading. Everything started here is stopped on exit, whatever happened.
set -euo pipefail

deb=$(realpath "$1")
deb_upgrade=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
source_root=$(cd "$here/.." && pwd)
work=${SYSTEST_DIR:-/var/tmp/nhacviec-systest}
# What the base tree holds: systemd to boot, the .deb's dependencies (so apt needs no network inside) and
# python3-aiosmtpd for the SMTP server the credential check sends to, curl and iproute2 to look at listeners.
base_packages=systemd,systemd-sysv,dbus,libcurl4,libsqlite3-0,libxml2,ca-certificates,tzdata,python3-aiosmtpd,procps,iproute2,curl
base=$work/bookworm-base
started=$(date +%s)

# A command that fails outside a check ends the test (cleanup still runs); say where.
trap 'echo "FAIL - systest/run.sh line $LINENO: $BASH_COMMAND" >&2' ERR
passed=0
failed=0
ok() {
    passed=$((passed + 1))
    echo "ok   - $*"
}
not_ok() {
    failed=$((failed + 1))
    echo "FAIL - $*"
}
check() { # check NAME DETAIL COMMAND...: passes when COMMAND succeeds
    local name=$1 detail=$2
    shift 2
    if "$@"; then ok "$name: $detail"; else not_ok "$name: $detail"; fi
}
note() { echo "     $*"; }
elapsed() { awk -v t0="$1" -v t1="$(date +%s.%N)" 'BEGIN { printf "%.2f", t1 - t0 }'; }

# ---- The base tree --------------------------------------------------------------------------------------------
mirror() {
    # The Debian mirror apt already uses (deb822 .sources first, then one-line sources.list), not the security one.
    # Either kind of file may be missing (grep then exits 2), hence the `|| true`s under pipefail.
    {
        grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{ for (i = 2; i <= NF; i++) print $i }' || true
        grep -hsE '^deb[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list |
            sed -E 's/\[[^]]*\]//' | awk '{ print $2 }' || true
    } | grep -v -- '-security' | grep -E '^https?://' | head -n 1 || true
}

if [ "$(cat "$base/.nhacviec-base" 2>/dev/null)" != "$base_packages" ]; then
    url=$(mirror)
    [ -n "$url" ] || {
        echo "no Debian mirror found in /etc/apt/sources.list*" >&2
        exit 1
    }
    echo "debootstrap bookworm from $url (cached in $base)"
    rm -rf "$base" "$base.tmp"
    t0=$(date +%s)
    debootstrap --variant=minbase --include="$base_packages" bookworm "$base.tmp" "$url" >"$work/debootstrap.log" 2>&1 ||
        {
            tail -n 20 "$work/debootstrap.log" >&2
            exit 1
        }
    # A container has no consoles to log in on and no clock to set.
    for unit in getty@tty1.service console-getty.service systemd-timesyncd.service; do
        ln -sf /dev/null "$base.tmp/etc/systemd/system/$unit"
    done
    echo "$base_packages" >"$base.tmp/.nhacviec-base"
    mv "$base.tmp" "$base"
    echo "debootstrap took $(($(date +%s) - t0)) s"
fi

# ---- Boot -----------------------------------------------------------------------------------------------------
debdir=$(mktemp -d "$work/debs.XXXXXX")
cp "$deb" "$deb_upgrade" "$debdir/"
cgroup_name=nhacviec-systest.$$
nspawn_pid=
leader=

cleanup() {
    set +e
    trap - ERR
    [ -z "${cleaned:-}" ] || return 0
    cleaned=1
    if [ -n "$nspawn_pid" ] && kill -0 "$nspawn_pid" 2>/dev/null; then
        # SIGTERM makes systemd-nspawn power the container off; SIGKILL if that takes too long.
        kill -TERM "$nspawn_pid"
        for _ in $(seq 1 100); do
            kill -0 "$nspawn_pid" 2>/dev/null || break
            sleep 0.2
        done
        kill -0 "$nspawn_pid" 2>/dev/null && kill -KILL "$nspawn_pid"
        wait "$nspawn_pid" 2>/dev/null
    fi
    for hierarchy in /sys/fs/cgroup/unified /sys/fs/cgroup/systemd /sys/fs/cgroup; do
        [ -d "$hierarchy/$cgroup_name" ] || continue
        # Anything left in the container's cgroup is ours: end it, then remove the (now empty) cgroups.
        for pid in $(cat "$hierarchy/$cgroup_name"/cgroup.procs "$hierarchy/$cgroup_name"/*/cgroup.procs 2>/dev/null); do
            kill -KILL "$pid" 2>/dev/null
        done
        sleep 0.5
        find "$hierarchy/$cgroup_name" -depth -type d -exec rmdir {} + 2>/dev/null
    done
    rm -rf "$debdir"
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM HUP

boot_started=$(date +%s.%N)
(
    # systemd-nspawn runs in a cgroup of its own (in every hierarchy the host has), as systemd expects of
    # --keep-unit; the container's systemd then manages that subtree.
    for hierarchy in /sys/fs/cgroup/unified /sys/fs/cgroup/systemd /sys/fs/cgroup; do
        if [ -e "$hierarchy/cgroup.procs" ] && { [ "$hierarchy" != /sys/fs/cgroup ] || [ -e /sys/fs/cgroup/cgroup.controllers ]; }; then
            mkdir -p "$hierarchy/$cgroup_name" && echo "$BASHPID" >"$hierarchy/$cgroup_name/cgroup.procs"
        fi
    done
    export SYSTEMD_NSPAWN_UNIFIED_HIERARCHY=1
    # --pdeathsig: should this script die without its cleanup, systemd-nspawn gets SIGTERM and halts the container.
    exec setpriv --pdeathsig TERM systemd-nspawn --quiet --register=no --keep-unit --private-network --volatile=overlay \
        --directory="$base" --machine=nhacviec-systest --bind-ro="$debdir:/srv/deb" \
        --bind-ro="$source_root/Tests/Support:/srv/support" --console=passive --boot
) >"$work/nspawn.log" 2>&1 </dev/null &
nspawn_pid=$!

find_leader() { # the container's PID 1, as the host sees it: a descendant of systemd-nspawn whose NSpid ends in 1
    local pid
    for pid in $(pgrep -P "$nspawn_pid") $(for child in $(pgrep -P "$nspawn_pid"); do pgrep -P "$child"; done); do
        if awk '/^NSpid:/ { exit !(NF > 2 && $NF == 1) }' "/proc/$pid/status" 2>/dev/null; then
            echo "$pid"
            return 0
        fi
    done
    return 1
}
for _ in $(seq 1 300); do
    leader=$(find_leader) && break
    kill -0 "$nspawn_pid" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$leader" ]; then
    echo "the container did not start; systemd-nspawn said:" >&2
    cat "$work/nspawn.log" >&2
    exit 1
fi

ct() { # runs a command inside the container, in the namespaces of its PID 1
    nsenter --target "$leader" --mount --uts --ipc --net --pid --cgroup --root --wd -- \
        /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 SYSTEMD_COLORS=0 SYSTEMD_PAGER= "$@"
}
export -f ct # for the `bash -c` conditions of check and wait_for
export leader

# PID 1 exists before its manager listens: is-system-running says "offline" until then, and waits after.
for _ in $(seq 1 600); do
    state=$(ct timeout 120 systemctl is-system-running --wait 2>&1 || true)
    case $state in offline | unknown | *"Failed to connect to bus"*) ;; *) break ;; esac
    sleep 0.2
done
boot_seconds=$(elapsed $boot_started)
if [ "$state" = running ] || [ "$state" = degraded ]; then
    ok "boot: systemd $(ct systemctl --version | awk 'NR == 1 { print $2 }') reached '$state' in ${boot_seconds} s"
    [ "$state" = running ] || note "failed units: $(ct systemctl --failed --no-legend --plain | awk '{ print $1 }' | xargs)"
else
    not_ok "boot: the container's systemd is '$state' after ${boot_seconds} s"
    cat "$work/nspawn.log" >&2
    exit 1
fi

show() { ct systemctl show nhacviec.service -P "$1"; }
cursor() { ct journalctl --show-cursor -n 0 -q | sed -n 's/^-- cursor: //p'; }
journal_since() { ct journalctl -u nhacviec.service --after-cursor="$1" -o cat --no-pager "${@:2}"; }
wait_for() { # wait_for SECONDS COMMAND...: polls every 0.5 s
    local deadline=$(($(date +%s) + $1))
    shift
    until "$@"; do
        [ "$(date +%s)" -lt "$deadline" ] || return 1
        sleep 0.5
    done
}
set_config() { ct sed -i "$1" /etc/nhacviec/nhacviec.yaml; }
dropin() { # dropin NAME CONTENT: a drop-in for the test (empty CONTENT removes it), then daemon-reload
    if [ -n "$2" ]; then
        ct mkdir -p /etc/systemd/system/nhacviec.service.d
        printf '[Service]\n%s\n' "$2" | ct tee "/etc/systemd/system/nhacviec.service.d/$1.conf" >/dev/null
    else
        ct rm -f "/etc/systemd/system/nhacviec.service.d/$1.conf"
    fi
    ct systemctl daemon-reload
}

# ---- Install --------------------------------------------------------------------------------------------------
install_log=$(ct env DEBIAN_FRONTEND=noninteractive apt-get install -y "/srv/deb/$(basename "$deb")" 2>&1) ||
    {
        echo "$install_log" >&2
        not_ok "install: apt-get install ./$(basename "$deb") failed"
        exit 1
    }
check "install" "apt-get install ./$(basename "$deb"): enabled, not started, says what to do next" \
    test "$(ct systemctl is-enabled nhacviec.service)/$(ct systemctl is-active nhacviec.service || true)" = enabled/inactive
echo "$install_log" | grep -q 'enabled but not started' || not_ok "install: no next-step message in: $install_log"
check "credential files" "$(ct stat -c '%n %a %U' /etc/nhacviec/smtp-password /etc/nhacviec/webhook-secret | xargs)" \
    test "$(ct stat -c '%a%U' /etc/nhacviec/smtp-password /etc/nhacviec/webhook-secret | sort -u)" = 600root
check "binary" "links no toolchain library: $(ct ldd /usr/bin/nhacviec | awk '{ print $1 }' | xargs)" \
    bash -c "! ct ldd /usr/bin/nhacviec | grep -Eq 'swift|Foundation|dispatch|BlocksRuntime|not found'"
check "config" "$(ct nhacviec check --config /etc/nhacviec/nhacviec.yaml)" \
    ct nhacviec check --config /etc/nhacviec/nhacviec.yaml

# ---- Start: READY=1, status, journal priorities -----------------------------------------------------------------
c0=$(cursor)
t0=$(date +%s.%N)
ct systemctl start nhacviec.service || true
start_seconds=$(elapsed $t0)
main_pid=$(show MainPID)
check "start" "systemctl start returned after READY=1 in ${start_seconds} s: $(show ActiveState)/$(show SubState), status '$(show StatusText)'" \
    test "$(show ActiveState)/$(show SubState)" = active/running
check "status text" "names the next wake (or says none is planned)" \
    bash -c "ct systemctl show nhacviec.service -P StatusText | grep -Eq 'next wake|nothing planned|none planned'"
priorities=$(ct journalctl -u nhacviec.service --after-cursor="$c0" -o json --no-pager |
    ct python3 -c '
import json, sys
for line in sys.stdin:
    entry = json.loads(line)
    if entry.get("_COMM") == "nhacviec":
        print(entry.get("PRIORITY"), entry.get("MESSAGE", "")[:100])
')
note "daemon journal entries (PRIORITY MESSAGE):"
echo "$priorities" | sed 's/^/       /'
check "journal priority" "the daemon's own lines carry PRIORITY=6 (info)" bash -c "echo \"\$0\" | grep -q '^6 '" "$priorities"
# libdispatch's setpriority() on new worker threads: allowed by the unit's SystemCallFilter= (no errno=1), it
# still may not raise the user-initiated threads' priority (errno=13); see the comment in the unit.
filtered=$(echo "$priorities" | grep -c 'Failed to set thread priority.*errno=1$' || true)
not_permitted=$(echo "$priorities" | grep -c 'Failed to set thread priority.*errno=13$' || true)
check "thread priority" "no setpriority() refused by the syscall filter (errno=1: $filtered lines); $not_permitted lines with errno=13 (nice -2 needs CAP_SYS_NICE), at notice" \
    test "$filtered" = 0

# ---- The sandbox: state directory, read-only config, unreadable secrets -----------------------------------------
daemon_uid=$(ct awk '/^Uid:/ { print $2 }' "/proc/$main_pid/status")
secret_probe=$(ct setpriv --reuid="$daemon_uid" --regid="$daemon_uid" --clear-groups cat /etc/nhacviec/smtp-password 2>&1 || true)
check "secret" "the daemon's user (uid $daemon_uid) cannot read /etc/nhacviec/smtp-password: $secret_probe" \
    bash -c "echo \"\$0\" | grep -q 'Permission denied'" "$secret_probe"
ro_probe=$(ct nsenter --target "$main_pid" --mount -- touch /etc/nhacviec/.rw-probe 2>&1 || true)
check "read-only config" "in the daemon's mount namespace: ${ro_probe:-touch /etc/nhacviec/.rw-probe succeeded}" \
    bash -c "echo \"\$0\" | grep -q 'Read-only file system'" "$ro_probe"
ct rm -f /etc/nhacviec/.rw-probe

# ---- Delivery into the outbox under /var/lib/private/nhacviec ---------------------------------------------------
# The shipped config delivers to the outbox at 08:00 on working days; run the daemon as if it were Monday
# 15/6/2026 08:00:05 (+07:00), when monthly and yearly reports of plan 949/KH-UBND are due, on a fresh state
# (whatever the real date is, and so that the clock never goes back for the ledger).
ct systemctl stop nhacviec.service || true
ct sh -c 'rm -rf /var/lib/private/nhacviec/* /var/lib/private/nhacviec/.[!.]*'
dropin clock 'ExecStart=
ExecStart=/usr/bin/nhacviec serve --config /etc/nhacviec/nhacviec.yaml --now 2026-06-15T08:00:05+07:00'
ct systemctl start nhacviec.service || true
main_pid=$(show MainPID)
outbox_count() { ct sh -c 'ls /var/lib/private/nhacviec/outbox/*.eml 2>/dev/null | wc -l'; }
wait_for 60 bash -c "[ \"\$(ct sh -c 'ls /var/lib/private/nhacviec/outbox/*.eml 2>/dev/null | wc -l')\" -gt 0 ]" || true
sleep 2
check "outbox" "$(outbox_count) messages in /var/lib/private/nhacviec/outbox, owned by uid $(ct sh -c 'stat -c %u /var/lib/private/nhacviec/outbox/*.eml | sort -u | xargs')" \
    test "$(outbox_count)" -gt 0
ledger=/var/lib/private/nhacviec/state.sqlite
check "ledger" "$(ct stat -c '%n owned by uid %u (the daemon'"'"'s), mode %a' $ledger 2>&1)" \
    bash -c "[ \"\$(ct stat -c %u $ledger)\" = \"\$(ct awk '/^Uid:/ { print \$2 }' /proc/$main_pid/status)\" ]"
status_json=$(ct nhacviec status --config /etc/nhacviec/nhacviec.yaml --format json 2>&1 || true)
check "status as root" "nhacviec status reads the daemon's ledger: $(echo "$status_json" | tr -s ' \n' ' ' | cut -c 1-160)…" \
    bash -c "echo \"\$0\" | grep -q '\"sent\"'" "$status_json"
ct systemctl start nhacviec-backup.service || true
backup_file=$(ct sh -c 'ls /var/lib/private/nhacviec-backups/state-*.sqlite 2>/dev/null | head -1')
check "backup" "nhacviec-backup.service (same dynamic user, daemon running) wrote ${backup_file:-nothing}: $(ct systemctl show nhacviec-backup.service -P Result)" \
    test -n "$backup_file"

# ---- SMTP with the password from LoadCredential= ----------------------------------------------------------------
password=systest-$RANDOM$RANDOM
printf '%s\n' "$password" | ct tee /etc/nhacviec/smtp-password >/dev/null
ct mkdir -p /var/tmp/spool
ct systemd-run --quiet --unit=systest-smtp python3 /srv/support/smtp_server.py --spool /var/tmp/spool --mode plain \
    --user nhacviec --password "$password" --port 2525
wait_for 20 ct bash -c 'exec 3<>/dev/tcp/127.0.0.1/2525' 2>/dev/null || true
set_config 's|^    transport: outbox .*|    transport: smtp|; s|url: "smtp://mail.gialai.example:587"|url: "smtp://127.0.0.1:2525"|; s|tls: required |tls: none |'
dropin clock 'ExecStart=
ExecStart=/usr/bin/nhacviec serve --config /etc/nhacviec/nhacviec.yaml --now 2026-07-15T08:00:05+07:00'
ct systemctl restart nhacviec.service || true
wait_for 60 bash -c "ct sh -c 'ls /var/tmp/spool/*.json' >/dev/null 2>&1" || true
sleep 2
smtp_sessions=$(ct python3 -c '
import glob, json
records = [json.load(open(name)) for name in sorted(glob.glob("/var/tmp/spool/*.json"))]
print(len(records), "messages, authenticated:", sorted({record["authenticated"] for record in records}))
' 2>&1 || true)
check "smtp credential" "aiosmtpd on 127.0.0.1:2525 (AUTH required, as 'nhacviec' with the credential's password): $smtp_sessions" \
    bash -c "echo \"\$0\" | grep -Eq '^[1-9][0-9]* messages, authenticated: \[True\]'" "$smtp_sessions"

# ---- Reload: a broken config is refused, a good one taken -------------------------------------------------------
pid_before=$(show MainPID)
c1=$(cursor)
set_config 's|^  escalate_to: vp-ubnd$|  escalate_to: vp-ubnd2|'
ct systemctl reload nhacviec.service || true
wait_for 20 bash -c "ct journalctl -u nhacviec.service --after-cursor='$c1' -o cat | grep -Eq 'nhacviec\.yaml:[0-9]+:[0-9]+'" || true
located=$(journal_since "$c1" | grep -m 1 -E 'nhacviec\.yaml:[0-9]+:[0-9]+' || true)
located_priority=$(ct journalctl -u nhacviec.service --after-cursor="$c1" -o json --no-pager |
    ct python3 -c '
import json, re, sys
for line in sys.stdin:
    entry = json.loads(line)
    if re.search(r"nhacviec\.yaml:\d+:\d+", str(entry.get("MESSAGE", ""))):
        print(entry.get("PRIORITY"))
        break
')
check "reload (broken)" "still $(show ActiveState), same PID; journal (PRIORITY=$located_priority): $located" \
    bash -c "[ \"\$(ct systemctl show nhacviec.service -P ActiveState)\" = active ] && [ \"\$(ct systemctl show nhacviec.service -P MainPID)\" = $pid_before ] && [ -n \"\$0\" ]" "$located"
note "StatusText after the refused reload: '$(show StatusText)'"
c2=$(cursor)
set_config 's|^  escalate_to: vp-ubnd2$|  escalate_to: vp-ubnd|'
ct systemctl reload nhacviec.service || true
wait_for 20 bash -c "ct journalctl -u nhacviec.service --after-cursor='$c2' -o cat | grep -q 'Configuration reloaded'" || true
check "reload (fixed)" "journal says 'Configuration reloaded', status '$(show StatusText)'" \
    bash -c "ct journalctl -u nhacviec.service --after-cursor='$c2' -o cat | grep -q 'Configuration reloaded'"

# ---- Watchdog -----------------------------------------------------------------------------------------------
# A SIGSTOPped daemon stops pinging; systemd sends SIGABRT after WatchdogSec=, which a stopped process does
# not act on, so SIGKILL follows after TimeoutAbortSec=. Both short here, and RestartSec= too.
dropin watchdog 'WatchdogSec=5s
TimeoutAbortSec=3s
RestartSec=1s'
ct systemctl restart nhacviec.service || true
restarts_before=$(show NRestarts)
pid_before=$(show MainPID)
t0=$(date +%s.%N)
ct kill -STOP "$pid_before"
wait_for 60 bash -c "[ \"\$(ct systemctl show nhacviec.service -P NRestarts)\" -gt $restarts_before ] && [ \"\$(ct systemctl show nhacviec.service -P ActiveState)\" = active ]" || true
watchdog_seconds=$(elapsed $t0)
check "watchdog" "SIGSTOPped PID $pid_before replaced by PID $(show MainPID) after ${watchdog_seconds} s (NRestarts $restarts_before -> $(show NRestarts)): $(ct journalctl -u nhacviec.service -o cat -n 200 | grep -m 1 -i 'watchdog timeout' || echo 'no watchdog line')" \
    bash -c "[ \"\$(ct systemctl show nhacviec.service -P NRestarts)\" -gt $restarts_before ] && [ \"\$(ct systemctl show nhacviec.service -P ActiveState)\" = active ]"
dropin watchdog ''

# ---- Exit status 78 is not restarted -------------------------------------------------------------------------
ct systemctl stop nhacviec.service || true
set_config 's|^  escalate_to: vp-ubnd$|  escalate_to: vp-ubnd2|'
ct systemctl start nhacviec.service 2>/dev/null || true
sleep 13 # longer than RestartSec=10s: a restart would have happened by now
check "exit 78" "a config broken before start: $(show ActiveState), Result=$(show Result), status $(show ExecMainStatus), NRestarts=$(show NRestarts) (a manual start resets it)" \
    test "$(show ActiveState)/$(show ExecMainStatus)/$(show NRestarts)" = failed/78/0
set_config 's|^  escalate_to: vp-ubnd2$|  escalate_to: vp-ubnd|'
ct systemctl reset-failed nhacviec.service

# ---- Security score and a clean stop ---------------------------------------------------------------------------
dropin clock ''
c3=$(cursor)
ct systemctl start nhacviec.service || true
security=$(ct systemd-analyze security nhacviec.service 2>&1 | sed -n 's/.*Overall exposure level for nhacviec.service: \([0-9.]*\).*/\1/p')
check "security" "systemd-analyze security nhacviec.service on the running unit: ${security:-no score}" \
    awk -v score="${security:-99}" 'BEGIN { exit !(score <= 2.0) }'
t0=$(date +%s.%N)
ct systemctl stop nhacviec.service || true
stop_seconds=$(elapsed $t0)
above_warning=$(ct journalctl -u nhacviec.service --after-cursor="$c3" -p warning -o cat --no-pager)
check "stop" "in ${stop_seconds} s, Result=$(show Result), status $(show ExecMainStatus); journal above warning since start: ${above_warning:-none}" \
    test "$(show Result)/$(show ExecMainStatus)/${above_warning}" = success/0/
restore_output=$(ct nhacviec restore --config /etc/nhacviec/nhacviec.yaml "$backup_file" 2>&1 || true)
check "restore" "as root, service stopped: $(echo "$restore_output" | head -1); ledger owner uid $(ct stat -c %u $ledger), state directory's $(ct stat -c %u /var/lib/private/nhacviec)" \
    bash -c "echo \"\$0\" | grep -q 'Đã khôi phục' && [ \"\$(ct stat -c %u $ledger)\" = \"\$(ct stat -c %u /var/lib/private/nhacviec)\" ]" "$restore_output"

# ---- Upgrade keeps the ledger and the admin's edits; purge removes both -----------------------------------------
echo '# edited by the admin' | ct tee -a /etc/nhacviec/nhacviec.yaml >/dev/null
ct systemctl start nhacviec.service || true
pid_before=$(show MainPID)
ledger_before=$(ct stat -c %s $ledger)
ct env DEBIAN_FRONTEND=noninteractive apt-get install -y "/srv/deb/$(basename "$deb_upgrade")" >/dev/null 2>&1 ||
    not_ok "upgrade: apt-get install ./$(basename "$deb_upgrade") failed"
check "upgrade" "now $(ct dpkg-query -W -f '${Version}' nhacviec), restarted (PID $pid_before -> $(show MainPID)), $(show ActiveState); ledger kept ($ledger_before bytes before, $(ct stat -c %s $ledger) after); admin's edit kept" \
    bash -c "ct grep -q '^# edited by the admin' /etc/nhacviec/nhacviec.yaml && ct test -s $ledger && [ \"\$(ct systemctl show nhacviec.service -P ActiveState)\" = active ] && [ \"\$(ct systemctl show nhacviec.service -P MainPID)\" != $pid_before ]"
ct env DEBIAN_FRONTEND=noninteractive apt-get purge -y nhacviec >/dev/null 2>&1 || not_ok "purge: apt-get purge failed"
check "purge" "config, credentials, ledger and unit are gone" \
    bash -c "! ct test -e /etc/nhacviec && ! ct test -e /var/lib/private/nhacviec && ! ct test -e /var/lib/nhacviec && ! ct test -e /var/lib/private/nhacviec-backups && ! ct test -e /lib/systemd/system/nhacviec.service"

echo "system test: ${passed} checks passed, ${failed} failed in $(($(date +%s) - started)) s (boot ${boot_seconds} s)"
echo "systest: ${passed} passed, ${failed} failed"
[ "$failed" = 0 ]
