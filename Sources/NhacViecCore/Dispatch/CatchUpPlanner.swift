package import Foundation

/// Decides, at one instant, which planned reminders become deliveries and which are recorded as skipped.
///
/// Rules (issue 5): a reminder whose send time has come is sent; after downtime, one whose send time passed
/// within `catch_up_days` is sent now, but only the latest stage of each occurrence and agency (no burst of
/// the 7-, 3- and 1-day warnings together); older ones, superseded ones and those for agencies that already
/// reported are recorded `skipped`, so a fresh install never mails last year's reminders.
package struct CatchUpPlanner: Sendable {
    /// A decision for one reminder that has no ledger row yet.
    package enum Decision: Sendable {
        case send(PlannedReminder)
        case skip(PlannedReminder, reason: String)
    }

    package let configuration: Configuration
    /// Days before today that are still looked at, to record old reminders as skipped.
    package let lookbackDays: Int

    /// - Parameter lookbackDays: by default a week beyond the largest `catch_up_days`, so a restart after a
    ///   short outage records what it skipped without re-reading a month of a national-scale plan.
    package init(configuration: Configuration, lookbackDays: Int? = nil) {
        self.configuration = configuration
        let catchUp = configuration.plans.lazy.flatMap(\.tasks).flatMap(\.milestones).map(\.reminders.catchUpDays).max()
        self.lookbackDays = lookbackDays ?? (max(catchUp ?? 0, configuration.reminders.catchUpDays) + 7)
    }

    /// Decisions for every reminder planned from `lookbackDays` ago up to `now` that is not yet in the ledger.
    ///
    /// - Parameters:
    ///   - now: the instant of this pass.
    ///   - isRecorded: whether the ledger already has a row for a reminder key.
    ///   - acknowledged: for each occurrence key, the agencies that reported it done.
    package func decisions(
        now: Date, isRecorded: (String) -> Bool, acknowledged: [String: Set<AgencyID>]
    ) -> [Decision] {
        decisions(for: candidates(now: now), now: now, isRecorded: isRecorded, acknowledged: acknowledged)
    }

    /// Every reminder planned from `lookbackDays` ago whose send time is not after `now`.
    package func candidates(now: Date) -> [PlannedReminder] {
        let localTime = LocalTime(identifier: configuration.timeZone)
        let today = localTime.civilDate(of: now)
        return ReminderPlanner(configuration: configuration).reminders(
            from: today.adding(days: -lookbackDays), through: today
        )
        .filter { localTime.instant(of: $0.sendDate, at: $0.sendAt).date <= now }
    }

    /// Decisions for the `candidates` that are not yet recorded.
    package func decisions(
        for candidates: [PlannedReminder], now: Date, isRecorded: (String) -> Bool,
        acknowledged: [String: Set<AgencyID>]
    ) -> [Decision] {
        let today = LocalTime(identifier: configuration.timeZone).civilDate(of: now)
        let candidates = candidates.filter { !isRecorded($0.key) }
        // The latest stage of each occurrence and recipient; escalations are a thread of their own.
        func thread(_ reminder: PlannedReminder) -> String {
            "\(reminder.occurrence.key)|\(reminder.agency)|\(reminder.kind == .escalation)"
        }
        var latest: [String: PlannedReminder] = [:]
        for reminder in candidates {
            if let current = latest[thread(reminder)], current.sendDate >= reminder.sendDate { continue }
            latest[thread(reminder)] = reminder
        }
        return candidates.map { reminder in
            switch reminder.remaining(after: acknowledged[reminder.occurrence.key] ?? []) {
            case .skip(let reason):
                return .skip(reminder, reason: reason)
            case .send(let pending):
                let catchUp = reminder.occurrence.milestone.reminders.catchUpDays
                if reminder.sendDate < today.adding(days: -catchUp) {
                    return .skip(reminder, reason: "missed by more than catch_up_days (\(catchUp))")
                }
                if latest[thread(reminder)]?.key != reminder.key {
                    return .skip(reminder, reason: "superseded by a later reminder of the same deadline")
                }
                return .send(pending)
            }
        }
    }
}
