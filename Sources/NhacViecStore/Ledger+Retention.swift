package import Foundation
import GRDB

/// What one ``Ledger/prune(before:now:)`` forgot.
package struct PruneReport: Sendable, Equatable {
    /// Delivery rows summarised into the per-occurrence history and deleted.
    package var deliveries = 0
    /// Reminders of compact skipped records summarised and deleted.
    package var skipped = 0
    package var tokens = 0
    package var receipts = 0
    /// Pages the incremental vacuum gave back to the file system.
    package var freedPages = 0

    package init() {}
}

/// The deliveries of one stage of one occurrence that ended in one status, live rows and summarised ones together:
/// the per-occurrence history a dashboard shows.
package struct DeliveryHistoryEntry: Sendable, Hashable {
    package var stage: String
    package var status: DeliveryStatus
    /// Deliveries (rows of the ledger, one per reminder and channel; one per reminder when skipped).
    package var count: Int
    package var firstPlannedAt: Date
}

extension Ledger {
    /// The first id of `table` whose `timeColumn` is at or after `limit` (`Int64.max` when none): rows are inserted in
    /// time order, so the older ones are exactly the ids below it, found by walking the ids from the start without an
    /// index on the time. `table` and `timeColumn` are constants of this file, never input.
    private static func firstID(
        in table: String, timeColumn: String, from limit: Double, _ db: Database
    ) throws
        -> Int64
    {
        try Int64.fetchOne(
            db, sql: "SELECT id FROM \(table) WHERE \(timeColumn) >= ? ORDER BY id LIMIT 1", arguments: [limit])
            ?? Int64.max
    }

    /// Summarises and deletes what retention lets go: delivery rows in a final state and compact skipped records
    /// created before `cutoff` (into `delivery_history`), except sent emails whose thread a valid link or a queued
    /// receipt may still reply to; link tokens already expired at `now` (an expired link gets the same 404 as an
    /// unknown one, so keeping them served nothing); and receipts in a final state created before `cutoff`; then gives
    /// the freed pages back to the file system.
    ///
    /// Acknowledgements are never deleted. Pending and sending rows are never deleted, whatever their age.
    ///
    /// - Important: `cutoff` must lie before the catch-up look-back of every pass, or a pruned reminder could be
    ///   recorded (and sent) again.
    @discardableResult
    package func prune(before cutoff: Date, now: Date) async throws -> PruneReport {
        var report = try await write { db in
            var report = PruneReport()
            let limit = cutoff.unixSeconds
            let lastOldDelivery = try Ledger.firstID(in: "deliveries", timeColumn: "created_at", from: limit, db)
            try db.execute(
                sql: """
                    INSERT INTO delivery_history (occurrence_key, stage, status, deliveries, first_planned_at,
                        last_updated_at)
                    SELECT occurrence_key, stage, status, COUNT(*), MIN(planned_at), MAX(updated_at) FROM deliveries
                    WHERE id < ? AND status IN ('sent', 'failed', 'skipped') AND NOT \(Ledger.threadStillNeeded)
                    GROUP BY occurrence_key, stage, status
                    \(Ledger.addToHistory)
                    """,
                arguments: [lastOldDelivery, now.unixSeconds])
            try db.execute(
                sql: """
                    DELETE FROM deliveries
                    WHERE id < ? AND status IN ('sent', 'failed', 'skipped') AND NOT \(Ledger.threadStillNeeded)
                    """,
                arguments: [lastOldDelivery, now.unixSeconds])
            report.deliveries = db.changesCount
            try db.execute(
                sql: """
                    INSERT INTO delivery_history (occurrence_key, stage, status, deliveries, first_planned_at,
                        last_updated_at)
                    SELECT occurrence_key, stage, 'skipped', SUM(count), MIN(planned_at), MAX(recorded_at)
                    FROM skipped_reminders WHERE recorded_at < ?
                    GROUP BY occurrence_key, stage
                    \(Ledger.addToHistory)
                    """,
                arguments: [limit])
            report.skipped =
                try Int.fetchOne(
                    db, sql: "SELECT COALESCE(SUM(count), 0) FROM skipped_reminders WHERE recorded_at < ?",
                    arguments: [limit]) ?? 0
            try db.execute(sql: "DELETE FROM skipped_reminders WHERE recorded_at < ?", arguments: [limit])
            try db.execute(sql: "DELETE FROM access_tokens WHERE expires_at <= ?", arguments: [now.unixSeconds])
            report.tokens = db.changesCount
            try db.execute(
                sql: "DELETE FROM receipts WHERE status IN ('sent', 'failed') AND created_at < ?", arguments: [limit])
            report.receipts = db.changesCount
            return report
        }
        report.freedPages = try await vacuumIncrementally()
        return report
    }

