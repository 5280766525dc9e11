import Foundation
import Testing

@Suite("nhacviec check")
struct CheckCommandTests {
    @Test func shippedConfigIsValid() throws {
        let result = try CommandRunner.run(["check", "--config", CommandRunner.shippedConfig])
        #expect(result.status == 0)
        #expect(result.stdout == "OK: 22 agencies, 2 groups, 1 plan, 20 tasks, 31 milestones\n")
    }

    @Test func brokenConfigIsReportedWithFileLineAndColumnAndExitsOne() throws {
        let directory = try CommandRunner.copyOfShippedConfig()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = directory.appendingPathComponent("Config/plans/949-KH-UBND.yaml")
        var text = try String(contentsOf: plan, encoding: .utf8)
        text = text.replacingOccurrences(of: "support: [so-tu-phap, ubnd-xa]", with: "support: [so-tu-phap2, ubnd-xa]")
        text = text.replacingOccurrences(of: "due: 2025-04-25", with: "due: 2025-02-30")
        try text.write(to: plan, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["check"], in: directory)
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        // so-tu-phap supports two tasks, so the typo is reported at both places.
        #expect(
            lines.filter {
                $0.hasPrefix("Config/plans/949-KH-UBND.yaml:")
                    && $0.hasSuffix("error: unknown agency or group 'so-tu-phap2' (did you mean 'so-tu-phap'?)")
            }.count == 2)
        #expect(lines.contains { $0.contains("error: due '2025-02-30' is not a real date: month 2 has 28 days") })
        #expect(lines.last == "3 errors in the configuration; nothing was changed")
        #expect(result.stdout.isEmpty)
    }

    @Test func includeThatMatchesNothingIsAnError() throws {
        let directory = try CommandRunner.copyOfShippedConfig()
        defer { try? FileManager.default.removeItem(at: directory) }
        let main = directory.appendingPathComponent("Config/nhacviec.yaml")
        let text = try String(contentsOf: main, encoding: .utf8).replacingOccurrences(
            of: "plans/*.yaml", with: "plan/*.yaml")
        try text.write(to: main, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["check"], in: directory)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "Config/nhacviec.yaml:15:5: error: include 'plan/*.yaml' matches no file (paths are relative to Config/)"
            ))
    }

    @Test func missingConfigSaysHowToPointAtOne() throws {
        let result = try CommandRunner.run(["check", "--config", "/nonexistent/nhacviec.yaml"])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "cannot read the config: no such file (run from the directory that holds Config/, or pass --config PATH)"
            ))
    }

    @Test func helpShowsAnExample() throws {
        let result = try CommandRunner.run(["check", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("nhacviec check --config /etc/nhacviec/nhacviec.yaml"))
    }
}

@Suite("Next year's announced holidays are asked for from 1 October")
struct HolidayScheduleWarningTests {
    static let warning = "warning: chưa có lịch nghỉ lễ, Tết năm 2027 đã công bố"

    @Test func checkWarnsFromOctoberUntilTheYearIsAddedWithoutFailing() throws {
        let directory = try CommandRunner.copyOfShippedConfig()
        defer { try? FileManager.default.removeItem(at: directory) }
        let september = try CommandRunner.run(["check", "--today", "2026-09-30"], in: directory)
        #expect(september.status == 0)
        #expect(!september.stderr.contains(Self.warning))

        let october = try CommandRunner.run(["check", "--today", "2026-10-01"], in: directory)
        #expect(october.status == 0, "a warning does not fail the check")
        let line = try #require(october.stderr.split(separator: "\n").first { $0.contains(Self.warning) })
        #expect(line.hasPrefix("Config/calendar/vietnam.yaml:"), "points at the calendar file: \(line)")
        #expect(line.contains("Tết Đinh Mùi theo Bộ luật Lao động: 05/02/2027–09/02/2027"))
        #expect(line.contains("vào Config/calendar/vietnam.yaml khi Bộ Nội vụ công bố"))
        #expect(october.stdout.hasPrefix("OK: "))

        let calendar = directory.appendingPathComponent("Config/calendar/vietnam.yaml")
        let text = try String(contentsOf: calendar, encoding: .utf8).replacingOccurrences(
            of: "\n  working_days:",
            with: "    - { date: 2027-01-01, name: \"Tết Dương lịch 2027\", kind: new_year }\n\n  working_days:")
        try text.write(to: calendar, atomically: true, encoding: .utf8)
        let added = try CommandRunner.run(["check", "--today", "2026-10-01"], in: directory)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(!added.stderr.contains("Tết năm 2027"), "\(added.stderr)")
    }

    @Test func statusShowsAMissingYearUntilItIsAdded() throws {
        let directory = try CommandRunner.copyOfShippedConfig()
        defer { try? FileManager.default.removeItem(at: directory) }
        // No announced day at all: whatever today is, this year's schedule is missing.
        try "calendar:\n  days_off: []\n".write(
            to: directory.appendingPathComponent("Config/calendar/vietnam.yaml"), atomically: true, encoding: .utf8)
        #expect(
            try CommandRunner.run(["serve", "--once", "--now", "2026-06-12T08:00:00+07:00"], in: directory).status == 0)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        let year = calendar.component(.year, from: Date())
        let table = try CommandRunner.run(["status"], in: directory)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("Lịch nghỉ:  CẢNH BÁO: chưa có lịch nghỉ lễ, Tết năm \(year) đã công bố"))
        let json = try CommandRunner.run(["status", "--format", "json"], in: directory)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let missing = try #require(object?["holiday_schedule"] as? [String: Any])
        #expect(missing["missing_year"] as? Int == year)
    }
}
