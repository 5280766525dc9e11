#!/usr/bin/env bash
# Working-day arithmetic benchmark (issue 3): calls per second of the calendar operations the planner uses.
set -euo pipefail
cd "$(dirname "$0")"
swift build --package-path ../.. -c release --product calendar-bench --scratch-path ../../.build-bench-calendar 2>&1 | grep -E "error|warning: unre" || true
../../.build-bench-calendar/release/calendar-bench
