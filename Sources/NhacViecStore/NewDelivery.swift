public import Foundation
public import NhacViecCore

/// A delivery to record in the ledger: one reminder on one channel.
public struct NewDelivery: Sendable, Hashable {
    /// The reminder's stable key, `plan:task:milestone:nominal-date:agency:stage`.
    public var reminderKey: String
    /// `email:<address>` or `webhook`.
    public var channel: DeliveryChannel
    /// The occurrence's stable key, `plan:task:milestone:nominal-date`.
    public var occurrenceKey: String
    public var agency: AgencyID
    public var kind: ReminderKind
    /// `before-7`, `due`, `overdue-2`, `escalation`, `nudge`.
    public var stage: String
    /// The effective due date, when the occurrence has one.
    public var dueDate: CivilDate?
    /// The instant the reminder was planned to go out.
    public var plannedAt: Date

    public init(
        reminderKey: String,
        channel: DeliveryChannel,
        occurrenceKey: String,
        agency: AgencyID,
        kind: ReminderKind,
        stage: String,
        dueDate: CivilDate?,
        plannedAt: Date
    ) {
        self.reminderKey = reminderKey
        self.channel = channel
        self.occurrenceKey = occurrenceKey
        self.agency = agency
        self.kind = kind
        self.stage = stage
        self.dueDate = dueDate
        self.plannedAt = plannedAt
    }
}
