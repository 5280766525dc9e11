import GRDB

extension Ledger {
    /// The schema migrations applied to the file, oldest first (`v1`, …), for `nhacviec status`.
    package func appliedMigrations() async throws -> [String] {
        try await read { db in try Ledger.migrator.completedMigrations(db) }
    }

    /// The schema, one migration per version. Never edit a registered migration: add the next one.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE deliveries (
                        id INTEGER PRIMARY KEY,
                        reminder_key TEXT NOT NULL,
                        channel TEXT NOT NULL,
                        occurrence_key TEXT NOT NULL,
                        agency TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        stage TEXT NOT NULL,
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
                        UNIQUE (reminder_key, channel)
                    );
                    CREATE INDEX deliveries_by_status ON deliveries (status, next_attempt_at);
                    CREATE INDEX deliveries_by_agency ON deliveries (agency);
                    CREATE INDEX deliveries_by_occurrence ON deliveries (occurrence_key);

                    CREATE TABLE acknowledgements (
                        occurrence_key TEXT NOT NULL,
                        agency TEXT NOT NULL,
                        note TEXT,
                        recorded_at REAL NOT NULL,
                        PRIMARY KEY (occurrence_key, agency)
                    );
                    CREATE INDEX acknowledgements_by_time ON acknowledgements (recorded_at);

                    CREATE TABLE threads (
                        id INTEGER PRIMARY KEY,
                        occurrence_key TEXT NOT NULL,
                        agency TEXT NOT NULL,
                        message_id TEXT NOT NULL,
                        recorded_at REAL NOT NULL,
                        UNIQUE (occurrence_key, agency, message_id)
                    );

                    CREATE TABLE disabled_endpoints (
                        url TEXT PRIMARY KEY,
                        reason TEXT NOT NULL,
                        disabled_at REAL NOT NULL
                    );

                    CREATE TABLE meta (
                        key TEXT PRIMARY KEY,
                        value TEXT NOT NULL
                    );
                    """
            )
        }
        migrator.registerMigration("v2-acknowledgement-links") { db in
            try db.execute(
                sql: """
                    ALTER TABLE acknowledgements ADD COLUMN source TEXT NOT NULL DEFAULT 'cli';
                    ALTER TABLE acknowledgements ADD COLUMN reporter TEXT;
                    ALTER TABLE acknowledgements ADD COLUMN on_behalf_by TEXT;
                    ALTER TABLE acknowledgements ADD COLUMN client_address TEXT;
                    ALTER TABLE acknowledgements ADD COLUMN user_agent TEXT;

                    CREATE TABLE access_tokens (
                        hash TEXT PRIMARY KEY,
                        purpose TEXT NOT NULL,
                        agency TEXT NOT NULL,
                        issued_to TEXT NOT NULL,
                        occurrence_key TEXT NOT NULL,
                        plan TEXT NOT NULL,
                        task TEXT NOT NULL,
                        milestone TEXT NOT NULL,
                        nominal_due TEXT,
                        created_at REAL NOT NULL,
                        expires_at REAL NOT NULL,
                        revoked_at REAL
                    );
                    CREATE INDEX access_tokens_by_expiry ON access_tokens (expires_at);

                    CREATE TABLE receipts (
                        id INTEGER PRIMARY KEY,
                        occurrence_key TEXT NOT NULL,
                        agency TEXT NOT NULL,
                        channel TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
                        attempts INTEGER NOT NULL DEFAULT 0,
                        next_attempt_at REAL,
                        last_error TEXT,
                        sent_at REAL,
                        created_at REAL NOT NULL,
                        UNIQUE (occurrence_key, agency, channel)
                    );
                    """
            )
        }
        Ledger.registerFeedMigration(&migrator)
        migrator.registerMigration("v4-retention") { db in
            try db.execute(
                sql: """
                    CREATE TABLE skipped_reminders (
                        id INTEGER PRIMARY KEY,
                        occurrence_key TEXT NOT NULL,
                        stage TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        due_date TEXT,
                        planned_at REAL NOT NULL,
                        reason TEXT NOT NULL,
                        agencies TEXT NOT NULL,
                        count INTEGER NOT NULL CHECK (count > 0),
                        recorded_at REAL NOT NULL
                    );
                    CREATE INDEX skipped_reminders_by_occurrence ON skipped_reminders (occurrence_key);

                    INSERT INTO skipped_reminders (occurrence_key, stage, kind, due_date, planned_at, reason, agencies,
                        count, recorded_at)
                    SELECT occurrence_key, stage, kind, due_date, MIN(planned_at), COALESCE(last_error, ''),
                        group_concat(DISTINCT agency), COUNT(DISTINCT agency), MIN(created_at)
                    FROM deliveries WHERE status = 'skipped'
                    GROUP BY occurrence_key, stage, kind, due_date, last_error;
                    DELETE FROM deliveries WHERE status = 'skipped';

                    CREATE TABLE delivery_history (
                        occurrence_key TEXT NOT NULL,
                        stage TEXT NOT NULL,
                        status TEXT NOT NULL,
                        deliveries INTEGER NOT NULL,
                        first_planned_at REAL NOT NULL,
                        last_updated_at REAL NOT NULL,
                        PRIMARY KEY (occurrence_key, stage, status)
                    ) WITHOUT ROWID;
                    """
            )
        }
        migrator.registerMigration("v5-dashboard-actions") { db in
            try db.execute(
                sql: """
                    CREATE TABLE dashboard_actions (
                        id INTEGER PRIMARY KEY,
                        user TEXT NOT NULL,
                        action TEXT NOT NULL,
                        target TEXT NOT NULL,
                        detail TEXT,
                        recorded_at REAL NOT NULL
                    );
                    CREATE INDEX dashboard_actions_by_time ON dashboard_actions (recorded_at);
                    """
            )
        }
        Ledger.registerNarrowDeliveriesMigration(&migrator)
        return migrator
    }()
}
