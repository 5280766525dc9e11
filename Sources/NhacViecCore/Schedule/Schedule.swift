/// Expands plans into dated occurrences on the working-day calendar.
public struct Schedule: Sendable {
    public let configuration: Configuration

    /// Days a due date can move when it falls on a day off (a 9-day Tết plus weekends fits easily).
    static let shiftMargin = 31

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Filters for `occurrences(from:through:)`.
    public struct Filter: Sendable {
        public var plan: PlanID?
        public var agency: AgencyID?
        public var includeUndated: Bool

        public init(plan: PlanID? = nil, agency: AgencyID? = nil, includeUndated: Bool = false) {
            self.plan = plan
            self.agency = agency
            self.includeUndated = includeUndated
        }
    }

    /// Every occurrence whose effective due date lies in `from...through`, sorted by effective due date
    /// (then plan, task, milestone); undated items follow when the filter asks for them.
    public func occurrences(from: CivilDate, through: CivilDate, filter: Filter = Filter()) -> [Occurrence] {
        var dated: [Occurrence] = []
        var undated: [Occurrence] = []
        for plan in configuration.plans where filter.plan == nil || filter.plan == plan.id {
            for task in plan.tasks {
                for milestone in task.milestones {
                    if let agency = filter.agency, !milestone.assignees.contains(agency) { continue }
                    if milestone.due.isUndated {
                        if filter.includeUndated {
                            undated.append(Occurrence(plan: plan.id, task: task, milestone: milestone, nominalDue: nil, due: nil))
                        }
                        continue
                    }
                    for nominal in nominalDates(of: milestone, in: plan, near: from...max(from, through)) {
                        let due = milestone.dayOffPolicy.effectiveDate(for: nominal, on: configuration.calendar)
                        if due >= from && due <= through {
                            dated.append(Occurrence(plan: plan.id, task: task, milestone: milestone, nominalDue: nominal, due: due))
                        }
                    }
                }
            }
        }
        dated.sort { lhs, rhs in
            if lhs.due != rhs.due { return lhs.due! < rhs.due! }
            return (lhs.plan.rawValue, lhs.task.id.rawValue, lhs.milestone.id.rawValue)
                < (rhs.plan.rawValue, rhs.task.id.rawValue, rhs.milestone.id.rawValue)
        }
        return dated + undated
    }

    /// Nominal dates of a milestone within its plan period whose effective date could fall in `window`.
    func nominalDates(of milestone: Milestone, in plan: Plan, near window: ClosedRange<CivilDate>) -> [CivilDate] {
        let widened = window.lowerBound.adding(days: -Schedule.shiftMargin)...window.upperBound.adding(days: Schedule.shiftMargin)
        switch milestone.due {
        case .once(let date), .onRequest(_, let date?):
            return plan.period.contains(date) && widened.contains(date) ? [date] : []
        case .recurring(let recurrence, let from, let until):
            let lower = max(from ?? plan.period.lowerBound, plan.period.lowerBound, widened.lowerBound)
            let upper = min(until ?? plan.period.upperBound, plan.period.upperBound, widened.upperBound)
            guard lower <= upper else { return [] }
            return recurrence.dates(in: lower...upper)
        case .ongoing, .onRequest(_, nil):
            return []
        }
    }
}
