package import Foundation
import GRDB
package import NhacViecCore

extension Ledger {
    /// The threads of `agency` about each of `occurrenceKeys`, oldest first, in one read: the Message-IDs of the
    /// emails sent to it about each occurrence (a digest's one Message-ID is on the row of every occurrence it was
    /// about). An occurrence with no email sent yet has no entry.
    package func threads(occurrenceKeys: [String], agency: AgencyID) async throws -> [String: [String]] {
        try await read { db in
            var found: [String: [String]] = [:]
            for chunk in Ledger.chunks(of: occurrenceKeys) {
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT occurrence_key, message_id FROM deliveries
                        WHERE occurrence_key IN (\(chunk.placeholders)) AND agency = ? AND status = 'sent'
                            AND channel LIKE 'email:%' AND message_id IS NOT NULL
                        ORDER BY sent_at, id
                        """,
                    arguments: StatementArguments(chunk.values + [agency.rawValue])
                )
                while let row = try rows.next() {
                    let messageID: String = row["message_id"]
                    let occurrence: String = row["occurrence_key"]
                    if found[occurrence]?.contains(messageID) != true {
                        found[occurrence, default: []].append(messageID)
                    }
                }
            }
            return found
        }
    }

    /// The Message-IDs sent to `agency` about one occurrence, oldest first: the last one is the next message's
    /// `In-Reply-To`, all of them its `References`.
    package func thread(occurrenceKey: String, agency: AgencyID) async throws -> [String] {
        try await threads(occurrenceKeys: [occurrenceKey], agency: agency)[occurrenceKey] ?? []
    }
}
