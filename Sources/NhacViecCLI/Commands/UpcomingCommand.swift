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
            The effective due date ('due') is the nominal date of the plan moved off weekends and holidays
            according to due_on_day_off. The default window is today (in the configured time zone) plus 60 days.

            Examples:
              nhacviec upcoming
              nhacviec upcoming --from 2025-04-15 --to 2026-12-31
              nhacviec upcoming --agency so-tu-phap --days 90 --format json
              nhacviec upcoming --all --format ics > nhacviec.ics
            """
    )

    @OptionGroup var options: ConfigOptions
    @Option(help: ArgumentHelp("First day of the window (YYYY-MM-DD or D/M/YYYY); default today.", valueName: "date"))
    var from: CivilDate?
    @Option(help: ArgumentHelp("Last day of the window.", valueName: "date"))
    var to: CivilDate?
    @Option(help: "Length of the window in days when --to is not given.")
    var days: Int = 60
    @Option(help: ArgumentHelp("Only milestones this agency must act on.", valueName: "id"))
    var agency: String?
    @Option(help: ArgumentHelp("Only this plan, e.g. 949/KH-UBND.", valueName: "id"))
    var plan: String?
    @Flag(help: "Also list ongoing work and deadlines still to be set by a higher office (due: null).")
    var all = false
    @Option(help: "table, json, csv or ics.")
    var format: ListFormat = .table

    func validate() throws {
        if days < 0 { throw ValidationError("--days must be 0 or more") }
        if let from, let to, to < from { throw ValidationError("--to (\(to)) is before --from (\(from))") }
    }

    func run() async throws {
        let configuration = try options.load().configuration
        let agencyID = try Lookup.agency(agency, in: configuration)
        let planID = try Lookup.plan(plan, in: configuration)
        let start = from ?? configuration.today
        let end = to ?? start.adding(days: days)
        let filter = Schedule.Filter(plan: planID, agency: agencyID, includeUndated: all)
        let occurrences = Schedule(configuration: configuration).occurrences(from: start, through: end, filter: filter)
        var acknowledged: [String: [Acknowledgement]] = [:]
        if let ledger = try StateAccess.ledger(configuration, create: false) {
            acknowledged = try await ledger.acknowledgements(occurrenceKeys: Array(Set(occurrences.map(\.key))))
        }
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

/// Resolves ids given on the command line, with suggestions.
enum Lookup {
    static func agency(_ id: String?, in configuration: Configuration) throws -> AgencyID? {
        guard let id else { return nil }
        if configuration.directory.agencies[AgencyID(id)] != nil { return AgencyID(id) }
        let names = configuration.directory.agencies.keys.map(\.rawValue)
        let hint = Suggestion.closest(to: id, in: names).map { " (did you mean '\($0)'?)" } ?? ""
        throw CommandFailure("unknown agency '\(id)'\(hint)")
    }

    static func plan(_ id: String?, in configuration: Configuration) throws -> PlanID? {
        guard let id else { return nil }
        if configuration.plans.contains(where: { $0.id.rawValue == id }) { return PlanID(id) }
        let names = configuration.plans.map(\.id.rawValue)
        throw CommandFailure("unknown plan '\(id)'; plans: \(names.joined(separator: ", "))")
    }
}
