package import Foundation
import GRDB
package import NhacViecCore

extension Ledger {
    /// Records an agency's report, which stops its reminders for that occurrence, and queues a receipt email to each
    /// of `receiptChannels` (its mailboxes) in the same transaction, so a crash can lose neither.
    ///
    /// - Returns: The acknowledgement now on record: `acknowledgement` itself when it was new, or the first one (its
    ///   time, reporter and note are kept; no second receipt is queued).
    @discardableResult
    package func acknowledge(
        _ acknowledgement: Acknowledgement, receiptChannels: [DeliveryChannel] = []
    ) async throws
        -> (recorded: Acknowledgement, isNew: Bool)
    {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO acknowledgements (occurrence_key, agency, note, recorded_at, source, reporter,
                        on_behalf_by, client_address, user_agent)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (occurrence_key, agency) DO NOTHING
                    """,
                arguments: [
                    acknowledgement.occurrenceKey, acknowledgement.agency.rawValue, acknowledgement.note,
                    acknowledgement.recordedAt.unixSeconds, acknowledgement.source.rawValue, acknowledgement.reporter,
                    acknowledgement.onBehalfBy?.rawValue, acknowledgement.clientAddress, acknowledgement.userAgent,
                ]
            )
            guard db.changesCount > 0 else {
                let existing = try Ledger.fetchAcknowledgement(
                    db, occurrenceKey: acknowledgement.occurrenceKey, agency: acknowledgement.agency)
                return (existing ?? acknowledgement, false)
            }
            for channel in receiptChannels {
                try db.execute(
                    sql: """
                        INSERT INTO receipts (occurrence_key, agency, channel, status, created_at)
                        VALUES (?, ?, ?, 'pending', ?) ON CONFLICT (occurrence_key, agency, channel) DO NOTHING
                        """,
                    arguments: [
                        acknowledgement.occurrenceKey, acknowledgement.agency.rawValue, channel.encoded,
                        acknowledgement.recordedAt.unixSeconds,
                    ]
                )
            }
            return (acknowledgement, true)
        }
    }

    /// Records a report made by an admin with `nhacviec done`.
    ///
    /// - Returns: `false` when it was already recorded (the first note and time are kept).
    @discardableResult
    package func acknowledge(occurrenceKey: String, agency: AgencyID, note: String?, now: Date) async throws -> Bool {
        try await acknowledge(
            Acknowledgement(occurrenceKey: occurrenceKey, agency: agency, source: .cli, note: note, recordedAt: now)
        ).isNew
    }

    /// Removes an acknowledgement recorded by mistake, so the agency's reminders resume.
    ///
    /// - Returns: `false` when there was none.
    @discardableResult
    package func undoAcknowledgement(occurrenceKey: String, agency: AgencyID) async throws -> Bool {
        try await write { db in
            try db.execute(
                sql: "DELETE FROM acknowledgements WHERE occurrence_key = ? AND agency = ?",
                arguments: [occurrenceKey, agency.rawValue]
            )
            return db.changesCount > 0
        }
    }

    /// The report of `agency` on one occurrence, if any.
    package func acknowledgement(occurrenceKey: String, agency: AgencyID) async throws -> Acknowledgement? {
        try await read { db in try Ledger.fetchAcknowledgement(db, occurrenceKey: occurrenceKey, agency: agency) }
    }

    /// The agencies that acknowledged each of `occurrenceKeys`; an occurrence nobody acknowledged
    /// has no entry.
    package func acknowledgedAgencies(occurrenceKeys: [String]) async throws -> [String: Set<AgencyID>] {
        try await acknowledgements(occurrenceKeys: occurrenceKeys).mapValues { Set($0.map(\.agency)) }
    }

    /// Every report on each of `occurrenceKeys`, oldest first; an occurrence nobody acknowledged has no entry.
    package func acknowledgements(occurrenceKeys: [String]) async throws -> [String: [Acknowledgement]] {
        try await read { db in
            var found: [String: [Acknowledgement]] = [:]
            for chunk in Ledger.chunks(of: occurrenceKeys) {
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT \(Ledger.acknowledgementColumns) FROM acknowledgements
                        WHERE occurrence_key IN (\(chunk.placeholders)) ORDER BY recorded_at, agency
                        """,
                    arguments: StatementArguments(chunk.values)
                )
                while let row = try rows.next() {
                    let acknowledgement = try Ledger.acknowledgement(row)
                    found[acknowledgement.occurrenceKey, default: []].append(acknowledgement)
                }
            }
            return found
        }
    }

    /// The latest acknowledgements, newest first.
    package func acknowledgements(limit: Int) async throws -> [Acknowledgement] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Ledger.acknowledgementColumns) FROM acknowledgements
                    ORDER BY recorded_at DESC, occurrence_key, agency LIMIT ?
                    """,
                arguments: [limit]
            ).map(Ledger.acknowledgement)
        }
    }

    private static let acknowledgementColumns =
        "occurrence_key, agency, note, recorded_at, source, reporter, on_behalf_by, client_address, user_agent"

    private static func fetchAcknowledgement(
        _ db: Database, occurrenceKey: String, agency: AgencyID
    ) throws
        -> Acknowledgement?
    {
        try Row.fetchOne(
            db,
            sql: "SELECT \(acknowledgementColumns) FROM acknowledgements WHERE occurrence_key = ? AND agency = ?",
            arguments: [occurrenceKey, agency.rawValue]
        ).map(acknowledgement)
    }

    private static func acknowledgement(_ row: Row) throws -> Acknowledgement {
        let sourceText: String = try row.decode(forColumn: "source")
        let onBehalf: String? = try row.decode(forColumn: "on_behalf_by")
        return try Acknowledgement(
            occurrenceKey: row.decode(forColumn: "occurrence_key"),
            agency: AgencyID(row.decode(forColumn: "agency")),
            source: Acknowledgement.Source(rawValue: sourceText) ?? .cli,
            reporter: row.decode(forColumn: "reporter"),
            note: row.decode(forColumn: "note"),
            onBehalfBy: onBehalf.map(AgencyID.init),
            clientAddress: row.decode(forColumn: "client_address"),
            userAgent: row.decode(forColumn: "user_agent"),
            recordedAt: Date(unixSeconds: row.decode(forColumn: "recorded_at"))
        )
    }
}
