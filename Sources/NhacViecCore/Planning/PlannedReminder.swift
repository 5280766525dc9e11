/// What kind of reminder: a warning before the due date, on it, after it, to the supervisor, or a nudge for ongoing work.
public enum ReminderKind: String, Sendable, Hashable, CaseIterable {
    case before, due, overdue, escalation, nudge
}

/// One reminder the policy schedules: to whom, when, about which occurrence.
public struct PlannedReminder: Sendable {
    public var occurrence: Occurrence
    public var agency: AgencyID
    public var kind: ReminderKind
    /// Distinguishes reminders of one kind: `before-7`, `due`, `overdue-2`, `escalation`, `nudge`.
    public var stage: String
    /// The working day it goes out.
    public var sendDate: CivilDate
    public var sendAt: TimeOfDay
    /// Working days from the send date to the effective due date (0 on it, negative when overdue).
    public var workingDaysLeft: Int?
    /// For an escalation: the assignees it reports on.
    public var overdueAgencies: [AgencyID]

    /// Stable identity, the same across restarts and reloads: `plan:task:milestone:nominal-date:agency:stage`.
    public var key: String {
        "\(occurrence.key):\(agency):\(stage)"
    }
}
