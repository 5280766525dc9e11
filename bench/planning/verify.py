#!/usr/bin/env python3
"""Check that nhacviec and remind produced the same occurrences.

    python3 bench/planning/verify.py UPCOMING_JSON REMIND_OUTPUT

UPCOMING_JSON is the output of `nhacviec upcoming --format json` (the pretty form: one key per line), read
line by line so a 200 MB file needs no more memory than its distinct keys. REMIND_OUTPUT is the output of
`remind -s120 bench.rem 2025-01-01`: lines `YYYY/MM/DD * * * * PLAN TASK MILESTONE`.

Both sides are reduced to the multiset of (plan, task, milestone, nominal date): nhacviec's `nominal_due` is
the date before the working-day shift, remind's date is the plain trigger date, so they must be identical.
Prints one JSON line {"nhacviec": N, "remind": M, "shifted": S, "equal": bool, "diff": [...]} and exits 1
when they differ (or when the JSON is not in the expected shape).
"""

import collections
import json
import re
import sys

ITEM_KEY = re.compile(r'^    "(plan|task|milestone|nominal_due|due)": (null|"((?:[^"\\]|\\.)*)"),?$')


def nhacviec_occurrences(path):
    counts = collections.Counter()
    items = 0
    shifted = 0
    current = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("  {"):
                current = {}
            elif line.startswith("  }"):
                items += 1
                missing = {"plan", "task", "milestone", "nominal_due", "due"} - current.keys()
                if missing:
                    raise SystemExit(f"verify: an item of {path} lacks {sorted(missing)}")
                counts[(current["plan"], current["task"], current["milestone"], current["nominal_due"])] += 1
                if current["due"] != current["nominal_due"]:
                    shifted += 1
            elif line.startswith('    "'):  # a key of the item (its list elements are indented deeper)
                m = ITEM_KEY.match(line)
                if m:
                    current[m.group(1)] = json.loads(m.group(2))
    return items, shifted, counts


def remind_occurrences(path):
    counts = collections.Counter()
    lines = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 8 or not re.match(r"^\d{4}/\d{2}/\d{2}$", parts[0]):
                raise SystemExit(f"verify: unexpected remind line: {line.rstrip()}")
            lines += 1
            plan, task, milestone = parts[5:8]
            counts[(plan, task, milestone, parts[0].replace("/", "-"))] += 1
    return lines, counts


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    items, shifted, ours = nhacviec_occurrences(sys.argv[1])
    lines, theirs = remind_occurrences(sys.argv[2])
    only_ours = ours - theirs
    only_theirs = theirs - ours
    diff = [f"nhacviec only: {' '.join(k)}" for k in sorted(only_ours)[:5]]
    diff += [f"remind only: {' '.join(k)}" for k in sorted(only_theirs)[:5]]
    equal = not only_ours and not only_theirs
    print(json.dumps({"nhacviec": items, "remind": lines, "shifted": shifted, "equal": equal, "diff": diff}))
    sys.exit(0 if equal else 1)


if __name__ == "__main__":
    main()
