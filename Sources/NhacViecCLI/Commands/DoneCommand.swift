import ArgumentParser
import Foundation
import NhacViecConfigFiles
import NhacViecCore
import NhacViecStore

/// `nhacviec done`: records that an agency delivered a milestone, which stops its reminders for that occurrence.
struct DoneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "done",
        abstract: "Record that an agency has delivered, so it is no longer reminded.",
        discussion: """
            The occurrence is the milestone's nominal due date (as the plan states it); by default the earliest one the agency has not reported that is still being reminded (the choice is printed). --plan is needed only when several plans have the task. When every assigned agency is done, the occurrence is complete and the supervising office is not told about it. The running service picks this up at its next pass; no reload is needed.

            Examples:
              nhacviec done --task 1.2.a --milestone gui-vp --agency so-tu-phap
              nhacviec done --task 1.2.a --milestone gui-vp --agency so-tu-phap \\
                  --occurrence 2026-06-15 --note "Công văn 123/STP"
              nhacviec done --task 1.2.a --milestone gui-vp --agency so-tu-phap \\
                  --occurrence 2026-06-15 --undo
            """
    )

    @OptionGroup var options: ConfigOptions
    @Option(help: ArgumentHelp("The plan (needed when several plans have the task).", valueName: "id"))
    var plan: String?
    @Option(help: ArgumentHelp("The task, e.g. 1.2.a.", valueName: "id"))
    var task: String
    @Option(help: ArgumentHelp("The milestone, e.g. gui-vp.", valueName: "id"))
    var milestone: String
    @Option(help: ArgumentHelp("The agency that delivered.", valueName: "id"))
    var agency: String
    @Option(
        help: ArgumentHelp(
            "The nominal due date of the occurrence (default: the earliest not reported and still reminded).",
            valueName: "date"), transform: CivilDate.argument)
    var occurrence: CivilDate?
    @Option(help: "A note, e.g. the number of the document sent.")
    var note: String?
    @Flag(help: "Remove the record instead.")
    var undo = false

    func run() async throws {
        let configuration = try options.load().configuration
        let lookup = try MilestoneLookup(configuration, plan: plan, task: task, milestone: milestone)
        guard let agencyID = try Lookup.agency(agency, in: configuration) else { return }
        guard lookup.milestone.assignees.contains(agencyID) else {
            throw CommandFailure(
                "\(agencyID) is not assigned to \(lookup.task.id)/\(lookup.milestone.id); assigned: \(lookup.milestone.assignees.map(\.rawValue).joined(separator: ", "))"
            )
        }
        let nominal = try await resolveOccurrence(configuration, lookup, agency: agencyID)
        let key = Occurrence(
            plan: lookup.plan.id, task: lookup.task, milestone: lookup.milestone, nominalDue: nominal, due: nil
        ).key
        guard let ledger = try StateAccess.ledger(configuration, create: true) else { return }
        let now = Date()
        let label =
            "\(lookup.plan.id) \(lookup.task.id)/\(lookup.milestone.id)"
            + (nominal.map { " due \($0.vietnamese)" } ?? "")
        if undo {
            let removed = try await ledger.undoAcknowledgement(occurrenceKey: key, agency: agencyID)
            print(
                removed
                    ? "Removed: \(agencyID) is again expected to deliver \(label)"
                    : "Nothing to undo: \(agencyID) had not reported \(label)")
        } else {
            let added = try await ledger.acknowledge(occurrenceKey: key, agency: agencyID, note: note, now: now)
            print(
                added ? "Recorded: \(agencyID) delivered \(label)" : "Already recorded: \(agencyID) delivered \(label)")
        }
        let done = try await ledger.acknowledgedAgencies(occurrenceKeys: [key])[key] ?? []
        let total = lookup.milestone.assignees.count
        print(
            done.count == total
                ? "The occurrence is complete: all \(total) agencies have delivered."
                : "\(done.count) of \(total) agencies have delivered.")
    }

    /// The nominal date of the occurrence: the one given (checked), or else the one `OccurrenceChoice` picks.
    private func resolveOccurrence(
        _ configuration: Configuration, _ lookup: MilestoneLookup, agency: AgencyID
    ) async throws -> CivilDate? {
        if lookup.milestone.due.isUndated, case .onRequest = lookup.milestone.due { return nil }
        let schedule = Schedule(configuration: configuration)
        let period = lookup.plan.period
        let dates = schedule.nominalDates(of: lookup.milestone, in: lookup.plan, near: period)
        if case .ongoing(let nudge) = lookup.milestone.due {
            let nudges = nudge?.dates(in: period) ?? []
            guard let occurrence else {
                let today = configuration.today
                return nudges.last { $0 <= today } ?? nudges.first
            }
            guard nudges.contains(occurrence) else {
                throw CommandFailure("\(occurrence) is not a date of this ongoing milestone's nudges")
            }
            return occurrence
        }
        guard !dates.isEmpty else { throw CommandFailure("this milestone has no dated occurrence") }
        if let occurrence {
            guard dates.contains(occurrence) else {
                let nearby = dates.sorted { abs($0.days(to: occurrence)) < abs($1.days(to: occurrence)) }.prefix(3)
                throw CommandFailure(
                    "\(occurrence) is not an occurrence of \(lookup.task.id)/\(lookup.milestone.id); nearest: \(nearby.map(\.iso8601).joined(separator: ", "))"
                )
            }
            return occurrence
        }
        let occurrences = schedule.occurrences(of: lookup.milestone, task: lookup.task, in: lookup.plan)
        let acknowledged = try await StateAccess.acknowledgements(
            configuration, occurrenceKeys: occurrences.map(\.key))
        let reported = Set(occurrences.map(\.key).filter { acknowledged[$0]?.contains(agency) ?? false })
        guard
            let choice = OccurrenceChoice(
                among: occurrences, of: lookup.plan, planner: ReminderPlanner(configuration: configuration),
                reported: reported, today: configuration.today, undo: undo),
            let date = choice.occurrence.nominalDue
        else { throw CommandFailure("this milestone has no dated occurrence") }
        let why =
            switch choice.reason {
            case .earliestOpen: "the earliest \(agency) has not reported that is still reminded"
            case .latestReported: "the latest \(agency) has reported"
            case .nearest: "the nearest to today"
            }
        print(
            "No --occurrence given: chose the one due \(date.vietnamese), \(why) (pass --occurrence to choose another)."
        )
        return date
    }
}
