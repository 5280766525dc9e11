import ArgumentParser
import NhacViecConfigFiles
import NhacViecCore

/// `nhacviec reminders`: a dry run of the reminder policy over a window (no state is read or written).
struct RemindersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reminders",
        abstract: "Show the reminders the policy would send in a date window (dry run).",
        discussion: """
            'before: [7, 3, 1]' counts working days before the effective due date; a reminder never falls on
            a day off. Each reminder has a stable key (plan:task:milestone:nominal-date:agency:stage) that the
            service uses so nothing is sent twice.

            Examples:
              nhacviec reminders --from 2026-06-01 --to 2026-06-30
              nhacviec reminders --agency so-tu-phap --format json
            """
    )

    @OptionGroup var options: ConfigOptions
    @Option(help: ArgumentHelp("First send day (default today).", valueName: "date"))
    var from: CivilDate?
    @Option(help: ArgumentHelp("Last send day (default 30 days after --from).", valueName: "date"))
    var to: CivilDate?
    @Option(help: ArgumentHelp("Only reminders to this agency.", valueName: "id"))
    var agency: String?
    @Option(help: "table or json.")
    var format: Format = .table

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    func validate() throws {
        if let from, let to, to < from { throw ValidationError("--to (\(to)) is before --from (\(from))") }
    }

    func run() throws {
        let configuration = try options.load().configuration
        let agencyID = try Lookup.agency(agency, in: configuration)
        let start = from ?? configuration.today
        let end = to ?? start.adding(days: 30)
        let reminders = ReminderPlanner(configuration: configuration).reminders(
            from: start, through: end, agency: agencyID)
        let listing = ReminderListing(reminders: reminders, timeZone: configuration.timeZone)
        switch format {
        case .json: print(listing.json().renderPretty())
        case .table:
            print(listing.table(), terminator: "")
            StandardError.print("\(reminders.count) reminder\(reminders.count == 1 ? "" : "s") from \(start) to \(end)")
        }
    }
}
