package import Foundation
import GRDB
package import NhacViecCore

extension Ledger {
    /// Appends `messageID` to the thread of messages sent to `agency` about one occurrence;
    /// appending the same Message-ID again changes nothing.
    package func appendThread(occurrenceKey: String, agency: AgencyID, messageID: String, now: Date) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO threads (occurrence_key, agency, message_id, recorded_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (occurrence_key, agency, message_id) DO NOTHING
                    """,
                arguments: [occurrenceKey, agency.rawValue, messageID, now.unixSeconds]
            )
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
