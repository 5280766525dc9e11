import ArgumentParser
import Foundation
import NhacViecConfigFiles
import NhacViecCore
import Testing

@testable import NhacViecCLI

@Suite("nhacviec holidays and nhacviec lunar")
struct CalendarCommandTests {
    /// Whether the two commands are reachable from the `nhacviec` binary yet.
    static let registered =
        NhacViecCommand.configuration.subcommands.contains { $0 == HolidaysCommand.self }
        && NhacViecCommand.configuration.subcommands.contains { $0 == LunarCommand.self }

    /// What `nhacviec holidays <arguments>` prints on the shipped config, run in-process.
    static func holidays(_ arguments: [String]) throws -> String {
        let command = try HolidaysCommand.parse(["--config", CommandRunner.shippedConfig] + arguments)
        let configuration = try command.options.load(printWarnings: false).configuration
        let (start, end) = command.range(today: configuration.today)
        return command.output(days: configuration.calendar.days(from: start, through: end))
    }

    static func lunar(_ arguments: [String]) throws -> String {
        try LunarCommand.parse(arguments).output()
    }

    @Suite("holidays")
    struct Holidays {
        @Test("2026 as JSON: the announced schedule, then the computed Quốc khánh")
        func year2026() throws {
            let json = try CalendarCommandTests.holidays(["--year", "2026", "--format", "json"])
            let items = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
            #expect(
                items.compactMap { $0["date"] as? String } == [
                    "2026-01-01", "2026-01-02", "2026-01-10", "2026-02-14", "2026-02-15", "2026-02-16", "2026-02-17",
                    "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22", "2026-04-26", "2026-04-27",
                    "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02",
                ])
            #expect(
                items.filter { $0["working"] as? Bool == true }.compactMap { $0["date"] as? String } == ["2026-01-10"])
            #expect(items.last?["source"] as? String == "statutory")
            #expect((items.first?["source"] as? String)?.hasSuffix("Config/calendar/vietnam.yaml") == true)
            #expect(items[13]["kind"] as? String == "compensatory")
        }

        @Test("a date range as a table")
        func range() throws {
            let table = try CalendarCommandTests.holidays(["--from", "2025-04-25", "--to", "5/5/2025"])
            let lines = table.split(separator: "\n")
            #expect(lines.count == 2 + 4)
            #expect(lines[2].hasPrefix("2025-04-26  Sat Thứ Bảy  working  announced"))
            #expect(lines[5].hasPrefix("2025-05-02  Fri Thứ Sáu  off      announced"))
        }

        @Test("ICS of a year has one event per day")
        func ics() throws {
            let ics = try CalendarCommandTests.holidays(["--year", "2025", "--format", "ics"])
            #expect(ics.components(separatedBy: "BEGIN:VEVENT").count - 1 == 17)
            #expect(ics.contains("DTSTART;VALUE=DATE:20250125\r\nDTEND;VALUE=DATE:20250126\r\n"))
        }

        @Test(
            "bad option combinations are rejected",
            arguments: [
                ["--year", "2026", "--from", "2026-01-01", "--to", "2026-02-01"], ["--from", "2026-01-01"],
                ["--from", "2026-02-01", "--to", "2026-01-01"], ["--year", "0"], ["--format", "xml"],
            ])
        func rejected(arguments: [String]) {
            #expect(throws: (any Error).self) { try HolidaysCommand.parse(arguments) }
        }
    }

    @Suite("lunar")
    struct Lunar {
        @Test("solar to lunar, as text and JSON")
        func toLunar() throws {
            #expect(try CalendarCommandTests.lunar(["2026-02-17"]) == "2026-02-17 → 1/1/Bính Ngọ")
            #expect(try CalendarCommandTests.lunar(["26/7/2025"]) == "2025-07-26 → 2/6/Ất Tỵ (tháng 6 nhuận)")
            #expect(
                try CalendarCommandTests.lunar(["2026-02-17", "--format", "json"])
                    == #"{"solar":"2026-02-17","day":1,"month":1,"year":2026,"leap":false,"can_chi":"Bính Ngọ"}"#)
        }

        @Test("lunar to solar, with and without --leap")
        func toSolar() throws {
            #expect(try CalendarCommandTests.lunar(["--to-solar", "10/3/2026"]) == "10/3/Bính Ngọ (2026) → 2026-04-26")
            #expect(try CalendarCommandTests.lunar(["--to-solar", "1/6/2025"]) == "1/6/Ất Tỵ (2025) → 2025-06-25")
            #expect(
                try CalendarCommandTests.lunar(["--to-solar", "1/6/2025", "--leap"])
                    == "1/6/Ất Tỵ (2025, tháng 6 nhuận) → 2025-07-25")
            #expect(
                try CalendarCommandTests.lunar(["--to-solar", "1/1/2026", "--format", "json"])
                    == #"{"solar":"2026-02-17","day":1,"month":1,"year":2026,"leap":false,"can_chi":"Bính Ngọ"}"#)
        }

        @Test(
            "dates that cannot be converted give a message with a fix",
            arguments: [
                (["1800-01-01"], "1800-01-01 is outside the lunar calendar's range"),
                (["30/2/2026"], "'30/2/2026' is not a solar date"),
                (["--to-solar", "30/12/2025"], "month 12 of lunar year 2025 (Ất Tỵ) has no day 30"),
                (["--to-solar", "1/5/2025", "--leap"], "lunar year 2025 (Ất Tỵ) has no leap month 5"),
                (["--to-solar", "1/1/2300"], "lunar year 2300 is outside the supported years"),
                (["--to-solar", "1/13/2026"], "there is no lunar month 13"),
                (["--to-solar", "1/1/99999"], "'1/1/99999' is not a lunar date"),
                (["--to-solar", "10-3-2026"], "'10-3-2026' is not a lunar date"),
            ])
        func unconvertible(arguments: [String], message: String) throws {
            let command = try LunarCommand.parse(arguments)
            #expect(throws: LunarInputError.self) { try command.output() }
            do {
                _ = try command.output()
            } catch {
                #expect(error.description.hasPrefix(message), "\(error)")
            }
        }

        @Test("a date and --to-solar together, or --leap alone, are usage errors")
        func usage() {
            #expect(throws: (any Error).self) { try LunarCommand.parse([]) }
            #expect(throws: (any Error).self) { try LunarCommand.parse(["2026-02-17", "--to-solar", "1/1/2026"]) }
            #expect(throws: (any Error).self) { try LunarCommand.parse(["2026-02-17", "--leap"]) }
        }
    }

    @Test(
        "the binary runs both commands",
        .enabled(if: registered, "HolidaysCommand and LunarCommand are not in NhacViecCommand.subcommands yet"))
    func binary() throws {
        let lunar = try CommandRunner.run(["lunar", "2026-02-17"])
        #expect(lunar.status == 0)
        #expect(lunar.stdout == "2026-02-17 → 1/1/Bính Ngọ\n")
        let bad = try CommandRunner.run(["lunar", "--to-solar", "30/12/2025"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("has no day 30"))
        let holidays = try CommandRunner.run(["holidays", "--config", CommandRunner.shippedConfig, "--year", "2026"])
        #expect(holidays.status == 0)
        #expect(holidays.stdout.contains("2026-04-27  Mon Thứ Hai   off      compensatory"))
        #expect(holidays.stderr.contains("18 days from 2026-01-01 to 2026-12-31"))
    }
}
