#!/usr/bin/env python3
"""Generate a national-scale nhacviec config and the equivalent remind(1) file.

    python3 bench/planning/generate.py OUT_DIR [--seed N] [--agencies N] [--plans N] [--milestones-per-plan N]

Writes into OUT_DIR:
  nhacviec.yaml            main file, same shape as Config/nhacviec.yaml
  agencies.yaml            3,500 agencies (a0001 … a3500, a0001@bench.example) in 40 groups
  calendar/vietnam.yaml    copied from Config/calendar/vietnam.yaml (announced 2025–2026 days)
  plans/bench-NN.yaml      20 plans × 100 milestones, period 2025-01-01 … 2034-12-31
  bench.rem                the same nominal deadlines for remind: one REM per milestone
                           (four per quarterly milestone), MSG body = "plan task milestone"
  manifest.json            what was generated (counts by rule kind), for the summary

The output is a pure function of the seed and the sizes: same arguments, same bytes.

Shape of the directory (a national programme after the 2025 reorganisation):
  a0001–a0030  ministries and ministry-level agencies            group bo-nganh
  a0031–a0064  34 provincial People's Committees                 group ubnd-tinh
  a0065–a0166  Sở Tư pháp / Sở Nội vụ / Sở Tài chính of each      groups so-tu-phap, so-noi-vu, so-tai-chinh
  a0167–a3500  3,334 commune-level committees, by province       groups xa-t01 … xa-t34
  50 communes are also in the pilot group thi-diem                (40 groups in all)

Rules and their remind equivalents (the nominal dates must be identical; nhacviec then moves each one off
weekends and holidays, which changes dates but never the number of occurrences):
  once       due: 2027-05-14                              REM 14 May 2027 MSG …
  yearly     due: { every: year, date: "15/6" }           REM 15 Jun FROM … UNTIL … MSG …
  monthly    due: { every: month, day: 20 } / day: last   REM 20 … / REM Lastday …
  quarterly  due: { every: quarter, month: 3, day: last } REM Lastday Mar …, Jun, Sep, Dec (remind has no
             multi-month trigger; four plain REMs are cheaper for remind than one SATISFY expression)
  weekly     due: { every: week, weekday: friday }        REM Fri …
  ongoing    due: ongoing (some with a nudge)             nothing: `upcoming` lists no date for it
A rule's own from/until becomes FROM/UNTIL. The plan period (2025-01-01 … 2034-12-31) needs no clause: it is
exactly the window remind is asked for (`remind -s120 bench.rem 2025-01-01`), and repeating it on every REM
would make remind ~40% slower, which would flatter nhacviec.

Edge choices that keep the two counts equal: the period starts on 2025-01-01, a holiday; a nominal date on it
would move to 2024-12-31 under previous_working_day and leave the window. So no rule can fall on 1 January
2025: days of month are 2–28 or `last`, and weekly rules skip Wednesday (1/1/2025 was a Wednesday).
Days 29–31 are avoided because remind skips months that lack them while nhacviec clamps to the last day.
"""

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sys

PERIOD_FROM = dt.date(2025, 1, 1)
PERIOD_UNTIL = dt.date(2034, 12, 31)
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
WEEKDAYS = {"monday": "Mon", "tuesday": "Tue", "thursday": "Thu", "friday": "Fri"}

# kind -> weight (share of the milestones)
RULE_MIX = [
    ("once", 20),
    ("yearly", 26),
    ("monthly", 25),
    ("quarterly", 12),
    ("weekly", 7),
    ("ongoing", 10),
]

PROVINCES = 34
COMMUNE_START = 167

TOPICS = [
    "cải cách thủ tục hành chính", "chuyển đổi số", "phòng, chống thiên tai", "xây dựng nông thôn mới",
    "an toàn thực phẩm", "phổ biến, giáo dục pháp luật", "quản lý đất đai", "bảo vệ môi trường",
    "phát triển doanh nghiệp", "an sinh xã hội", "thực hành tiết kiệm, chống lãng phí", "phòng, chống tham nhũng",
    "cải cách công vụ", "dữ liệu dân cư", "dịch vụ công trực tuyến", "y tế cơ sở",
]
ACTIONS = [
    "Báo cáo kết quả thực hiện", "Rà soát, tổng hợp số liệu", "Gửi phương án", "Cập nhật cơ sở dữ liệu",
    "Tổ chức kiểm tra", "Đánh giá, sơ kết", "Tham mưu, trình phê duyệt", "Công bố, công khai",
]


