import ArgumentParser
import NhacViecConfigFiles
import NhacViecCore

/// `nhacviec reminders`: a dry run of the reminder policy over a window, without the reminders that
/// acknowledgements in the ledger suppress (nothing is written).
struct RemindersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reminders",
        abstract: "Show the reminders the policy would send in a date window (dry run).",
        discussion: """
            'before: [7, 3, 1]' counts working days before the effective due date; a reminder never falls on \
            a day off. Each reminder has a stable key (plan:task:milestone:nominal-date:agency:stage) that the \
            service uses so nothing is sent twice. Reminders that `nhacviec done` suppressed are not listed; \
            they are printed, with the reason, on standard error.

            Examples:
              nhacviec reminders --from 2026-06-01 --to 2026-06-30
              nhacviec reminders --agency so-tu-phap --format json
            """
    )

    @OptionGroup var options: ConfigOptions
    @Option(help: ArgumentHelp("First send day (default today).", valueName: "date"), transform: CivilDate.argument)
    var from: CivilDate?
    @Option(
        help: ArgumentHelp("Last send day (default 30 days after --from).", valueName: "date"),
        transform: CivilDate.argument)
    var to: CivilDate?
    @Option(help: ArgumentHelp("Only reminders to this agency (or to the members of this group).", valueName: "id"))
    var agency: String?
    @Option(help: "table or json.")
    var format: Format = .table

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    func validate() throws {
        if let from, let to, to < from { throw ValidationError("--to (\(to)) is before --from (\(from))") }
    }

    func run() async throws {
        let configuration = try options.load().configuration
        let agencies = try Lookup.agencies(agency, in: configuration)
        let start = from ?? configuration.today
        let end = to ?? start.adding(days: 30)
        let planned = ReminderPlanner(configuration: configuration).reminders(
            from: start, through: end, agency: agencies?.count == 1 ? agencies?.first : nil
        ).filter { agencies?.contains($0.agency) ?? true }
        let reminders = AcknowledgedReminders(
            planned,
            acknowledged: try await StateAccess.acknowledgements(
                configuration, occurrenceKeys: planned.map(\.occurrence.key)
            ).mapValues { Set($0.map(\.agency)) })
        let listing = ReminderListing(reminders: reminders.send, timeZone: configuration.timeZone)
        switch format {
        case .json: print(listing.json().renderPretty())
        case .table:
            print(listing.table(), terminator: "")
            let count = reminders.send.count
            StandardError.print("\(count) reminder\(count == 1 ? "" : "s") from \(start) to \(end)")
        }
        for (reminder, reason) in reminders.suppressed {
            StandardError.print(
                "not sent: \(reminder.sendDate) \(reminder.agency) \(reminder.stage) \(reminder.occurrence.task.id)/\(reminder.occurrence.milestone.id): \(reason)"
            )
        }
    }
}
