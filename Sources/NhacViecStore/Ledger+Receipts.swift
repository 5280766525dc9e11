package import Foundation
import GRDB
package import NhacViecCore

/// A queued "Đã ghi nhận …" email to one mailbox of an agency that reported done.
package struct ReceiptRecord: Sendable, Hashable {
    package var id: Int64
    package var occurrenceKey: String
    package var agency: AgencyID
    /// Always an email channel.
    package var channel: DeliveryChannel
    package var attempts: Int
}

extension Ledger {
    /// Receipts to send at `now`: pending ones whose retry time has come, and any left `sending` by a crash.
    package func readyReceipts(at now: Date) async throws -> [ReceiptRecord] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, occurrence_key, agency, channel, attempts FROM receipts
                    WHERE (status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?))
                        OR status = 'sending'
                    ORDER BY id
                    """,
                arguments: [now.unixSeconds]
            ).compactMap { row in
                let text: String = try row.decode(forColumn: "channel")
                guard let channel = DeliveryChannel(encoded: text) else { return nil }
                return try ReceiptRecord(
                    id: row.decode(forColumn: "id"), occurrenceKey: row.decode(forColumn: "occurrence_key"),
                    agency: AgencyID(row.decode(forColumn: "agency")), channel: channel,
                    attempts: row.decode(forColumn: "attempts"))
            }
        }
    }

    /// Marks a receipt as handed to the transport (before the call, as deliveries are).
    package func markReceiptSending(id: Int64) async throws {
        try await updateReceipt(id, "status = 'sending', attempts = attempts + 1", [])
    }

    package func markReceiptSent(id: Int64, now: Date) async throws {
        try await updateReceipt(id, "status = 'sent', sent_at = ?, last_error = NULL", [now.unixSeconds])
    }

    package func markReceiptRetry(id: Int64, error: String, nextAttemptAt: Date) async throws {
        try await updateReceipt(
            id, "status = 'pending', last_error = ?, next_attempt_at = ?", [error, nextAttemptAt.unixSeconds])
    }

    package func markReceiptFailed(id: Int64, error: String) async throws {
        try await updateReceipt(id, "status = 'failed', last_error = ?", [error])
    }

    /// The earliest time a pending receipt is due, for the service's next wake: a receipt never tried is due at once,
    /// unless `retriesOnly` (the web server's wake request already covers those).
    package func nextReceiptAttempt(retriesOnly: Bool = false) async throws -> Date? {
        let sql =
            retriesOnly
            ? "SELECT MIN(next_attempt_at) FROM receipts WHERE status = 'pending' AND next_attempt_at IS NOT NULL"
            : "SELECT MIN(COALESCE(next_attempt_at, 0)) FROM receipts WHERE status = 'pending'"
        return try await read { db in try Double.fetchOne(db, sql: sql).map(Date.init(unixSeconds:)) }
    }

    private func updateReceipt(
        _ id: Int64, _ assignments: String, _ values: [(any DatabaseValueConvertible)?]
    )
        async throws
    {
        let arguments = StatementArguments(values + [id])
        try await write { db in
            try db.execute(sql: "UPDATE receipts SET \(assignments) WHERE id = ?", arguments: arguments)
        }
    }
}
