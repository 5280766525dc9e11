package import Foundation
package import NhacViecCore

/// A delivery to record in the ledger: one reminder on one channel.
package struct NewDelivery: Sendable, Hashable {
    /// The reminder's stable key, `plan:task:milestone:nominal-date:agency:stage`.
    package var reminderKey: String
    /// `email:<address>` or `webhook`.
    package var channel: DeliveryChannel
    /// The occurrence's stable key, `plan:task:milestone:nominal-date`.
    package var occurrenceKey: String
    package var agency: AgencyID
    package var kind: ReminderKind
    /// `before-7`, `due`, `overdue-2`, `escalation`, `nudge`.
    package var stage: String
    /// The effective due date, when the occurrence has one.
    package var dueDate: CivilDate?
    /// The instant the reminder was planned to go out.
    package var plannedAt: Date

    package init(
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
