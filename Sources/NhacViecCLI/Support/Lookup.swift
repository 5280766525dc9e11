import NhacViecCore

/// Resolves ids given on the command line, with suggestions.
enum Lookup {
    /// One agency, for commands about what one agency reports or receives; a group is refused with its size.
    static func agency(_ id: String?, in configuration: Configuration) throws -> AgencyID? {
        guard let id else { return nil }
        let directory = configuration.directory
        if directory.agencies[AgencyID(id)] != nil { return AgencyID(id) }
        if directory.groups[GroupID(id)] != nil {
            let members = directory.members(of: GroupID(id))
            let some = members.prefix(3).map(\.rawValue).joined(separator: ", ")
            throw CommandFailure(
                "'\(id)' is a group of \(members.count) agenc\(members.count == 1 ? "y" : "ies"); name one"
                    + (members.isEmpty ? "" : " (\(some)\(members.count > 3 ? ", …" : ""))"))
        }
        throw unknownAgency(id, in: directory)
    }

    /// An agency, or every member of a group, for listings.
    static func agencies(_ id: String?, in configuration: Configuration) throws -> Set<AgencyID>? {
        guard let id else { return nil }
        let directory = configuration.directory
        if directory.agencies[AgencyID(id)] != nil { return [AgencyID(id)] }
        if directory.groups[GroupID(id)] != nil { return Set(directory.members(of: GroupID(id))) }
        throw unknownAgency(id, in: directory)
    }

    private static func unknownAgency(_ id: String, in directory: Directory) -> CommandFailure {
        let names = directory.agencies.keys.map(\.rawValue) + directory.groups.keys.map(\.rawValue)
        let hint = Suggestion.closest(to: id, in: names).map { " (did you mean '\($0)'?)" } ?? ""
        return CommandFailure("unknown agency '\(id)'\(hint)")
    }

    /// The plans that have a task `id`; an error with a suggestion when none has.
    static func plans(withTask id: String, in configuration: Configuration) throws -> [Plan] {
        let holding = configuration.plans.filter { $0.tasks.contains { $0.id.rawValue == id } }
        guard holding.isEmpty else { return holding }
        let tasks = configuration.plans.flatMap(\.tasks).map(\.id.rawValue)
        let hint = Suggestion.closest(to: id, in: tasks).map { " (did you mean '\($0)'?)" } ?? ""
        throw CommandFailure("no plan has a task '\(id)'\(hint)")
    }

    static func plan(_ id: String?, in configuration: Configuration) throws -> PlanID? {
        guard let id else { return nil }
        if configuration.plans.contains(where: { $0.id.rawValue == id }) { return PlanID(id) }
        let names = configuration.plans.map(\.id.rawValue)
        throw CommandFailure("unknown plan '\(id)'; plans: \(names.joined(separator: ", "))")
    }
}

/// Finds a plan, task and milestone named on the command line, with suggestions; the plan may be left out
/// when only one plan has the task.
struct MilestoneLookup {
    let plan: Plan
    let task: PlanTask
    let milestone: Milestone

    init(
        _ configuration: Configuration, plan planID: String?, task taskID: String, milestone milestoneID: String
    ) throws {
        let plans = configuration.plans
        let plan: Plan
        if let planID {
            guard let named = plans.first(where: { $0.id.rawValue == planID }) else {
                throw CommandFailure(
                    "unknown plan '\(planID)'; plans: \(plans.map(\.id.rawValue).joined(separator: ", "))")
            }
            plan = named
        } else {
            let holding = try Lookup.plans(withTask: taskID, in: configuration)
            guard holding.count == 1 else {
                throw CommandFailure(
                    "task '\(taskID)' is in several plans; choose one with --plan (\(holding.map(\.id.rawValue).joined(separator: ", ")))"
                )
            }
            plan = holding[0]
        }
        guard let task = plan.tasks.first(where: { $0.id.rawValue == taskID }) else {
            let hint =
                Suggestion.closest(to: taskID, in: plan.tasks.map(\.id.rawValue)).map { " (did you mean '\($0)'?)" }
                ?? ""
            throw CommandFailure("plan \(plan.id) has no task '\(taskID)'\(hint)")
        }
        guard let milestone = task.milestones.first(where: { $0.id.rawValue == milestoneID }) else {
            throw CommandFailure(
                "task \(task.id) has no milestone '\(milestoneID)'; its milestones: \(task.milestones.map(\.id.rawValue).joined(separator: ", "))"
            )
        }
        self.plan = plan
        self.task = task
        self.milestone = milestone
    }
}
