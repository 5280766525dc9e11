import GRDB

extension Ledger {
    /// `v6-narrow-deliveries`: a delivery row without the copies it carried, because at national scale the ledger
    /// grew by 10 MB a working day.
    ///
    /// - The reminder key (`plan:task:milestone:date:agency:stage`) is no longer stored: it is the occurrence key,
    ///   the agency and the stage, which the row has. The never-send-twice key becomes
    ///   `UNIQUE (occurrence_key, agency, stage, channel)`, whose index also finds an occurrence's rows.
    /// - The `threads` table goes: the thread of an agency about an occurrence is the Message-IDs of the emails
    ///   sent to it about that occurrence, which the delivery rows hold (one thread row per delivery row was 36 % of
    ///   the file). Retention deletes the two together, long after the last message of an occurrence.
    static func registerNarrowDeliveriesMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6-narrow-deliveries") { db in
            try db.execute(
                sql: """
                    CREATE TABLE deliveries_v6 (
                        id INTEGER PRIMARY KEY,
                        occurrence_key TEXT NOT NULL,
                        agency TEXT NOT NULL,
                        stage TEXT NOT NULL,
                        channel TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        due_date TEXT,
                        planned_at REAL NOT NULL,
                        status TEXT NOT NULL
                            CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
                        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                        next_attempt_at REAL,
                        last_error TEXT,
                        message_id TEXT,
                        sent_at REAL,
                        created_at REAL NOT NULL,
                        updated_at REAL NOT NULL,
                        UNIQUE (occurrence_key, agency, stage, channel)
                    );
                    INSERT INTO deliveries_v6 (id, occurrence_key, agency, stage, channel, kind, due_date, planned_at,
                        status, attempts, next_attempt_at, last_error, message_id, sent_at, created_at, updated_at)
                    SELECT id, occurrence_key, agency, stage, channel, kind, due_date, planned_at, status, attempts,
                        next_attempt_at, last_error, message_id, sent_at, created_at, updated_at
                    FROM deliveries;
                    DROP TABLE deliveries;
                    ALTER TABLE deliveries_v6 RENAME TO deliveries;
                    CREATE INDEX deliveries_by_status ON deliveries (status, next_attempt_at);
                    CREATE INDEX deliveries_by_agency ON deliveries (agency);
                    DROP TABLE threads;
                    """
            )
        }
    }
}