def agency_directory(total):
    """[(id, name, [groups])] and {group: name}."""
    groups = {
        "bo-nganh": "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
        "ubnd-tinh": "UBND các tỉnh, thành phố trực thuộc Trung ương",
        "so-tu-phap": "Sở Tư pháp các tỉnh, thành phố",
        "so-noi-vu": "Sở Nội vụ các tỉnh, thành phố",
        "so-tai-chinh": "Sở Tài chính các tỉnh, thành phố",
        "thi-diem": "Các xã, phường thí điểm",
    }
    for p in range(1, PROVINCES + 1):
        groups[f"xa-t{p:02d}"] = f"UBND các xã, phường của tỉnh số {p}"
    agencies = []
    for n in range(1, total + 1):
        aid = f"a{n:04d}"
        if n <= 30:
            name, grp = f"Bộ, ngành Trung ương số {n}", ["bo-nganh"]
        elif n <= 30 + PROVINCES:
            name, grp = f"UBND tỉnh số {n - 30}", ["ubnd-tinh"]
        elif n < COMMUNE_START:
            k = n - 31 - PROVINCES  # 0 … 101
            kind = ["so-tu-phap", "so-noi-vu", "so-tai-chinh"][k % 3]
            label = {"so-tu-phap": "Sở Tư pháp", "so-noi-vu": "Sở Nội vụ", "so-tai-chinh": "Sở Tài chính"}[kind]
            name, grp = f"{label} tỉnh số {k // 3 + 1}", [kind]
        else:
            k = n - COMMUNE_START
            province = k % PROVINCES + 1
            name, grp = f"UBND xã số {k + 1} (tỉnh số {province})", [f"xa-t{province:02d}"]
        agencies.append([aid, name, grp])
    rng = random.Random(7)
    communes = [a for a in agencies if a[2][0].startswith("xa-t")]
    for a in rng.sample(communes, min(50, len(communes))):
        a[2].append("thi-diem")
    return agencies, groups


def pick_agencies(rng, total, k):
    return sorted(rng.sample([f"a{n:04d}" for n in range(1, total + 1)], k))


def lead_of(rng, total):
    """A task's lead: a group (as national plans name them) or a few agencies."""
    r = rng.random()
    if r < 0.35:
        return pick_agencies(rng, total, rng.randint(1, 3))
    if r < 0.60:
        return ["bo-nganh"]
    if r < 0.80:
        return ["ubnd-tinh"]
    if r < 0.90:
        return [rng.choice(["so-tu-phap", "so-noi-vu", "so-tai-chinh"])]
    return [f"xa-t{rng.randint(1, PROVINCES):02d}"]


def support_of(rng, total):
    r = rng.random()
    if r < 0.3:
        return []
    if r < 0.85:
        return pick_agencies(rng, total, rng.randint(1, 2))
    return ["thi-diem"]


def random_date(rng, low, high):
    return low + dt.timedelta(days=rng.randint(0, (high - low).days))


def yaml_list(items):
    return "[" + ", ".join(items) + "]"


def rule_bounds(rng):
    """Optional rule-level from/until for ~15% of recurring rules."""
    if rng.random() >= 0.15:
        return None, None
    start = random_date(rng, dt.date(2025, 6, 1), dt.date(2029, 12, 31))
    end = random_date(rng, dt.date(2030, 1, 1), dt.date(2034, 6, 30)) if rng.random() < 0.6 else None
    return start, end


