/// One due date of one milestone: the nominal date the plan names and the effective working day.
public struct Occurrence: Sendable {
    public var plan: PlanID
    public var task: PlanTask
    public var milestone: Milestone
    /// The date as the rule gives it (nil for ongoing work and undated requests).
    public var nominalDue: CivilDate?
    /// The date after moving off weekends and holidays.
    public var due: CivilDate?

    public init(plan: PlanID, task: PlanTask, milestone: Milestone, nominalDue: CivilDate?, due: CivilDate?) {
        self.plan = plan
        self.task = task
        self.milestone = milestone
        self.nominalDue = nominalDue
        self.due = due
    }

    /// Stable identity of this occurrence, `plan:task:milestone:YYYY-MM-DD` (nominal date, or `undated`).
    public var key: String {
        reference.key
    }

    /// Plan, task, milestone and nominal date: enough to find this occurrence again after a reload.
    public var reference: OccurrenceReference {
        OccurrenceReference(plan: plan, task: task.id, milestone: milestone.id, nominalDue: nominalDue)
    }
}
