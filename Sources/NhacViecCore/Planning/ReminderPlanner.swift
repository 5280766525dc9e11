package import Foundation

/// Computes which reminders the policy sends, and when, for every occurrence (pure; the service adds state).
package struct ReminderPlanner: Sendable {
    package let configuration: Configuration
    private let schedule: Schedule

    package init(configuration: Configuration) {
        self.configuration = configuration
        self.schedule = Schedule(configuration: configuration)
    }

    /// One send of one occurrence, before it is addressed to each of its recipients.
    private struct Slot {
        var occurrence: Occurrence
        var kind: ReminderKind
        var stage: String
        var date: CivilDate
        var sendAt: TimeOfDay
        var workingDaysLeft: Int?
        var recipients: [AgencyID]
        var overdueAgencies: [AgencyID]
    }

    /// Every reminder whose send date lies in `from...through`, sorted by send date, agency and key.
    package func reminders(from: CivilDate, through: CivilDate, agency: AgencyID? = nil) -> [PlannedReminder] {
        var result: [PlannedReminder] = []
        forEachSlot(from: from, through: through) { slot in
            for recipient in slot.recipients where agency == nil || agency == recipient {
                result.append(
                    PlannedReminder(
                        occurrence: slot.occurrence, agency: recipient, kind: slot.kind, stage: slot.stage,
                        sendDate: slot.date, sendAt: slot.sendAt, workingDaysLeft: slot.workingDaysLeft,
                        overdueAgencies: slot.overdueAgencies))
            }
        }
        // Build each key once: comparing keys built on the fly dominated a national-scale pass.
        return result.map { (key: $0.key, reminder: $0) }
            .sorted { lhs, rhs in
                (lhs.reminder.sendDate, lhs.reminder.agency.rawValue, lhs.key)
                    < (rhs.reminder.sendDate, rhs.reminder.agency.rawValue, rhs.key)
            }
            .map(\.reminder)
    }

    /// The first instant after `now` at which any reminder is planned, looking at most `horizonDays` ahead;
    /// nil when nothing is planned. Nothing is addressed to agencies, so this stays cheap at national scale.
    package func nextSend(after now: Date, horizonDays: Int = 800) -> Date? {
        let localTime = LocalTime(identifier: configuration.timeZone)
        let today = localTime.civilDate(of: now)
        var start = today
        for span in [7, 60, horizonDays] where start <= today.adding(days: span) {
            var earliest: Date?
            forEachSlot(from: start, through: today.adding(days: span)) { slot in
                guard !slot.recipients.isEmpty else { return }
                let instant = localTime.instant(of: slot.date, at: slot.sendAt).date
                if instant > now, instant < earliest ?? .distantFuture { earliest = instant }
            }
            if let earliest { return earliest }
            start = today.adding(days: span + 1)
        }
        return nil
    }

    /// The last day anything is sent about a dated occurrence (its last overdue reminder or its escalation,
    /// at least its due date); nil for an undated one.
    package func lastSendDate(of occurrence: Occurrence, in plan: Plan) -> CivilDate? {
        guard let due = occurrence.due else { return nil }
        var last = due
        slots(of: occurrence, plan: plan, sentIn: due.adding(days: -3650)...due.adding(days: 3650)) {
            last = max(last, $0.date)
        }
        return last
    }

    /// Calls `body` for every send of every occurrence whose send date lies in `from...through`.
    private func forEachSlot(from: CivilDate, through: CivilDate, _ body: (Slot) -> Void) {
        guard from <= through else { return }
        let calendar = configuration.calendar
        for plan in configuration.plans {
            for task in plan.tasks {
                for milestone in task.milestones {
                    let policy = milestone.reminders
                    let subject = Occurrence.Subject(task: task, milestone: milestone)
                    let ahead = (policy.before.max() ?? 0) * 2 + 14
                    let behind = max(policy.overdueEvery * policy.overdueMax, policy.escalateAfter ?? 0) * 2 + 14
                    let window = from.adding(days: -behind)...through.adding(days: ahead)
                    for nominal in schedule.nominalDates(of: milestone, in: plan, near: window) {
                        let due = milestone.dayOffPolicy.effectiveDate(for: nominal, on: calendar)
                        let occurrence = Occurrence(plan: plan.id, subject: subject, nominalDue: nominal, due: due)
                        slots(of: occurrence, plan: plan, sentIn: from...through, body)
                    }
                    if let start = startNotice(of: subject, plan: plan), start.date >= from,
                        start.date <= through
                    {
                        body(start)
                    }
                    if case .ongoing(let nudge?) = milestone.due {
                        let lower = max(from, plan.period.lowerBound)
                        let upper = min(through.adding(days: Schedule.shiftMargin), plan.period.upperBound)
                        guard lower <= upper else { continue }
                        for date in nudge.dates(in: lower...upper) {
                            let send = calendar.previousWorkingDay(onOrBefore: date)
                            guard send >= from, send <= through, send >= plan.period.lowerBound else { continue }
                            let occurrence = Occurrence(plan: plan.id, subject: subject, nominalDue: date, due: nil)
                            body(
                                Slot(
                                    occurrence: occurrence, kind: .nudge, stage: "nudge", date: send,
                                    sendAt: policy.sendAt, workingDaysLeft: nil, recipients: milestone.assignees,
                                    overdueAgencies: []))
                        }
                    }
                }
            }
        }
    }

    /// The "bắt đầu thực hiện" notice of a milestone with `starts:`, on the working day of its start, about its
    /// first deadline on or after the start (the start itself for ongoing work).
    private func startNotice(of subject: Occurrence.Subject, plan: Plan) -> Slot? {
        let milestone = subject.milestone
        guard let starts = milestone.starts else { return nil }
        let calendar = configuration.calendar
        let send = calendar.nextWorkingDay(onOrAfter: starts)
        let first = schedule.nominalDates(of: milestone, in: plan, near: starts...plan.period.upperBound)
            .first { $0 >= starts }
        let due = first.map { milestone.dayOffPolicy.effectiveDate(for: $0, on: calendar) }
        let occurrence = Occurrence(plan: plan.id, subject: subject, nominalDue: first ?? starts, due: due)
        return Slot(
            occurrence: occurrence, kind: .start, stage: "start", date: send, sendAt: milestone.reminders.sendAt,
            workingDaysLeft: due.map { calendar.workingDays(from: send, to: $0) }, recipients: milestone.assignees,
            overdueAgencies: [])
    }

    /// The sends of one dated occurrence inside `window`, before and after its due date; none before the plan
    /// starts.
    private func slots(
        of occurrence: Occurrence, plan: Plan, sentIn window: ClosedRange<CivilDate>, _ body: (Slot) -> Void
    ) {
        guard let due = occurrence.due else { return }
        let calendar = configuration.calendar
        let milestone = occurrence.milestone
        let policy = milestone.reminders
        let dueSend = calendar.previousWorkingDay(onOrBefore: due)
        let start = plan.issued.map { max($0, plan.period.lowerBound) } ?? plan.period.lowerBound
        func send(
            _ kind: ReminderKind, _ stage: String, _ date: CivilDate, to recipients: [AgencyID],
            about overdue: [AgencyID] = []
        ) {
            guard date >= start, window.contains(date) else { return }
            body(
                Slot(
                    occurrence: occurrence, kind: kind, stage: stage, date: date, sendAt: policy.sendAt,
                    workingDaysLeft: calendar.workingDays(from: date, to: dueSend), recipients: recipients,
                    overdueAgencies: overdue))
        }
        for days in policy.before.sorted(by: >) {
            send(.before, "before-\(days)", calendar.adding(workingDays: -days, to: dueSend), to: milestone.assignees)
        }
        if policy.onDueDate { send(.due, "due", dueSend, to: milestone.assignees) }
        if policy.overdueEvery > 0 {
            for index in 0..<policy.overdueMax {
                let date = calendar.adding(workingDays: (index + 1) * policy.overdueEvery, to: dueSend)
                send(.overdue, "overdue-\(index + 1)", date, to: milestone.assignees)
            }
        }
        if let after = policy.escalateAfter, let supervisor = policy.escalateTo {
            let date = calendar.adding(workingDays: after, to: dueSend)
            send(.escalation, "escalation", date, to: [supervisor], about: milestone.assignees)
        }
    }
}
