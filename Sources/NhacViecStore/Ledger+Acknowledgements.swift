public import Foundation
import GRDB
public import NhacViecCore

extension Ledger {
    /// Records that `agency` delivered on the occurrence `occurrenceKey`, which stops its reminders.
    ///
    /// - Returns: `false` when it was already recorded (the first note and time are kept).
    @discardableResult
    public func acknowledge(occurrenceKey: String, agency: AgencyID, note: String?, now: Date) async throws -> Bool {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO acknowledgements (occurrence_key, agency, note, recorded_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (occurrence_key, agency) DO NOTHING
                    """,
                arguments: [occurrenceKey, agency.rawValue, note, now.unixSeconds]
            )
            return db.changesCount > 0
        }
    }

    /// Removes an acknowledgement recorded by mistake, so the agency's reminders resume.
    ///
    /// - Returns: `false` when there was none.
    @discardableResult
    public func undoAcknowledgement(occurrenceKey: String, agency: AgencyID) async throws -> Bool {
        try await write { db in
            try db.execute(
                sql: "DELETE FROM acknowledgements WHERE occurrence_key = ? AND agency = ?",
                arguments: [occurrenceKey, agency.rawValue]
            )
            return db.changesCount > 0
        }
    }

    /// The agencies that acknowledged each of `occurrenceKeys`; an occurrence nobody acknowledged
    /// has no entry.
    public func acknowledgedAgencies(occurrenceKeys: [String]) async throws -> [String: Set<AgencyID>] {
        try await read { db in
            var acknowledged: [String: Set<AgencyID>] = [:]
            for chunk in Ledger.chunks(of: occurrenceKeys) {
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT occurrence_key, agency FROM acknowledgements
                        WHERE occurrence_key IN (\(chunk.placeholders))
                        """,
                    arguments: StatementArguments(chunk.values)
                )
                while let row = try rows.next() {
                    let key: String = try row.decode(forColumn: "occurrence_key")
                    try acknowledged[key, default: []].insert(AgencyID(row.decode(forColumn: "agency")))
                }
            }
            return acknowledged
        }
    }

    /// The latest acknowledgements, newest first.
    public func acknowledgements(limit: Int) async throws -> [Acknowledgement] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT occurrence_key, agency, note, recorded_at FROM acknowledgements
                    ORDER BY recorded_at DESC, occurrence_key, agency LIMIT ?
                    """,
                arguments: [limit]
            ).map { row in
                try Acknowledgement(
                    occurrenceKey: row.decode(forColumn: "occurrence_key"),
                    agency: AgencyID(row.decode(forColumn: "agency")),
                    note: row.decode(forColumn: "note"),
                    recordedAt: Date(unixSeconds: row.decode(forColumn: "recorded_at"))
                )
            }
        }
    }
}
