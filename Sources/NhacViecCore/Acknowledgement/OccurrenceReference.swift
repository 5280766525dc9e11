/// Names one occurrence by plan, task, milestone and nominal date, as stored with a token or an acknowledgement,
/// and finds it again in a (possibly reloaded) configuration.
package struct OccurrenceReference: Sendable, Hashable {
    package var plan: PlanID
    package var task: TaskID
    package var milestone: MilestoneID
    /// The date the plan names; nil for ongoing work and undated requests.
    package var nominalDue: CivilDate?

    package init(plan: PlanID, task: TaskID, milestone: MilestoneID, nominalDue: CivilDate?) {
        self.plan = plan
        self.task = task
        self.milestone = milestone
        self.nominalDue = nominalDue
    }

    /// The stable key, `plan:task:milestone:YYYY-MM-DD` (nominal date, or `undated`): the one spelling of
    /// ``Occurrence/key``, kept in the ledger.
    package var key: String {
        "\(plan):\(task):\(milestone):\(nominalDue?.iso8601 ?? "undated")"
    }

    /// Reads an ``Occurrence/key`` (`plan:task:milestone:YYYY-MM-DD` or `…:undated`); ids never contain ':'.
    package init?(key: String) {
        let parts = key.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, !parts[0].isEmpty, !parts[1].isEmpty, !parts[2].isEmpty else { return nil }
        let nominal: CivilDate?
        if parts[3] == "undated" {
            nominal = nil
        } else {
            guard let date = CivilDate(parsing: parts[3]) else { return nil }
            nominal = date
        }
        self.init(plan: PlanID(parts[0]), task: TaskID(parts[1]), milestone: MilestoneID(parts[2]), nominalDue: nominal)
    }

    /// The occurrence in `configuration`, with its effective due date; nil when the plan, task or milestone is gone.
    package func resolve(in configuration: Configuration) -> Occurrence? {
        guard let plan = configuration.plans.first(where: { $0.id == self.plan }),
            let task = plan.tasks.first(where: { $0.id == self.task }),
            let milestone = task.milestones.first(where: { $0.id == self.milestone })
        else { return nil }
        let due = nominalDue.map { milestone.dayOffPolicy.effectiveDate(for: $0, on: configuration.calendar) }
        return Occurrence(plan: plan.id, task: task, milestone: milestone, nominalDue: nominalDue, due: due)
    }
}
