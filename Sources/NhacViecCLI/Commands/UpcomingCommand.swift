import ArgumentParser
import Foundation
import NhacViecConfigFiles
import NhacViecCore
import NhacViecStore

/// `nhacviec upcoming`: every milestone occurrence in a window, on the working-day calendar.
struct UpcomingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upcoming",
        abstract: "List the deadlines in a date window, sorted by effective due date.",
        discussion: """
            The effective due date ('due') is the nominal date of the plan moved off weekends and holidays \
            according to due_on_day_off. The default window is today (in the configured time zone) plus 60 days.

            Examples:
              nhacviec upcoming
              nhacviec upcoming --from 2025-04-15 --to 2026-12-31
              nhacviec upcoming --agency so-tu-phap --days 90 --format json
              nhacviec upcoming --agency ubnd-xa --format csv > han-ubnd-xa.csv
              nhacviec upcoming --all --format ics > nhacviec.ics
            """
    )

    @OptionGroup var options: ConfigOptions
    @Option(
        help: ArgumentHelp("First day of the window (YYYY-MM-DD or D/M/YYYY); default today.", valueName: "date"),
        transform: CivilDate.argument)
    var from: CivilDate?
    @Option(help: ArgumentHelp("Last day of the window.", valueName: "date"), transform: CivilDate.argument)
    var to: CivilDate?
    @Option(help: "Length of the window in days (default 60); instead of --to.")
    var days: Int?
    @Option(help: ArgumentHelp("Only milestones this agency (or a member of this group) must act on.", valueName: "id"))
    var agency: String?
    @Option(help: ArgumentHelp("Only this plan, e.g. 949/KH-UBND.", valueName: "id"))
    var plan: String?
    @Flag(help: "Also list ongoing work and deadlines still to be set by a higher office (due: null).")
    var all = false
    @Option(help: "table, json, csv or ics.")
    var format: ListFormat = .table

    func validate() throws {
        if let days, days < 0 { throw ValidationError("--days must be 0 or more") }
        if let days, let to { throw ValidationError("give either --to (\(to)) or --days (\(days)), not both") }
        if let from, let to, to < from { throw ValidationError("--to (\(to)) is before --from (\(from))") }
    }

    func run() async throws {
        let configuration = try options.load().configuration
        let agencies = try Lookup.agencies(agency, in: configuration)
        let planID = try Lookup.plan(plan, in: configuration)
        let start = from ?? configuration.today
        let end = to ?? start.adding(days: days ?? 60)
        let filter = Schedule.Filter(plan: planID, agencies: agencies, includeUndated: all)
        let occurrences = Schedule(configuration: configuration).occurrences(from: start, through: end, filter: filter)
        let acknowledged = try await StateAccess.acknowledgements(
            configuration, occurrenceKeys: occurrences.map(\.key))
        let listing = OccurrenceListing(
            configuration: configuration, occurrences: occurrences, acknowledged: acknowledged)
        switch format {
        case .json: listing.writeJSON { print($0, terminator: "") }
        case .csv: print(listing.csv(), terminator: "")
        case .ics: print(listing.ics(), terminator: "")
        case .table:
            print(listing.table(), terminator: "")
            StandardError.print(
                "\(occurrences.count) deadline\(occurrences.count == 1 ? "" : "s") from \(start) to \(end)")
        }
    }
}
