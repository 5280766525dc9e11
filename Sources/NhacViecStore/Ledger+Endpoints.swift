package import Foundation
import GRDB

extension Ledger {
    /// Stops deliveries to a webhook URL that answered `410 Gone`; disabling it again keeps the
    /// first reason and time.
    package func disableEndpoint(url: String, reason: String, now: Date) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO disabled_endpoints (url, reason, disabled_at) VALUES (?, ?, ?)
                    ON CONFLICT (url) DO NOTHING
                    """,
                arguments: [url, reason, now.unixSeconds]
            )
        }
    }

    /// The webhook URLs not to call any more.
    package func disabledEndpoints() async throws -> Set<String> {
        try await read { db in
            try String.fetchSet(db, sql: "SELECT url FROM disabled_endpoints")
        }
    }
}
