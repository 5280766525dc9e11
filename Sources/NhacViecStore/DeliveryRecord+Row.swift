import Foundation
import GRDB
import NhacViecCore

extension DeliveryRecord {
    /// The columns `init(row:ledger:)` reads.
    static let columns = """
        id, channel, occurrence_key, agency, kind, stage, due_date, planned_at, status, attempts,
        next_attempt_at, last_error, message_id, sent_at, created_at, updated_at
        """

    /// Decodes a `deliveries` row; a value nhacviec never writes is reported against `ledger`.
    init(row: Row, ledger path: String) throws {
        let id: Int64 = try row.decode(forColumn: "id")
        func invalid(_ column: String, _ value: String) -> StoreError {
            StoreError(
                code: .unexpectedContent,
                path: path,
                action: "read",
                reason: "delivery \(id) has an unknown \(column) '\(value)'",
                fix: "the file was changed by something other than this version of nhacviec"
            )
        }
        let statusText: String = try row.decode(forColumn: "status")
        guard let status = DeliveryStatus(rawValue: statusText) else { throw invalid("status", statusText) }
        let kindText: String = try row.decode(forColumn: "kind")
        guard let kind = ReminderKind(rawValue: kindText) else { throw invalid("kind", kindText) }
        let dueText: String? = try row.decode(forColumn: "due_date")
        let dueDate = try dueText.map { text in
            guard let date = CivilDate(parsing: text) else { throw invalid("due date", text) }
            return date
        }
        let agency: String = try row.decode(forColumn: "agency")
        let channelText: String = try row.decode(forColumn: "channel")
        guard let channel = DeliveryChannel(encoded: channelText) else { throw invalid("channel", channelText) }
        let occurrenceKey: String = try row.decode(forColumn: "occurrence_key")
        let stage: String = try row.decode(forColumn: "stage")
        try self.init(
            id: id,
            reminderKey: PlannedReminder.key(occurrenceKey: occurrenceKey, agency: AgencyID(agency), stage: stage),
            channel: channel,
            occurrenceKey: occurrenceKey,
            agency: AgencyID(agency),
            kind: kind,
            stage: stage,
            dueDate: dueDate,
            plannedAt: Date(unixSeconds: row.decode(forColumn: "planned_at")),
            status: status,
            attempts: row.decode(forColumn: "attempts"),
            nextAttemptAt: Date(nullableUnixSeconds: row.decode(forColumn: "next_attempt_at")),
            lastError: row.decode(forColumn: "last_error"),
            messageID: row.decode(forColumn: "message_id"),
            sentAt: Date(nullableUnixSeconds: row.decode(forColumn: "sent_at")),
            createdAt: Date(unixSeconds: row.decode(forColumn: "created_at")),
            updatedAt: Date(unixSeconds: row.decode(forColumn: "updated_at"))
        )
    }
}

extension Date {
    /// A timestamp column: REAL seconds since 1970.
    init(unixSeconds: Double) {
        self.init(timeIntervalSince1970: unixSeconds)
    }

    /// A nullable timestamp column.
    init?(nullableUnixSeconds: Double?) {
        guard let nullableUnixSeconds else { return nil }
        self.init(timeIntervalSince1970: nullableUnixSeconds)
    }

    /// The value stored in a timestamp column.
    var unixSeconds: Double { timeIntervalSince1970 }
}
