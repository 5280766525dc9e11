import Foundation
import Testing

@Suite("nhacviec upcoming and reminders on the real Gia Lai plan")
struct UpcomingCommandTests {
    static func upcomingJSON(_ extra: [String] = []) throws -> [[String: Any]] {
        let result = try CommandRunner.run(
            [
                "upcoming", "--config", CommandRunner.shippedConfig, "--from", "2025-04-15", "--to", "2026-12-31",
                "--format", "json",
            ]
                + extra)
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
    }

    static func find(_ items: [[String: Any]], task: String, milestone: String, nominal: String) -> [String: Any]? {
        items.first { item in
            let ids = (item["task"] as? String, item["milestone"] as? String, item["nominal_due"] as? String)
            return ids == (task, milestone, nominal)
        }
    }

    @Test func wholePlanPeriodHasEveryDatedMilestoneWithEffectiveDates() throws {
        let items = try Self.upcomingJSON()
        // 12 one-off milestones, 5 tasks × 2 yearly milestones × 2 years, 3.2's default date,
        // 20 monthly reports (May 2025 – Dec 2026), 7 quarterly reports.
        let expected: Int = 12 + 20 + 1 + 20 + 7
        #expect(items.count == expected)
        let dues = items.compactMap { $0["due"] as? String }
        #expect(dues == dues.sorted())
        // 15/6/2025 is a Sunday: due on Friday 13/6.
        #expect(
            Self.find(items, task: "1.2.a", milestone: "gui-vp", nominal: "2025-06-15")?["due"] as? String
                == "2025-06-13")
        #expect(
            Self.find(items, task: "1.2.a", milestone: "gui-vp", nominal: "2026-06-15")?["due"] as? String
                == "2026-06-15")
        // 30/4 is a holiday: due the working day before.
        #expect(
            Self.find(items, task: "2.1.a", milestone: "trinh-ct", nominal: "2025-04-30")?["due"] as? String
                == "2025-04-29")
        // The February 2026 monthly report falls in the Tết break (14–22/2): due Friday 13/2.
        #expect(
            Self.find(items, task: "VI.1", milestone: "bao-cao-thang", nominal: "2026-02-15")?["due"] as? String
                == "2026-02-13")
        // 20/4/2025 (Sunday) → Friday 18/4.
        #expect(
            Self.find(items, task: "2.1.b", milestone: "gui-vp", nominal: "2025-04-20")?["due"] as? String
                == "2025-04-18")
    }

    @Test func jsonObjectsCarryTheDocumentedKeys() throws {
        let item = try #require(try Self.upcomingJSON().first)
        for key in [
            "plan", "task", "milestone", "title", "text", "nominal_due", "due", "who", "lead", "support", "rule",
        ] {
            #expect(item[key] != nil, "missing \(key)")
        }
        let who = try #require(item["who"] as? [String])
        #expect(who == who.sorted())
        #expect(who.contains("so-tu-phap"))
    }

    @Test func allAddsUndatedWorkWithNullDue() throws {
        let items = try Self.upcomingJSON(["--all"])
        let undated = items.filter { $0["due"] is NSNull }
        #expect(undated.contains { $0["task"] as? String == "3.1.c" })
        #expect(undated.contains { $0["task"] as? String == "VI.2" })
    }

    @Test func agencyFilterKeepsOnlyItsMilestones() throws {
        let items = try Self.upcomingJSON(["--agency", "vp-ubnd"])
        #expect(!items.isEmpty)
        #expect(items.allSatisfy { ($0["who"] as? [String])?.contains("vp-ubnd") == true })
    }

    @Test func aGroupListsWhatAnyOfItsMembersMustDo() throws {
        let items = try Self.upcomingJSON(["--agency", "ubnd-xa"])
        #expect(!items.isEmpty)
        #expect(
            items.allSatisfy { ($0["who"] as? [String])?.contains { $0.hasPrefix("ubnd-") && $0 != "vp-ubnd" } == true }
        )
        let reminders = try CommandRunner.run([
            "reminders", "--config", CommandRunner.shippedConfig, "--from", "2026-06-01", "--to", "2026-06-30",
            "--agency", "ubnd-xa", "--format", "json",
        ])
        #expect(reminders.status == 0, "\(reminders.stderr)")
        let sent = try JSONSerialization.jsonObject(with: Data(reminders.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(Set(sent.compactMap { $0["agency"] as? String }).count > 1)
    }

    @Test func unknownAgencySuggestsOne() throws {
        let result = try CommandRunner.run([
            "upcoming", "--config", CommandRunner.shippedConfig, "--agency", "so-tuphap",
        ])
        #expect(result.status != 0)
        #expect(result.stderr.contains("unknown agency 'so-tuphap' (did you mean 'so-tu-phap'?)"))
    }

    @Test func icsExportIsFoldedAndImportable() throws {
        let result = try CommandRunner.run(
            [
                "upcoming", "--config", CommandRunner.shippedConfig, "--from", "2025-04-15", "--to", "2026-12-31",
                "--format", "ics",
            ])
        #expect(result.status == 0)
        let raw = Data(result.stdout.utf8)
        let lines = result.stdout.components(separatedBy: "\r\n")
        #expect(!raw.isEmpty)
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(!result.stdout.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 60)
        #expect(lines.contains("DTSTART;VALUE=DATE:20250613"))
        let uids = lines.filter { $0.hasPrefix("UID:") }
        #expect(Set(uids).count == uids.count)
    }

    @Test func csvHasAHeaderAndOneRowPerDeadline() throws {
        let result = try CommandRunner.run(
            [
                "upcoming", "--config", CommandRunner.shippedConfig, "--from", "2025-04-15", "--to", "2025-04-30",
                "--format", "csv",
            ])
        let rows = result.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        // The byte order mark makes Excel read the file as UTF-8 (Vietnamese titles stay readable).
        #expect(rows.first == "\u{FEFF}due,nominal_due,plan,task,milestone,who,done,rule,title,text")
        #expect(rows.count == 1 + 8)
    }

    @Test func tableNamesWeekdaysInVietnamese() throws {
        let result = try CommandRunner.run([
            "upcoming", "--config", CommandRunner.shippedConfig, "--from", "2026-06-15", "--to", "2026-06-19",
        ])
        #expect(result.stdout.contains("\n2026-06-15 Thứ Hai "), "\(result.stdout)")
        #expect(result.stdout.contains("\n2026-06-19 Thứ Sáu "))
    }

    /// Options that used to give an empty window, a bare "invalid" or "no reminder".
    @Test(arguments: [
        (["upcoming", "--days", "30", "--to", "2026-06-30"], "give either --to (2026-06-30) or --days (30), not both"),
        (["upcoming", "--from", "2026-06-31"], "'2026-06-31' is not a real date: month 6 has 30 days"),
        (["preview", "--agency", "so-tu-phap", "--task", "9.9"], "no plan has a task '9.9'"),
    ])
    func aWrongOptionIsRefusedWithTheReason(_ arguments: [String], _ reason: String) throws {
        let result = try CommandRunner.run(arguments + ["--config", CommandRunner.shippedConfig])
        #expect(result.status != 0)
        #expect(result.stderr.contains(reason), "\(result.stderr)")
    }

    @Test func remindersTableShowsSendTimesInTheZoneWithItsOffset() throws {
        let result = try CommandRunner.run([
            "reminders", "--config", CommandRunner.shippedConfig, "--from", "2026-06-10", "--to", "2026-06-10",
            "--agency", "so-tu-phap",
        ])
        #expect(result.stdout.contains("\n2026-06-10 08:00 +07:00  so-tu-phap  before-3"), "\(result.stdout)")
    }

    @Test func remindersJSONHasSendTimesWithOffsetAndStableKeys() throws {
        let arguments = [
            "reminders", "--config", CommandRunner.shippedConfig, "--from", "2026-06-01", "--to", "2026-06-15",
            "--agency", "so-tu-phap", "--format", "json",
        ]
        let first = try CommandRunner.run(arguments)
        let second = try CommandRunner.run(arguments)
        #expect(first.stdout == second.stdout)
        let items = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(!items.isEmpty)
        for item in items {
            for key in ["send_at", "agency", "kind", "plan", "task", "milestone", "due", "working_days_left", "key"] {
                #expect(item[key] != nil, "missing \(key)")
            }
            #expect((item["send_at"] as? String)?.hasSuffix("T08:00:00+07:00") == true)
        }
        let key = "949/KH-UBND:1.2.a:gui-vp:2026-06-15:so-tu-phap:before-3"
        let reminder = items.first { ($0["key"] as? String) == key }
        #expect((reminder?["send_at"] as? String) == "2026-06-10T08:00:00+07:00")
    }
}
