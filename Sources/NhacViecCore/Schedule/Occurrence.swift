/// One due date of one milestone: the nominal date the plan names and the effective working day.
package struct Occurrence: Sendable {
    package var plan: PlanID
    package var task: PlanTask
    package var milestone: Milestone
    /// The date as the rule gives it (nil for ongoing work and undated requests).
    package var nominalDue: CivilDate?
    /// The date after moving off weekends and holidays.
    package var due: CivilDate?

    package init(plan: PlanID, task: PlanTask, milestone: Milestone, nominalDue: CivilDate?, due: CivilDate?) {
        self.plan = plan
        self.task = task
        self.milestone = milestone
        self.nominalDue = nominalDue
        self.due = due
    }

    /// Stable identity of this occurrence, `plan:task:milestone:YYYY-MM-DD` (nominal date, or `undated`).
    package var key: String {
        reference.key
    }

    /// Plan, task, milestone and nominal date: enough to find this occurrence again after a reload.
    package var reference: OccurrenceReference {
        OccurrenceReference(plan: plan, task: task.id, milestone: milestone.id, nominalDue: nominalDue)
    }
}
