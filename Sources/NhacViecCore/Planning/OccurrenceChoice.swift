/// Which occurrence of a milestone `nhacviec done` means when none is named, and why: the earliest one the
/// agency has not reported that is still being reminded, not merely the one nearest to today.
package struct OccurrenceChoice: Sendable {
    /// Why this occurrence was chosen.
    package enum Reason: Sendable, Equatable {
        /// The earliest the agency has not reported whose reminders have not all gone out yet.
        case earliestOpen
        /// For `--undo`: the latest the agency has reported.
        case latestReported
        /// Nothing open (or nothing to undo): the one nearest to today.
        case nearest
    }

    package var occurrence: Occurrence
    package var reason: Reason

    /// - Parameters:
    ///   - occurrences: the milestone's dated occurrences in date order (`Schedule.occurrences(of:task:in:)`).
    ///   - reported: keys of the occurrences the agency has already reported.
    ///   - undo: choose what `--undo` most likely means instead.
    /// - Returns: nil when there are no occurrences.
    package init?(
        among occurrences: [Occurrence], of plan: Plan, planner: ReminderPlanner, reported: Set<String>,
        today: CivilDate, undo: Bool
    ) {
        if undo, let last = occurrences.last(where: { reported.contains($0.key) }) {
            (occurrence, reason) = (last, .latestReported)
            return
        }
        if !undo,
            let open = occurrences.first(where: {
                !reported.contains($0.key) && (planner.lastSendDate(of: $0, in: plan) ?? today) >= today
            })
        {
            (occurrence, reason) = (open, .earliestOpen)
            return
        }
        func distance(_ occurrence: Occurrence) -> Int { abs(occurrence.nominalDue?.days(to: today) ?? .max) }
        guard let nearest = occurrences.min(by: { distance($0) < distance($1) }) else { return nil }
        (occurrence, reason) = (nearest, .nearest)
    }
}

extension Schedule {
    /// Every dated occurrence of one milestone in its plan's period, in date order.
    package func occurrences(of milestone: Milestone, task: PlanTask, in plan: Plan) -> [Occurrence] {
        nominalDates(of: milestone, in: plan, near: plan.period).sorted().map { nominal in
            Occurrence(
                plan: plan.id, task: task, milestone: milestone, nominalDue: nominal,
                due: milestone.dayOffPolicy.effectiveDate(for: nominal, on: configuration.calendar))
        }
    }
}