def make_rule(rng, kind):
    """(yaml text of due:, [remind trigger specs without FROM/UNTIL], from, until)."""
    if kind == "once":
        d = random_date(rng, dt.date(2025, 1, 6), dt.date(2034, 12, 20))
        return d.isoformat(), [f"{d.day} {MONTHS[d.month - 1]} {d.year}"], None, None
    if kind == "ongoing":
        if rng.random() < 0.5:
            return "{ ongoing: true, nudge: { every: month, day: 1 } }", [], None, None
        return "ongoing", [], None, None
    start, end = rule_bounds(rng)
    bounds = ""
    if start:
        bounds += f", from: {start.isoformat()}"
    if end:
        bounds += f", until: {end.isoformat()}"
    if kind == "yearly":
        month = rng.randint(1, 12)
        day = rng.randint(2, 28)
        return f'{{ every: year, date: "{day}/{month}"{bounds} }}', [f"{day} {MONTHS[month - 1]}"], start, end
    if kind == "monthly":
        if rng.random() < 0.3:
            return f"{{ every: month, day: last{bounds} }}", ["Lastday"], start, end
        day = rng.randint(2, 28)
        return f"{{ every: month, day: {day}{bounds} }}", [f"{day}"], start, end
    if kind == "quarterly":
        miq = rng.randint(1, 3)
        months = [MONTHS[miq - 1 + 3 * q] for q in range(4)]
        if rng.random() < 0.5:
            return (f"{{ every: quarter, month: {miq}, day: last{bounds} }}",
                    [f"Lastday {m}" for m in months], start, end)
        day = rng.randint(2, 28)
        return (f"{{ every: quarter, month: {miq}, day: {day}{bounds} }}",
                [f"{day} {m}" for m in months], start, end)
    if kind == "weekly":
        weekday = rng.choice(sorted(WEEKDAYS))
        return f"{{ every: week, weekday: {weekday}{bounds} }}", [WEEKDAYS[weekday]], start, end
    raise ValueError(kind)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=20250101)
    parser.add_argument("--agencies", type=int, default=3500)
    parser.add_argument("--plans", type=int, default=20)
    parser.add_argument("--milestones-per-plan", type=int, default=100)
    parser.add_argument("--calendar", default=os.path.join(os.path.dirname(__file__), "..", "..", "Config",
                                                           "calendar", "vietnam.yaml"))
    args = parser.parse_args()
    if args.agencies < COMMUNE_START + PROVINCES:
        sys.exit(f"--agencies must be at least {COMMUNE_START + PROVINCES}")

    rng = random.Random(args.seed)
    out = args.out
    os.makedirs(os.path.join(out, "plans"), exist_ok=True)
    os.makedirs(os.path.join(out, "calendar"), exist_ok=True)
    shutil.copyfile(args.calendar, os.path.join(out, "calendar", "vietnam.yaml"))

    # --- nhacviec.yaml -------------------------------------------------------------------------------------
    with open(os.path.join(out, "nhacviec.yaml"), "w", encoding="utf-8") as f:
        f.write(f"""# nhacviec benchmark config (generated by bench/planning/generate.py, seed {args.seed}).
timezone: Asia/Ho_Chi_Minh
state_dir: var

include:
  - agencies.yaml
  - calendar/*.yaml
  - plans/*.yaml

calendar:
  weekend: [saturday, sunday]
  holidays: vietnam
  due_on_day_off: previous_working_day
  days_off: []
  working_days: []

reminders:
  before: [7, 3, 1]
  on_due_date: true
  overdue_every: 2
  overdue_max: 5
  escalate_after: 3
  escalate_to: a0001
  send_at: "08:00"
  catch_up_days: 2
""")

    # --- agencies.yaml -------------------------------------------------------------------------------------
    agencies, groups = agency_directory(args.agencies)
    with open(os.path.join(out, "agencies.yaml"), "w", encoding="utf-8") as f:
        f.write("# Generated agency directory for the nhacviec benchmark.\ngroups:\n")
        for gid, name in groups.items():
            f.write(f'  {gid}: {{ name: "{name}" }}\n')
        f.write("\nagencies:\n")
        for aid, name, grp in agencies:
            f.write(f'  - {{ id: {aid}, name: "{name}", email: [{aid}@bench.example], webhook: null, '
                    f'groups: {yaml_list(grp)} }}\n')

    # --- plans and bench.rem -------------------------------------------------------------------------------
    kinds, weights = zip(*RULE_MIX)
    by_kind = {k: 0 for k in kinds}
    rem_lines = [
        "# Generated by bench/planning/generate.py: the nominal deadlines of the nhacviec benchmark config.",
        "# One REM per milestone (four per quarterly one); MSG body = plan task milestone.",
    ]
    tasks_total = 0
    milestones_total = 0
    for p in range(1, args.plans + 1):
        plan_id = f"BENCH-{p:02d}/KH"
        policy = "keep" if p % 10 == 5 else None  # two plans keep the nominal date
        lines = [
            f"# Generated benchmark plan {p} of {args.plans}.",
            "plan:",
            f'  id: "{plan_id}"',
            f'  title: "Kế hoạch thử tải số {p} về {TOPICS[p % len(TOPICS)]} giai đoạn 2025 – 2034"',
            '  issuer: "Chính phủ (dữ liệu thử)"',
            f"  issued: {PERIOD_FROM.isoformat()}",
            f"  period: {{ from: {PERIOD_FROM.isoformat()}, until: {PERIOD_UNTIL.isoformat()} }}",
        ]
        if policy:
            lines.append(f"  due_on_day_off: {policy}")
        lines.append("tasks:")
        remaining = args.milestones_per_plan
        t = 0
        while remaining > 0:
            t += 1
            count = min(remaining, rng.randint(2, 6))
            remaining -= count
            task_id = f"{(t - 1) // 5 + 1}.{(t - 1) % 5 + 1}"
            topic = rng.choice(TOPICS)
            lead = lead_of(rng, args.agencies)
            support = support_of(rng, args.agencies)
            lines += [
                f'  - id: "{task_id}"',
                f'    title: "{rng.choice(ACTIONS)} về {topic} (nhiệm vụ {task_id})"',
                f"    lead: {yaml_list(lead)}",
                f"    support: {yaml_list(support)}",
                f'    product: "Báo cáo của cơ quan chủ trì về {topic}; số liệu kèm theo."',
                "    milestones:",
            ]
            tasks_total += 1
            for m in range(1, count + 1):
                kind = rng.choices(kinds, weights)[0]
                by_kind[kind] += 1
                milestones_total += 1
                due, triggers, start, end = make_rule(rng, kind)
                r = rng.random()
                if r < 0.75 or (r < 0.85 and not support):
                    who = "lead"
                elif r < 0.85:
                    who = "support"
                else:
                    who = yaml_list(pick_agencies(rng, args.agencies, rng.randint(1, 2)))
                mid = f"m{m}"
                text = f"{rng.choice(ACTIONS)} về {topic}, gửi cơ quan chủ trì tổng hợp (mốc {m})."
                lines.append(f"      - {{ id: {mid}, who: {who}, due: {due}, text: \"{text}\" }}")
                for trigger in triggers:
                    # The plan period is the remind window itself (remind -s120 from 2025-01-01), so only a
                    # rule's own from/until needs FROM/UNTIL; redundant clauses would cost remind ~40% more.
                    bounds = (f" FROM {start.isoformat()}" if start else "") + (f" UNTIL {end.isoformat()}" if end else "")
                    rem_lines.append(f"REM {trigger}{bounds} MSG {plan_id} {task_id} {mid}")
        with open(os.path.join(out, "plans", f"bench-{p:02d}.yaml"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")

    with open(os.path.join(out, "bench.rem"), "w", encoding="utf-8") as f:
        f.write("\n".join(rem_lines) + "\n")

    manifest = {
        "seed": args.seed,
        "agencies": len(agencies),
        "groups": len(groups),
        "plans": args.plans,
        "tasks": tasks_total,
        "milestones": milestones_total,
        "milestones_by_rule": by_kind,
        "rem_lines": sum(1 for line in rem_lines if line.startswith("REM ")),
    }
    with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print(json.dumps(manifest))


if __name__ == "__main__":
    main()
