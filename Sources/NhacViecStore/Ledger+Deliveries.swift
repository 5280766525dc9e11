package import Foundation
import GRDB
package import NhacViecCore

extension Ledger {
    /// Records each delivery that is not in the ledger yet, in one transaction; a reminder key and
    /// channel already present (whatever its status) is left as it is.
    ///
    /// - Parameters:
    ///   - status: `pending` to send, or `skipped` for reminders recorded only so that they are
    ///     never sent (catch-up), with `reason` kept as their last error.
    /// - Returns: How many rows were inserted.
    @discardableResult
    package func insertIfMissing(
        _ items: [NewDelivery],
        status: DeliveryStatus = .pending,
        reason: String? = nil,
        now: Date
    ) async throws -> Int {
        guard !items.isEmpty else { return 0 }
        return try await write { db in try Ledger.insertRows(db, items, status: status, reason: reason, now: now) }
    }

    /// The rows of ``insertIfMissing(_:status:reason:now:)``, inside the caller's transaction.
    static func insertRows(
        _ db: Database, _ items: [NewDelivery], status: DeliveryStatus, reason: String?, now: Date
    ) throws -> Int {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO deliveries (channel, occurrence_key, agency, kind, stage, due_date,
                    planned_at, status, attempts, last_error, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)
                ON CONFLICT (occurrence_key, agency, stage, channel) DO NOTHING
                """
        )
        var inserted = 0
        for item in items {
            try statement.execute(arguments: [
                item.channel.encoded, item.occurrenceKey, item.agency.rawValue, item.kind.rawValue,
                item.stage, item.dueDate?.iso8601, item.plannedAt.unixSeconds, status.rawValue, reason,
                now.unixSeconds, now.unixSeconds,
            ])
            inserted += db.changesCount
        }
        return inserted
    }

    /// The reminder keys among `reminderKeys` that are already recorded: a row on any channel, or a compact skipped
    /// record of their occurrence and stage (``record(due:skipped:now:)``).
    package func existingKeys(reminderKeys: [String]) async throws -> Set<String> {
        try await read { db in
            var found: Set<String> = []
            let wanted = Set(reminderKeys)
            let occurrences = Set(reminderKeys.compactMap { PlannedReminder.occurrenceKey(ofReminderKey: $0) })
            for chunk in Ledger.chunks(of: occurrences.map { String($0) }) {
                let recorded = try Row.fetchCursor(
                    db,
                    sql:
                        "SELECT occurrence_key, agency, stage FROM deliveries WHERE occurrence_key IN (\(chunk.placeholders))",
                    arguments: StatementArguments(chunk.values)
                )
                while let row = try recorded.next() {
                    let key = PlannedReminder.key(
                        occurrenceKey: row["occurrence_key"], agency: AgencyID(row["agency"] as String),
                        stage: row["stage"])
                    if wanted.contains(key) { found.insert(key) }
                }
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT occurrence_key, stage, agencies FROM skipped_reminders
                        WHERE occurrence_key IN (\(chunk.placeholders))
                        """,
                    arguments: StatementArguments(chunk.values)
                )
                while let row = try rows.next() {
                    let occurrence: String = row["occurrence_key"]
                    let stage: String = row["stage"]
                    let agencies: String = row["agencies"]
                    for agency in agencies.split(separator: Ledger.agencySeparator) {
                        let key = PlannedReminder.key(
                            occurrenceKey: occurrence, agency: AgencyID(String(agency)), stage: stage)
                        if wanted.contains(key) { found.insert(key) }
                    }
                }
            }
            return found
        }
    }

    /// The deliveries to send at `now`: `pending` rows whose retry time (if any) has come, and rows
    /// left `sending` by a pass that was interrupted, ordered by planned time, agency and key.
    ///
    /// A pending row is returned as soon as it is inserted, whatever its planned time: insert
    /// reminders when they are due.
    ///
    /// - Important: Call it only when no send of this process is in flight: every `sending` row is
    ///   taken for the leftover of a crash and is returned to be sent again.
    package func ready(at now: Date) async throws -> [DeliveryRecord] {
        try await fetchRecords(
            where: """
                (status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)) OR status = 'sending'
                ORDER BY planned_at, agency, occurrence_key, stage, channel
                """,
            arguments: [now.unixSeconds]
        )
    }

    /// Marks rows as handed to the transport, counting one more attempt.
    ///
    /// Mark them before calling the transport: a crash during the call leaves them `sending`, and
    /// ``ready(at:)`` returns them again after the restart.
    ///
    /// - Parameters:
    ///   - messageID: The Message-ID or `webhook-id` of this attempt; `nil` keeps the one recorded
    ///     by an earlier attempt.
    package func markSending(ids: [Int64], messageID: String?, now: Date) async throws {
        try await update(
            ids: ids,
            set: """
                status = 'sending', attempts = attempts + 1, message_id = COALESCE(?, message_id),
                next_attempt_at = NULL
                """,
            arguments: [messageID],
            now: now
        )
    }

    /// Marks rows as delivered. An email's Message-ID, kept on its rows, joins the thread of each occurrence it was
    /// about (``threads(occurrenceKeys:agency:)``), so the next message about them replies to it.
    package func markSent(ids: [Int64], now: Date) async throws {
        try await update(
            ids: ids, set: "status = 'sent', sent_at = ?, next_attempt_at = NULL, last_error = NULL",
            arguments: [now.unixSeconds], now: now)
    }

    /// Puts rows back to `pending` after a temporary error, to be retried at `nextAttemptAt`.
    package func markRetry(ids: [Int64], error: String, nextAttemptAt: Date, now: Date) async throws {
        try await update(
            ids: ids,
            set: "status = 'pending', last_error = ?, next_attempt_at = ?",
            arguments: [error, nextAttemptAt.unixSeconds],
            now: now
        )
    }

    /// Gives up on rows after a permanent error, or once retrying is moot.
    package func markFailed(ids: [Int64], error: String, now: Date) async throws {
        try await update(
            ids: ids,
            set: "status = 'failed', last_error = ?, next_attempt_at = NULL",
            arguments: [error],
            now: now
        )
    }

    /// Records that rows will not be sent (the occurrence was acknowledged, or a later stage superseded them).
    package func markSkipped(ids: [Int64], reason: String, now: Date) async throws {
        try await update(
            ids: ids,
            set: "status = 'skipped', last_error = ?, next_attempt_at = NULL",
            arguments: [reason],
            now: now
        )
    }

    /// The earliest retry time of the pending rows, or `nil` when none waits for a retry.
    package func nextAttemptTime() async throws -> Date? {
        try await read { db in
            try Double.fetchOne(
                db,
                sql: "SELECT MIN(next_attempt_at) FROM deliveries WHERE status = 'pending'"
            ).map(Date.init(unixSeconds:))
        }
    }

    /// How many deliveries wait to be sent: a range of the status index, so it costs the backlog, not the ledger
    /// (``counts()`` walks every row; this runs after every pass).
    package func pendingCount() async throws -> Int {
        try await read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deliveries WHERE status = 'pending'") ?? 0
        }
    }

    /// How many rows are in each status (every status present, zero when none); `skipped` also counts the reminders
    /// recorded compactly as skipped.
    package func counts() async throws -> [DeliveryStatus: Int] {
        let rows = try await read { db in
            try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS count FROM deliveries GROUP BY status")
                .map {
                    try (
                        status: $0.decode(String.self, forColumn: "status"),
                        count: $0.decode(Int.self, forColumn: "count")
                    )
                }
        }
        let compact = try await read { db in
            try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(count), 0) FROM skipped_reminders") ?? 0
        }
        var counts = Dictionary(uniqueKeysWithValues: DeliveryStatus.allCases.map { ($0, 0) })
        for row in rows {
            if let status = DeliveryStatus(rawValue: row.status) {
                counts[status] = row.count
            }
        }
        counts[.skipped, default: 0] += compact
        return counts
    }

    /// The failed rows, most recently failed first.
    package func failures(limit: Int) async throws -> [DeliveryRecord] {
        try await fetchRecords(where: "status = 'failed' ORDER BY updated_at DESC, id DESC LIMIT ?", arguments: [limit])
    }

    /// The pending rows waiting for a retry, soonest first.
    package func pendingRetries(limit: Int) async throws -> [DeliveryRecord] {
        try await fetchRecords(
            where: "status = 'pending' AND next_attempt_at IS NOT NULL ORDER BY next_attempt_at, id LIMIT ?",
            arguments: [limit]
        )
    }

    /// The time of the latest successful delivery per kind of channel: `email` and `webhook`.
    package func lastSent() async throws -> [DeliveryChannel.Kind: Date] {
        try await read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT channel, MAX(sent_at) AS last_sent FROM deliveries WHERE status = 'sent' GROUP BY channel"
            )
            var last: [DeliveryChannel.Kind: Date] = [:]
            while let row = try rows.next() {
                let text: String = try row.decode(forColumn: "channel")
                guard let kind = DeliveryChannel(encoded: text)?.kind else { continue }
                let sent = try Date(unixSeconds: row.decode(forColumn: "last_sent"))
                last[kind] = max(last[kind] ?? sent, sent)
            }
            return last
        }
    }

    /// Every row of one occurrence (all agencies, stages and channels), in planned order.
    package func records(forOccurrence occurrenceKey: String) async throws -> [DeliveryRecord] {
        try await fetchRecords(
            where: "occurrence_key = ? ORDER BY planned_at, agency, occurrence_key, stage, channel",
            arguments: [occurrenceKey]
        )
    }

    private func fetchRecords(where clause: String, arguments: StatementArguments) async throws -> [DeliveryRecord] {
        let path = path
        return try await read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT \(DeliveryRecord.columns) FROM deliveries WHERE \(clause)",
                arguments: arguments
            ).map { try DeliveryRecord(row: $0, ledger: path) }
        }
    }

    /// Applies `assignments` (whose placeholders take `arguments`) to the rows `ids` that are still
    /// `pending` or `sending`: a row in a final state (sent, failed, skipped) never changes again.
    private func update(ids: [Int64], set assignments: String, arguments: StatementArguments, now: Date) async throws {
        guard !ids.isEmpty else { return }
        try await write { db in try Ledger.update(db, ids: ids, set: assignments, arguments: arguments, now: now) }
    }

    /// ``update(ids:set:arguments:now:)`` inside the caller's transaction.
    private static func update(
        _ db: Database, ids: [Int64], set assignments: String, arguments: StatementArguments, now: Date
    ) throws {
        let statement = try db.cachedStatement(
            sql: """
                UPDATE deliveries SET \(assignments), updated_at = ?
                WHERE id = ? AND status IN ('pending', 'sending')
                """
        )
        for id in ids {
            try statement.execute(arguments: arguments + [now.unixSeconds, id])
        }
    }
}

extension Ledger {
    /// One `IN (…)` list: its `?` placeholders and the values they bind.
    struct Chunk {
        var values: [String]
        var placeholders: String { databaseQuestionMarks(count: values.count) }
    }

    /// `values` cut into lists of at most ``chunkSize``.
    static func chunks(of values: [String]) -> [Chunk] {
        stride(from: 0, to: values.count, by: chunkSize).map { start in
            Chunk(values: Array(values[start..<min(start + chunkSize, values.count)]))
        }
    }
}
