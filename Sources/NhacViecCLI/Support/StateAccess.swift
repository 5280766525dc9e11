import ArgumentParser
import Foundation
import NhacViecCore
import NhacViecStore

/// Opens the delivery ledger of a configuration for the admin commands.
enum StateAccess {
    static func ledgerPath(_ configuration: Configuration) -> String {
        configuration.stateDirectory + "/state.sqlite"
    }

    /// The ledger, creating it when `create` (commands that record something) or nil when it does not exist yet.
    static func ledger(_ configuration: Configuration, create: Bool) throws -> Ledger? {
        let path = ledgerPath(configuration)
        if !create && !FileManager.default.fileExists(atPath: path) { return nil }
        do {
            return try Ledger(path: path)
        } catch {
            StandardError.print("nhacviec: \(error)")
            throw ExitCode(1)
        }
    }
}

/// Finds a plan, task and milestone named on the command line, with suggestions.
struct MilestoneLookup {
    let plan: Plan
    let task: PlanTask
    let milestone: Milestone

    init(
        _ configuration: Configuration, plan planID: String?, task taskID: String, milestone milestoneID: String
    ) throws {
        let plans = configuration.plans
        guard
            let plan = planID.map({ id in plans.first { $0.id.rawValue == id } })
                ?? (plans.count == 1 ? plans.first : nil)
        else {
            throw CommandFailure(
                planID.map { "unknown plan '\($0)'; plans: \(plans.map(\.id.rawValue).joined(separator: ", "))" }
                    ?? "there are several plans; choose one with --plan (\(plans.map(\.id.rawValue).joined(separator: ", ")))"
            )
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
