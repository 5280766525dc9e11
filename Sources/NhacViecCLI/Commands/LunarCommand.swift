import ArgumentParser
import NhacViecCore

/// `nhacviec lunar`: converts a solar date to the Vietnamese lunar calendar, or a lunar date back.
struct LunarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lunar",
        abstract: "Convert a date to the Vietnamese lunar calendar (âm lịch), or back with --to-solar.",
        discussion: """
            Lunar years 1900–2199 are supported, computed for Vietnam (UTC+7; before 1968, UTC+8 as then \
            used). A leap month (tháng nhuận) carries the number of the month before it.

            Examples:
              $ nhacviec lunar 2026-02-17
              2026-02-17 → 1/1/Bính Ngọ
              $ nhacviec lunar 25/7/2025 --format json
              $ nhacviec lunar --to-solar 10/3/2026
              10/3/Bính Ngọ (2026) → 2026-04-26
              $ nhacviec lunar --to-solar 1/6/2025 --leap
              1/6/Ất Tỵ (2025, tháng 6 nhuận) → 2025-07-25
            """
    )

    /// The output formats of `nhacviec lunar`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: ArgumentHelp("A solar date, YYYY-MM-DD or D/M/YYYY.", valueName: "date"))
    var date: String?
    @Option(
        name: .customLong("to-solar"), help: ArgumentHelp("A lunar date to convert to solar.", valueName: "D/M/YYYY"))
    var toSolar: String?
    @Flag(help: "With --to-solar: the month is the leap month (tháng nhuận).")
    var leap = false
    @Option(help: "text or json.")
    var format: Format = .text

    func validate() throws {
        if (date == nil) == (toSolar == nil) {
            throw ValidationError("give either a solar date or --to-solar D/M/YYYY")
        }
        if leap && toSolar == nil { throw ValidationError("--leap goes with --to-solar") }
    }

    func run() throws {
        print(try output())
    }

    /// What goes to standard output, or the error to report.
    func output() throws(LunarInputError) -> String {
        let solar: CivilDate
        let lunar: LunarDate
        if let toSolar {
            lunar = try Self.parseLunar(toSolar, leap: leap)
            solar = try Self.solarDate(for: lunar)
        } else {
            let text = date ?? ""
            guard let parsed = CivilDate(parsing: text) else {
                throw LunarInputError(
                    "'\(text)' is not a solar date",
                    fix: "write YYYY-MM-DD or D/M/YYYY; for a lunar date use --to-solar")
            }
            solar = parsed
            guard let converted = LunarCalendar.lunarDate(for: solar) else {
                let range = LunarCalendar.supportedDates
                throw LunarInputError(
                    "\(solar) is outside the lunar calendar's range",
                    fix: "give a date from \(range.lowerBound) to \(range.upperBound)")
            }
            lunar = converted
        }
        switch format {
        case .json:
            return JSONValue.object([
                ("solar", .string(solar.iso8601)), ("day", .int(lunar.day)), ("month", .int(lunar.month)),
                ("year", .int(lunar.year)), ("leap", .bool(lunar.isLeapMonth)), ("can_chi", .string(lunar.yearName)),
            ]).render()
        case .text:
            let lunarText = "\(lunar.day)/\(lunar.month)/\(lunar.yearName)"
            let leapNote = "tháng \(lunar.month) nhuận"
            if toSolar != nil {
                return "\(lunarText) (\(lunar.year)\(lunar.isLeapMonth ? ", " + leapNote : "")) → \(solar)"
            }
            return "\(solar) → \(lunarText)" + (lunar.isLeapMonth ? " (\(leapNote))" : "")
        }
    }

    /// `D/M/YYYY` as a lunar date (not yet checked against the calendar).
    static func parseLunar(_ text: String, leap: Bool) throws(LunarInputError) -> LunarDate {
        let fields = text.split(separator: "/", omittingEmptySubsequences: false)
        guard fields.count == 3,
            fields.allSatisfy({ (1...4).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let day = Int(fields[0]), let month = Int(fields[1]), let year = Int(fields[2])
        else {
            throw LunarInputError("'\(text)' is not a lunar date", fix: "write D/M/YYYY, e.g. 10/3/2026")
        }
        return LunarDate(day: day, month: month, year: year, isLeapMonth: leap)
    }

    /// The solar date of `lunar`, or an error saying why that lunar date does not exist.
    static func solarDate(for lunar: LunarDate) throws(LunarInputError) -> CivilDate {
        if let solar = LunarCalendar.solarDate(for: lunar) { return solar }
        let years = LunarCalendar.supportedYears
        guard years.contains(lunar.year) else {
            throw LunarInputError(
                "lunar year \(lunar.year) is outside the supported years",
                fix: "give a year from \(years.lowerBound) to \(years.upperBound)")
        }
        guard (1...12).contains(lunar.month) else {
            throw LunarInputError("there is no lunar month \(lunar.month)", fix: "months are 1 to 12")
        }
        let name = "\(lunar.year) (\(lunar.yearName))"
        let leapMonth = LunarCalendar.leapMonth(ofYear: lunar.year)
        guard let length = LunarCalendar.daysInMonth(month: lunar.month, year: lunar.year, isLeap: lunar.isLeapMonth)
        else {
            throw LunarInputError(
                "lunar year \(name) has no leap month \(lunar.month)",
                fix: leapMonth.map { "its leap month is \($0); or drop --leap" } ?? "it has no leap month; drop --leap")
        }
        throw LunarInputError(
            "month \(lunar.month)\(lunar.isLeapMonth ? " (nhuận)" : "") of lunar year \(name) has no day \(lunar.day)",
            fix: "that month has \(length) days")
    }
}

/// A lunar or solar date given to `nhacviec lunar` that cannot be converted, with what to do instead.
struct LunarInputError: Error, CustomStringConvertible {
    var message: String
    var fix: String

    init(_ message: String, fix: String) {
        self.message = message
        self.fix = fix
    }

    var description: String { "\(message) (\(fix))" }
}
