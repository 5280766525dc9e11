/// Expands plans into dated occurrences on the working-day calendar.
package struct Schedule: Sendable {
    package let configuration: Configuration

    /// Days a due date can move when it falls on a day off (a 9-day Tết plus weekends fits easily).
    static let shiftMargin = 31

    package init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Filters for `occurrences(from:through:)`.
    package struct Filter: Sendable {
        package var plan: PlanID?
        /// Only milestones at least one of these agencies must act on (an agency, or the members of a group).
        package var agencies: Set<AgencyID>?
        package var includeUndated: Bool

        package init(plan: PlanID? = nil, agencies: Set<AgencyID>? = nil, includeUndated: Bool = false) {
            self.plan = plan
            self.agencies = agencies
            self.includeUndated = includeUndated
        }
    }

    /// Every occurrence whose effective due date lies in `from...through`, sorted by effective due date
    /// (then plan, task, milestone); undated items follow when the filter asks for them.
    package func occurrences(from: CivilDate, through: CivilDate, filter: Filter = Filter()) -> [Occurrence] {
        // Sort small index records, then build the occurrences: moving whole tasks and milestones around
        // during the sort would dominate the run time of a ten-year expansion.
        struct Entry {
            var due: CivilDate
            var nominal: CivilDate
            var plan: Int
            var task: Int
            var milestone: Int
            var isStart = false
        }
        var dated: [Entry] = []
        var undated: [Occurrence] = []
        let plans = configuration.plans
        for (planIndex, plan) in plans.enumerated() where filter.plan == nil || filter.plan == plan.id {
            for (taskIndex, task) in plan.tasks.enumerated() {
                for (milestoneIndex, milestone) in task.milestones.enumerated() {
                    if let agencies = filter.agencies, !milestone.assignees.contains(where: agencies.contains) {
                        continue
                    }
                    if let starts = milestone.starts {
                        let day = configuration.calendar.nextWorkingDay(onOrAfter: starts)
                        if day >= from && day <= through {
                            dated.append(
                                Entry(
                                    due: day, nominal: starts, plan: planIndex, task: taskIndex,
                                    milestone: milestoneIndex, isStart: true))
                        }
                    }
                    if milestone.due.isUndated {
                        if filter.includeUndated {
                            undated.append(
                                Occurrence(plan: plan.id, task: task, milestone: milestone, nominalDue: nil, due: nil))
                        }
                        continue
                    }
                    for nominal in nominalDates(of: milestone, in: plan, near: from...max(from, through)) {
                        let due = milestone.dayOffPolicy.effectiveDate(for: nominal, on: configuration.calendar)
                        if due >= from && due <= through {
                            dated.append(
                                Entry(
                                    due: due, nominal: nominal, plan: planIndex, task: taskIndex,
                                    milestone: milestoneIndex))
                        }
                    }
                }
            }
        }
        // One shared subject per milestone, made when its first occurrence is.
        var subjects: [Int: [Int: [Int: Occurrence.Subject]]] = [:]
        func subject(_ entry: Entry) -> Occurrence.Subject {
            if let known = subjects[entry.plan]?[entry.task]?[entry.milestone] { return known }
            let task = plans[entry.plan].tasks[entry.task]
            let made = Occurrence.Subject(task: task, milestone: task.milestones[entry.milestone])
            subjects[entry.plan, default: [:]][entry.task, default: [:]][entry.milestone] = made
            return made
        }
        func ids(_ entry: Entry) -> (String, String, String) {
            let task = plans[entry.plan].tasks[entry.task]
            return (plans[entry.plan].id.rawValue, task.id.rawValue, task.milestones[entry.milestone].id.rawValue)
        }
        dated.sort { lhs, rhs in
            if lhs.due != rhs.due { return lhs.due < rhs.due }
            if (lhs.plan, lhs.task, lhs.milestone) == (rhs.plan, rhs.task, rhs.milestone) {
                return (lhs.nominal, lhs.isStart ? 0 : 1) < (rhs.nominal, rhs.isStart ? 0 : 1)
            }
            return ids(lhs) < ids(rhs)
        }
        return dated.map { entry in
            Occurrence(
                plan: plans[entry.plan].id, subject: subject(entry), nominalDue: entry.nominal, due: entry.due,
                isStart: entry.isStart)
        } + undated
    }

    /// Nominal dates of a milestone within its plan period whose effective date could fall in `window`.
    package func nominalDates(
        of milestone: Milestone, in plan: Plan, near window: ClosedRange<CivilDate>
    ) -> [CivilDate] {
        let widened =
            window.lowerBound.adding(days: -Schedule.shiftMargin)...window.upperBound.adding(days: Schedule.shiftMargin)
        if case .recurring(let recurrence, let from, let until) = milestone.due {
            let lower = max(from ?? plan.period.lowerBound, plan.period.lowerBound, widened.lowerBound)
            let upper = min(until ?? plan.period.upperBound, plan.period.upperBound, widened.upperBound)
            guard lower <= upper else { return [] }
            return recurrence.dates(in: lower...upper)
        }
        guard let date = milestone.due.singleDate else { return [] }
        return plan.period.contains(date) && widened.contains(date) ? [date] : []
    }
}
