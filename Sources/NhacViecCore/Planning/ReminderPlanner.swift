/// Computes which reminders the policy sends, and when, for every occurrence (pure; the service adds state).
public struct ReminderPlanner: Sendable {
    public let configuration: Configuration
    private let schedule: Schedule

    public init(configuration: Configuration) {
        self.configuration = configuration
        self.schedule = Schedule(configuration: configuration)
    }

    /// Every reminder whose send date lies in `from...through`, sorted by send date, agency and key.
    public func reminders(from: CivilDate, through: CivilDate, agency: AgencyID? = nil) -> [PlannedReminder] {
        guard from <= through else { return [] }
        var result: [PlannedReminder] = []
        let calendar = configuration.calendar
        for plan in configuration.plans {
            for task in plan.tasks {
                for milestone in task.milestones {
                    let policy = milestone.reminders
                    let ahead = (policy.before.max() ?? 0) * 2 + 14
                    let behind = max(policy.overdueEvery * policy.overdueMax, policy.escalateAfter ?? 0) * 2 + 14
                    let window = from.adding(days: -behind)...through.adding(days: ahead)
                    for nominal in schedule.nominalDates(of: milestone, in: plan, near: window) {
                        let due = milestone.dayOffPolicy.effectiveDate(for: nominal, on: calendar)
                        let occurrence = Occurrence(
                            plan: plan.id, task: task, milestone: milestone, nominalDue: nominal, due: due)
                        result.append(
                            contentsOf: reminders(for: occurrence, plan: plan, sentIn: from...through, agency: agency))
                    }
                    if case .ongoing(let nudge?) = milestone.due {
                        let lower = max(from, plan.period.lowerBound)
                        let upper = min(through.adding(days: Schedule.shiftMargin), plan.period.upperBound)
                        guard lower <= upper else { continue }
                        for date in nudge.dates(in: lower...upper) {
                            let send = calendar.previousWorkingDay(onOrBefore: date)
                            guard send >= from, send <= through, send >= plan.period.lowerBound else { continue }
                            let occurrence = Occurrence(
                                plan: plan.id, task: task, milestone: milestone, nominalDue: date, due: nil)
                            for assignee in milestone.assignees where agency == nil || agency == assignee {
                                result.append(
                                    PlannedReminder(
                                        occurrence: occurrence, agency: assignee, kind: .nudge, stage: "nudge",
                                        sendDate: send,
                                        sendAt: policy.sendAt, workingDaysLeft: nil, overdueAgencies: []))
                            }
                        }
                    }
                }
            }
        }
        result.sort { lhs, rhs in
            (lhs.sendDate, lhs.agency.rawValue, lhs.key) < (rhs.sendDate, rhs.agency.rawValue, rhs.key)
        }
        return result
    }

    /// The reminders of one dated occurrence, before and after its due date; none before the plan starts.
    ///
    /// - Parameters:
    ///   - window: only reminders sent on these days (stages outside it are never expanded to agencies).
    ///   - agency: only reminders to this agency.
    public func reminders(
        for occurrence: Occurrence, plan: Plan, sentIn window: ClosedRange<CivilDate>? = nil,
        agency only: AgencyID? = nil
    ) -> [PlannedReminder] {
        guard let due = occurrence.due else { return [] }
        let calendar = configuration.calendar
        let milestone = occurrence.milestone
        let policy = milestone.reminders
        let dueSend = calendar.previousWorkingDay(onOrBefore: due)
        var stages: [(ReminderKind, String, CivilDate)] = []
        for days in policy.before.sorted(by: >) {
            stages.append((.before, "before-\(days)", calendar.adding(workingDays: -days, to: dueSend)))
        }
        if policy.onDueDate { stages.append((.due, "due", dueSend)) }
        if policy.overdueEvery > 0 {
            for index in 0..<policy.overdueMax {
                stages.append(
                    (
                        .overdue, "overdue-\(index + 1)",
                        calendar.adding(workingDays: (index + 1) * policy.overdueEvery, to: dueSend)
                    ))
            }
        }
        let start = plan.issued.map { max($0, plan.period.lowerBound) } ?? plan.period.lowerBound
        var result: [PlannedReminder] = []
        func wanted(_ date: CivilDate) -> Bool {
            date >= start && (window?.contains(date) ?? true)
        }
        let assignees = only.map { milestone.assignees.contains($0) ? [$0] : [] } ?? milestone.assignees
        for (kind, stage, date) in stages where wanted(date) {
            let left = calendar.workingDays(from: date, to: dueSend)
            for agency in assignees {
                result.append(
                    PlannedReminder(
                        occurrence: occurrence, agency: agency, kind: kind, stage: stage, sendDate: date,
                        sendAt: policy.sendAt, workingDaysLeft: left, overdueAgencies: []))
            }
        }
        if let after = policy.escalateAfter, let supervisor = policy.escalateTo, only == nil || only == supervisor {
            let date = calendar.adding(workingDays: after, to: dueSend)
            if wanted(date) {
                result.append(
                    PlannedReminder(
                        occurrence: occurrence, agency: supervisor, kind: .escalation, stage: "escalation",
                        sendDate: date,
                        sendAt: policy.sendAt, workingDaysLeft: calendar.workingDays(from: date, to: dueSend),
                        overdueAgencies: milestone.assignees))
            }
        }
        return result
    }
}
