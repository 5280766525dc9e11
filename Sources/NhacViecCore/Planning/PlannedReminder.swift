/// What kind of reminder: a warning before the due date, on it, after it, to the supervisor, a nudge for ongoing
/// work, or the "bắt đầu thực hiện" notice on a milestone's start day.
package enum ReminderKind: String, Sendable, Hashable, CaseIterable {
    case before, due, overdue, escalation, nudge, start
}

/// One reminder the policy schedules: to whom, when, about which occurrence.
package struct PlannedReminder: Sendable {
    package var occurrence: Occurrence
    package var agency: AgencyID
    package var kind: ReminderKind
    /// Distinguishes reminders of one kind: `before-7`, `due`, `overdue-2`, `escalation`, `nudge`, `start`.
    package var stage: String
    /// The working day it goes out.
    package var sendDate: CivilDate
    package var sendAt: TimeOfDay
    /// Working days from the send date to the effective due date (0 on it, negative when overdue).
    package var workingDaysLeft: Int?
    /// For an escalation: the assignees it reports on.
    package var overdueAgencies: [AgencyID]

    /// Stable identity, the same across restarts and reloads: `plan:task:milestone:nominal-date:agency:stage`.
    package var key: String {
        Self.key(occurrenceKey: occurrence.key, agency: agency, stage: stage)
    }

    /// The one spelling of a reminder key, half of the ledger's never-send-twice key: the ledger rebuilds the keys of
    /// reminders it stores compactly (per occurrence and stage) with it.
    package static func key(occurrenceKey: String, agency: AgencyID, stage: String) -> String {
        "\(occurrenceKey):\(agency):\(stage)"
    }

    /// The occurrence key inside a reminder key: everything before its last two fields (agency ids and stages
    /// never contain `:`); nil for a text that is no reminder key.
    package static func occurrenceKey(ofReminderKey key: String) -> Substring? {
        guard let stage = key.lastIndex(of: ":"), let agency = key[..<stage].lastIndex(of: ":") else { return nil }
        return key[..<agency]
    }
}

extension PlannedReminder {
    /// Whether a reminder still goes out once `done` (the agencies that reported the occurrence) is known.
    package enum Remaining: Sendable {
        /// Send this (an escalation then names only the agencies that have not reported).
        case send(PlannedReminder)
        case skip(reason: String)
    }

    /// This reminder after the agencies in `done` reported its occurrence: their own reminders stop, and an
    /// escalation lists only the others, or stops when none is left.
    package func remaining(after done: Set<AgencyID>) -> Remaining {
        guard kind == .escalation else {
            return done.contains(agency) ? .skip(reason: "the agency reported this occurrence done") : .send(self)
        }
        var pending = self
        pending.overdueAgencies.removeAll { done.contains($0) }
        return pending.overdueAgencies.isEmpty ? .skip(reason: "every assigned agency has reported") : .send(pending)
    }
}

/// Planned reminders split by the acknowledgements in the ledger: what will really be sent, and what is
/// suppressed and why (the agency reported done, or every agency an escalation names has).
package struct AcknowledgedReminders: Sendable {
    package var send: [PlannedReminder] = []
    package var suppressed: [(reminder: PlannedReminder, reason: String)] = []

    /// - Parameter acknowledged: for each occurrence key, the agencies that reported it done.
    package init(_ reminders: [PlannedReminder], acknowledged: [String: Set<AgencyID>]) {
        for reminder in reminders {
            switch reminder.remaining(after: acknowledged[reminder.occurrence.key] ?? []) {
            case .send(let pending): send.append(pending)
            case .skip(let reason): suppressed.append((reminder, reason))
            }
        }
    }
}
