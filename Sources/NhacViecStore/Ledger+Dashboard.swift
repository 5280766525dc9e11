package import Foundation
import GRDB
import NhacViecCore

/// One action taken on the dashboard, kept in the ledger with the user who took it.
package struct DashboardAction: Sendable, Hashable {
    /// What was done; the raw value is stored.
    package enum Kind: String, Sendable, CaseIterable {
        case acknowledge
        case undoAcknowledgement = "undo-acknowledgement"
        case resend
        case enableEndpoint = "enable-endpoint"

        package var vietnamese: String {
            switch self {
            case .acknowledge: "Ghi nhận hoàn thành thay cơ quan"
            case .undoAcknowledgement: "Hủy ghi nhận hoàn thành"
            case .resend: "Gửi lại thông báo lỗi"
            case .enableEndpoint: "Bật lại địa chỉ webhook"
            }
        }
    }

    package var user: String
    package var kind: Kind
    /// The occurrence key and agency, the delivery id, or the endpoint URL.
    package var target: String
    package var detail: String?
    package var recordedAt: Date

    package init(user: String, kind: Kind, target: String, detail: String? = nil, recordedAt: Date) {
        self.user = user
        self.kind = kind
        self.target = target
        self.detail = detail
        self.recordedAt = recordedAt
    }
}

/// A webhook endpoint that answered `410 Gone`, with why and when it was disabled.
package struct DisabledEndpoint: Sendable, Hashable {
    package var url: String
    package var reason: String
    package var disabledAt: Date
}

extension Ledger {
    /// The deliveries of `occurrenceKeys` that were sent or tried (every status but `skipped`, which ledger
    /// compaction may store elsewhere), oldest first, by occurrence key.
    package func attemptedDeliveries(occurrenceKeys: [String]) async throws -> [String: [DeliveryRecord]] {
        let path = path
        return try await read { db in
            var found: [String: [DeliveryRecord]] = [:]
            for chunk in Ledger.chunks(of: occurrenceKeys) {
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT \(DeliveryRecord.columns) FROM deliveries
                        WHERE occurrence_key IN (\(chunk.placeholders)) AND status != 'skipped'
                        ORDER BY planned_at, id
                        """,
                    arguments: StatementArguments(chunk.values))
                while let row = try rows.next() {
                    let record = try DeliveryRecord(row: row, ledger: path)
                    found[record.occurrenceKey, default: []].append(record)
                }
            }
            return found
        }
    }

    /// Puts a `failed` delivery back to `pending` with no retry time, so the next pass sends it, and records who did
    /// it, in one transaction.
    ///
    /// - Returns: `false` when the row does not exist or is not `failed` (already resent, or never failed).
    package func resend(deliveryID id: Int64, by user: String, now: Date) async throws -> Bool {
        try await write { db in
            try db.execute(
                sql: """
                    UPDATE deliveries SET status = 'pending', next_attempt_at = NULL, updated_at = ?
                    WHERE id = ? AND status = 'failed'
                    """,
                arguments: [now.unixSeconds, id])
            guard db.changesCount > 0 else { return false }
            try Ledger.insert(
                DashboardAction(user: user, kind: .resend, target: String(id), recordedAt: now), into: db)
            return true
        }
    }

    /// Lets deliveries to a disabled webhook URL go out again, recording who did it.
    ///
    /// - Returns: `false` when the URL was not disabled.
    package func enableEndpoint(url: String, by user: String, now: Date) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "DELETE FROM disabled_endpoints WHERE url = ?", arguments: [url])
            guard db.changesCount > 0 else { return false }
            try Ledger.insert(
                DashboardAction(user: user, kind: .enableEndpoint, target: url, recordedAt: now), into: db)
            return true
        }
    }

    /// The disabled webhook URLs, most recently disabled first.
    package func disabledEndpointList() async throws -> [DisabledEndpoint] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT url, reason, disabled_at FROM disabled_endpoints ORDER BY disabled_at DESC"
            )
            .map {
                try DisabledEndpoint(
                    url: $0.decode(forColumn: "url"), reason: $0.decode(forColumn: "reason"),
                    disabledAt: Date(unixSeconds: $0.decode(forColumn: "disabled_at")))
            }
        }
    }

    /// Records an action taken on the dashboard (acknowledgements and their undoing are recorded by the caller
    /// right after the change itself).
    package func record(_ action: DashboardAction) async throws {
        try await write { db in try Ledger.insert(action, into: db) }
    }

    /// The latest dashboard actions, newest first.
    package func dashboardActions(limit: Int) async throws -> [DashboardAction] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT user, action, target, detail, recorded_at FROM dashboard_actions
                    ORDER BY recorded_at DESC, id DESC LIMIT ?
                    """,
                arguments: [limit]
            ).compactMap { row in
                let kind: String = try row.decode(forColumn: "action")
                return try DashboardAction.Kind(rawValue: kind).map {
                    try DashboardAction(
                        user: row.decode(forColumn: "user"), kind: $0, target: row.decode(forColumn: "target"),
                        detail: row.decode(forColumn: "detail"),
                        recordedAt: Date(unixSeconds: row.decode(forColumn: "recorded_at")))
                }
            }
        }
    }

    private static func insert(_ action: DashboardAction, into db: Database) throws {
        try db.execute(
            sql: "INSERT INTO dashboard_actions (user, action, target, detail, recorded_at) VALUES (?, ?, ?, ?, ?)",
            arguments: [action.user, action.kind.rawValue, action.target, action.detail, action.recordedAt.unixSeconds])
    }
}
