import NhacViecCore

extension MilestoneLookup {
    /// The nominal date of the occurrence: the one given (checked), or else the one `OccurrenceChoice` picks.
    ///
    /// - Parameter undo: pick among the occurrences `agency` has reported instead.
    func nominalDate(
        _ occurrence: CivilDate?, agency: AgencyID, undo: Bool, in configuration: Configuration
    ) async throws -> CivilDate? {
        switch milestone.due {
        case .onRequest(_, nil), .onEvent(_, nil): return nil
        default: break
        }
        let schedule = Schedule(configuration: configuration)
        let period = plan.period
        let dates = schedule.nominalDates(of: milestone, in: plan, near: period)
        if case .ongoing(let nudge) = milestone.due {
            let nudges = nudge?.dates(in: period) ?? []
            guard let occurrence else {
                let today = configuration.today
                return nudges.last { $0 <= today } ?? nudges.first
            }
            guard nudges.contains(occurrence) else {
                throw CommandFailure("\(occurrence) is not a date of this ongoing milestone's nudges")
            }
            return occurrence
        }
        guard !dates.isEmpty else { throw CommandFailure("this milestone has no dated occurrence") }
        if let occurrence {
            guard dates.contains(occurrence) else {
                let nearby = dates.sorted { abs($0.days(to: occurrence)) < abs($1.days(to: occurrence)) }.prefix(3)
                throw CommandFailure(
                    "\(occurrence) is not an occurrence of \(task.id)/\(milestone.id); nearest: \(nearby.map(\.iso8601).joined(separator: ", "))"
                )
            }
            return occurrence
        }
        let occurrences = schedule.occurrences(of: milestone, task: task, in: plan)
        let acknowledged = try await StateAccess.acknowledgements(
            configuration, occurrenceKeys: occurrences.map(\.key))
        let reported = Set(
            occurrences.map(\.key).filter { acknowledged[$0]?.contains { $0.agency == agency } ?? false })
        guard
            let choice = OccurrenceChoice(
                among: occurrences, of: plan, planner: ReminderPlanner(configuration: configuration),
                reported: reported, today: configuration.today, undo: undo),
            let date = choice.occurrence.nominalDue
        else { throw CommandFailure("this milestone has no dated occurrence") }
        let why =
            switch choice.reason {
            case .earliestOpen: "the earliest \(agency) has not reported that is still reminded"
            case .latestReported: "the latest \(agency) has reported"
            case .nearest: "the nearest to today"
            }
        print(
            "No --occurrence given: chose the one due \(date.vietnamese), \(why) (pass --occurrence to choose another)."
        )
        return date
    }
}
