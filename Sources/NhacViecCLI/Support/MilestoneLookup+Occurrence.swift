import NhacViecCore

extension MilestoneLookup {
    /// The nominal date of the occurrence: the one given (checked), or the nearest to today.
    func nominalDate(_ occurrence: CivilDate?, in configuration: Configuration) throws -> CivilDate? {
        if milestone.due.isUndated, case .onRequest = milestone.due { return nil }
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
        let today = configuration.today
        return dates.min { abs($0.days(to: today)) < abs($1.days(to: today)) }
    }
}
