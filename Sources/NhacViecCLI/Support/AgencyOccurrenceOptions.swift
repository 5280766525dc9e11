import ArgumentParser
import NhacViecCore

/// `--plan --task --milestone --agency --occurrence`: one agency's part of one occurrence, as `done` and `link` name it.
struct AgencyOccurrenceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The plan (needed when several plans have the task).", valueName: "id"))
    var plan: String?
    @Option(help: ArgumentHelp("The task, e.g. 1.2.a.", valueName: "id"))
    var task: String
    @Option(help: ArgumentHelp("The milestone, e.g. gui-vp.", valueName: "id"))
    var milestone: String
    @Option(help: ArgumentHelp("The agency, one of those assigned to the milestone.", valueName: "id"))
    var agency: String
    @Option(
        help: ArgumentHelp(
            "The nominal due date of the occurrence (default: the earliest not reported and still reminded).",
            valueName: "date"), transform: CivilDate.argument)
    var occurrence: CivilDate?

    /// The milestone, the agency (checked to be assigned to it) and the occurrence's nominal date; nil when the agency
    /// is unknown (already reported).
    ///
    /// - Parameter undo: without `--occurrence`, pick the latest occurrence the agency reported.
    func resolve(
        in configuration: Configuration, undo: Bool = false
    ) async throws -> (
        lookup: MilestoneLookup, agency: AgencyID, nominal: CivilDate?
    )? {
        let lookup = try MilestoneLookup(configuration, plan: plan, task: task, milestone: milestone)
        guard let agencyID = try Lookup.agency(agency, in: configuration) else { return nil }
        guard lookup.milestone.assignees.contains(agencyID) else {
            throw CommandFailure(
                "\(agencyID) is not assigned to \(lookup.task.id)/\(lookup.milestone.id); assigned: \(lookup.milestone.assignees.map(\.rawValue).joined(separator: ", "))"
            )
        }
        return (
            lookup, agencyID,
            try await lookup.nominalDate(occurrence, agency: agencyID, undo: undo, in: configuration)
        )
    }
}
