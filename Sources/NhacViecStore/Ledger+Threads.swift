package import Foundation
import GRDB
package import NhacViecCore

/// One message sent to an agency about one or more occurrences: an entry of each occurrence's thread.
package struct ThreadMessage: Sendable, Hashable {
    package var occurrenceKeys: [String]
    package var agency: AgencyID
    package var messageID: String

    package init(occurrenceKeys: [String], agency: AgencyID, messageID: String) {
        self.occurrenceKeys = occurrenceKeys
        self.agency = agency
        self.messageID = messageID
    }
}

extension Ledger {
    /// Appends `messageID` to the thread of messages sent to `agency` about one occurrence;
    /// appending the same Message-ID again changes nothing.
    package func appendThread(occurrenceKey: String, agency: AgencyID, messageID: String, now: Date) async throws {
        let message = ThreadMessage(occurrenceKeys: [occurrenceKey], agency: agency, messageID: messageID)
        try await write { db in try Ledger.append(db, message, now: now) }
    }

    /// ``appendThread(occurrenceKey:agency:messageID:now:)`` for every occurrence of `message`, inside the caller's
    /// transaction.
    static func append(_ db: Database, _ message: ThreadMessage, now: Date) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO threads (occurrence_key, agency, message_id, recorded_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (occurrence_key, agency, message_id) DO NOTHING
                """
        )
        for occurrenceKey in message.occurrenceKeys {
            try statement.execute(
                arguments: [occurrenceKey, message.agency.rawValue, message.messageID, now.unixSeconds])
        }
    }

    /// The threads of `agency` about each of `occurrenceKeys`, oldest first, in one read; an occurrence with no
    /// message yet has no entry.
    package func threads(occurrenceKeys: [String], agency: AgencyID) async throws -> [String: [String]] {
        try await read { db in
            var found: [String: [String]] = [:]
            for chunk in Ledger.chunks(of: occurrenceKeys) {
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT occurrence_key, message_id FROM threads
                        WHERE agency = ? AND occurrence_key IN (\(chunk.placeholders)) ORDER BY id
                        """,
                    arguments: StatementArguments([agency.rawValue] + chunk.values)
                )
                while let row = try rows.next() {
                    found[row["occurrence_key"], default: []].append(row["message_id"])
                }
            }
            return found
        }
    }

    /// The Message-IDs sent to `agency` about one occurrence, oldest first: the last one is the
    /// next message's `In-Reply-To`, all of them its `References`.
    package func thread(occurrenceKey: String, agency: AgencyID) async throws -> [String] {
        try await read { db in
            try String.fetchAll(
                db,
                sql: "SELECT message_id FROM threads WHERE occurrence_key = ? AND agency = ? ORDER BY id",
                arguments: [occurrenceKey, agency.rawValue]
            )
        }
    }
}
