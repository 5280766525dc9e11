package import Foundation
package import NhacViecCore

/// One row of the ledger: a reminder on one channel, and everything that happened to it.
package struct DeliveryRecord: Sendable, Hashable {
    /// The row id, passed back to the `mark…` methods.
    package var id: Int64
    /// The reminder's stable key, `plan:task:milestone:nominal-date:agency:stage`.
    package var reminderKey: String
    /// `email:<address>` or `webhook`.
    package var channel: DeliveryChannel
    /// The occurrence's stable key, `plan:task:milestone:nominal-date`.
    package var occurrenceKey: String
    package var agency: AgencyID
    package var kind: ReminderKind
    package var stage: String
    package var dueDate: CivilDate?
    /// The instant the reminder was planned to go out.
    package var plannedAt: Date
    package var status: DeliveryStatus
    /// How many times it was handed to a transport.
    package var attempts: Int
    /// When a `pending` row may be retried; `nil` when it is ready at once.
    package var nextAttemptAt: Date?
    /// The last transport error, or why the row was skipped.
    package var lastError: String?
    /// The Message-ID (or `webhook-id`) of the attempt, reused when an interrupted send is repeated.
    package var messageID: String?
    package var sentAt: Date?
    package var createdAt: Date
    package var updatedAt: Date
}
