import GRDB

extension Ledger {
    /// Stores `value` under `key` (the last pass time, when the config was loaded…), replacing
    /// the previous value.
    package func setMeta(_ key: ServiceMeta, _ value: String) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO meta (key, value) VALUES (?, ?)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value
                    """,
                arguments: [key.rawValue, value]
            )
        }
    }

    /// The value stored under `key`, or `nil`.
    package func meta(_ key: ServiceMeta) async throws -> String? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key.rawValue])
        }
    }
}
