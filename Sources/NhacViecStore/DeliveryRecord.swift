public import Foundation
public import NhacViecCore

/// One row of the ledger: a reminder on one channel, and everything that happened to it.
public struct DeliveryRecord: Sendable, Hashable {
    /// The row id, passed back to the `mark…` methods.
    public var id: Int64
    /// The reminder's stable key, `plan:task:milestone:nominal-date:agency:stage`.
    public var reminderKey: String
    /// `email:<address>` or `webhook`.
    public var channel: DeliveryChannel
    /// The occurrence's stable key, `plan:task:milestone:nominal-date`.
    public var occurrenceKey: String
    public var agency: AgencyID
    public var kind: ReminderKind
    public var stage: String
    public var dueDate: CivilDate?
    /// The instant the reminder was planned to go out.
    public var plannedAt: Date
    public var status: DeliveryStatus
    /// How many times it was handed to a transport.
    public var attempts: Int
    /// When a `pending` row may be retried; `nil` when it is ready at once.
    public var nextAttemptAt: Date?
    /// The last transport error, or why the row was skipped.
    public var lastError: String?
    /// The Message-ID (or `webhook-id`) of the attempt, reused when an interrupted send is repeated.
    public var messageID: String?
    public var sentAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
}
