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
    @OptionGroup var target: AgencyOccurrenceOptions
    @Option(help: "A note, e.g. the number of the document sent.")
    var note: String?
    @Flag(help: "Remove the record instead.")
    var undo = false

    func run() async throws {
        let configuration = try options.load().configuration
        guard let (lookup, agencyID, nominal) = try await target.resolve(in: configuration, undo: undo) else { return }
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
}
