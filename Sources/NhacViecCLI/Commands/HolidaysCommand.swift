import ArgumentParser
import NhacViecConfigFiles
import NhacViecCore

/// `nhacviec holidays`: the holidays, days off and swapped working days of the configured calendar.
struct HolidaysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holidays",
        abstract: "List holidays, compensatory and announced days off, and swapped working days.",
        discussion: """
            Plain weekends are not listed. The statutory holidays (Labour Code 2019, Art. 112: 1/1, Tết, \
            Giỗ Tổ Hùng Vương, 30/4, 1/5, 2/9) are computed for 1900–2199 with their compensatory days; days \
            announced in calendar.days_off replace the computed ones of the same kind and year, and \
            calendar.working_days turn days into working days. 'source' is statutory, compensatory or the \
            config file that announced the day.

            Examples:
              nhacviec holidays
              nhacviec holidays --year 2026
              nhacviec holidays --from 2026-01-01 --to 2026-06-30 --format json
              nhacviec holidays --year 2026 --format ics > ngay-nghi-2026.ics
            """
    )

    @OptionGroup var options: ConfigOptions
    @Option(help: "A Gregorian year; default this year in the configured time zone.")
    var year: Int?
    @Option(
        help: ArgumentHelp("First day (YYYY-MM-DD or D/M/YYYY), with --to.", valueName: "date"),
        transform: CivilDate.argument)
    var from: CivilDate?
    @Option(help: ArgumentHelp("Last day, included, with --from.", valueName: "date"), transform: CivilDate.argument)
    var to: CivilDate?
    @Option(help: "table, json, csv or ics.")
    var format: ListFormat = .table

    func validate() throws {
        if year != nil && (from != nil || to != nil) { throw ValidationError("use either --year or --from/--to") }
        if (from == nil) != (to == nil) { throw ValidationError("--from and --to go together") }
        if let from, let to, to < from { throw ValidationError("--to (\(to)) is before --from (\(from))") }
        if let year, !(1...9999).contains(year) { throw ValidationError("--year must be from 1 to 9999") }
    }

    func run() throws {
        let configuration = try options.load().configuration
        let (start, end) = range(today: configuration.today)
        if start < WorkingCalendar.span.lowerBound || end > WorkingCalendar.span.upperBound {
            StandardError.print("note: holidays are known for 1900–2199 only; outside that, only weekends are days off")
        }
        let days = configuration.calendar.days(from: start, through: end)
        print(output(days: days), terminator: "")
        if format == .table {
            StandardError.print("\(days.count) day\(days.count == 1 ? "" : "s") from \(start) to \(end)")
        }
    }

    /// The first and last day asked for: `--from`/`--to`, else the whole of `--year` or of this year.
    func range(today: CivilDate) -> (CivilDate, CivilDate) {
        if let from, let to { return (from, to) }
        let year = year ?? today.year
        let first = CivilDate(year: year, month: 1, day: 1) ?? today
        return (first, CivilDate(year: year, month: 12, day: 31) ?? first)
    }

    /// What goes to standard output.
    func output(days: [CalendarDay]) -> String {
        let listing = HolidayListing(days: days)
        return switch format {
        case .table: listing.table()
        case .json: listing.json().renderPretty() + "\n"
        case .csv: listing.csv()
        case .ics: listing.ics()
        }
    }
}