    /// A condition on a `deliveries` row (bound to the current time): a sent email whose Message-ID is still part of
    /// a thread something may reply to, because its agency holds a valid link for the occurrence or has a receipt
    /// about it queued. Such rows outlive retention until neither is true.
    private static let threadStillNeeded = """
        (status = 'sent' AND channel LIKE 'email:%' AND (
            EXISTS (
                SELECT 1 FROM access_tokens t
                WHERE t.occurrence_key = deliveries.occurrence_key AND t.agency = deliveries.agency
                    AND t.revoked_at IS NULL AND t.expires_at > ?)
            OR EXISTS (
                SELECT 1 FROM receipts r
                WHERE r.occurrence_key = deliveries.occurrence_key AND r.agency = deliveries.agency
                    AND r.status IN ('pending', 'sending'))))
        """

    /// Adds the summary rows an `INSERT INTO delivery_history … SELECT` produces to those already there.
    private static let addToHistory = """
        ON CONFLICT (occurrence_key, stage, status) DO UPDATE SET
            deliveries = deliveries + excluded.deliveries,
            first_planned_at = MIN(first_planned_at, excluded.first_planned_at),
            last_updated_at = MAX(last_updated_at, excluded.last_updated_at)
        """

    /// The per-occurrence history of `occurrenceKey`: live rows and the summaries of pruned ones, by stage and status.
    package func deliveryHistory(occurrenceKey: String) async throws -> [DeliveryHistoryEntry] {
        try await read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT stage, status, SUM(n) AS n, MIN(first) AS first FROM (
                        SELECT stage, status, COUNT(*) AS n, MIN(planned_at) AS first FROM deliveries
                        WHERE occurrence_key = ? GROUP BY stage, status
                        UNION ALL
                        SELECT stage, 'skipped', SUM(count), MIN(planned_at) FROM skipped_reminders
                        WHERE occurrence_key = ? GROUP BY stage
                        UNION ALL
                        SELECT stage, status, deliveries, first_planned_at FROM delivery_history
                        WHERE occurrence_key = ?
                    ) GROUP BY stage, status ORDER BY first, stage, status
                    """,
                arguments: [occurrenceKey, occurrenceKey, occurrenceKey])
            return try rows.compactMap { row in
                let statusText: String = try row.decode(forColumn: "status")
                guard let status = DeliveryStatus(rawValue: statusText) else { return nil }
                return try DeliveryHistoryEntry(
                    stage: row.decode(forColumn: "stage"), status: status, count: row.decode(forColumn: "n"),
                    firstPlannedAt: Date(unixSeconds: row.decode(forColumn: "first")))
            }
        }
    }

    /// Gives the free pages at the end of the file back to the file system (the file is in incremental auto-vacuum
    /// mode); returns how many.
    func vacuumIncrementally() async throws -> Int {
        try await writeWithoutTransaction { db in
            let free = try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
            guard free > 0 else { return 0 }
            try db.execute(sql: "PRAGMA incremental_vacuum")
            let left = try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
            return free - left
        }
    }
}
