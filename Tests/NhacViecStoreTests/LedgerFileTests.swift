import Foundation
import GRDB
import NhacViecCore
import NhacViecStore
import Testing

@Suite("The ledger file")
struct LedgerFileTests {
    @Test("Opening creates the directory and a file in WAL mode")
    func createsDirectoryAndFile() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("var/lib/nhacviec/state.sqlite").path
        let ledger = try Ledger(path: path)
        try await ledger.insertIfMissing([delivery()], now: morning)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test("Committed writes survive closing and reopening the file")
    func reopenKeepsWrites() async throws {
        let directory = try TemporaryDirectory()
        do {
            let ledger = try Ledger(path: directory.ledgerPath)
            let row = try #require(try await ledger.seed([delivery()]).first)
            try await ledger.markSending(ids: [row.id], messageID: "<1@nhacviec>", now: morning)
            try await ledger.markSent(ids: [row.id], now: morning)
            try await ledger.acknowledge(
                occurrenceKey: occurrenceKey, agency: AgencyID("so-tc"), note: nil, now: morning)
            try await ledger.setMeta(.configLoadedAt, "2025-04-25T07:00:00+07:00")
        }
        let reopened = try Ledger(path: directory.ledgerPath)
        let record = try #require(try await reopened.records(forOccurrence: occurrenceKey).first)
        #expect(record.status == .sent)
        #expect(record.messageID == "<1@nhacviec>")
        #expect(try await reopened.acknowledgedAgencies(occurrenceKeys: [occurrenceKey]).count == 1)
        #expect(try await reopened.meta(.configLoadedAt) == "2025-04-25T07:00:00+07:00")
    }

    @Test("Migrations run once: reopening keeps the data and applies no migration twice")
    func migrationsRunOnce() async throws {
        let directory = try TemporaryDirectory()
        let first = try Ledger(path: directory.ledgerPath)
        try await first.insertIfMissing([delivery()], now: morning)
        #expect(
            try await first.appliedMigrations() == [
                "v1", "v2-acknowledgement-links", "v3-feed-events", "v4-retention", "v5-dashboard-actions",
                "v6-narrow-deliveries",
            ])
        let second = try Ledger(path: directory.ledgerPath)
        #expect(
            try await second.appliedMigrations() == [
                "v1", "v2-acknowledgement-links", "v3-feed-events", "v4-retention", "v5-dashboard-actions",
                "v6-narrow-deliveries",
            ])
        #expect(try await second.counts()[.pending] == 1)
    }

    @Test("A ledger written before v6 keeps its deliveries, their never-send-twice keys and their threads")
    func narrowDeliveriesMigrationKeepsEverything() async throws {
        let directory = try TemporaryDirectory()
        // The tables v6 rewrites, as v1–v5 left them (the others it does not touch are left out).
        let old = try DatabaseQueue(path: directory.ledgerPath)
        try await old.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                    INSERT INTO grdb_migrations VALUES ('v1'), ('v2-acknowledgement-links'), ('v3-feed-events'),
                        ('v4-retention'), ('v5-dashboard-actions');
                    CREATE TABLE deliveries (
                        id INTEGER PRIMARY KEY, reminder_key TEXT NOT NULL, channel TEXT NOT NULL,
                        occurrence_key TEXT NOT NULL, agency TEXT NOT NULL, kind TEXT NOT NULL, stage TEXT NOT NULL,
                        due_date TEXT, planned_at REAL NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
                        next_attempt_at REAL, last_error TEXT, message_id TEXT, sent_at REAL, created_at REAL NOT NULL,
                        updated_at REAL NOT NULL, UNIQUE (reminder_key, channel));
                    CREATE INDEX deliveries_by_occurrence ON deliveries (occurrence_key);
                    CREATE TABLE threads (
                        id INTEGER PRIMARY KEY, occurrence_key TEXT NOT NULL, agency TEXT NOT NULL,
                        message_id TEXT NOT NULL, recorded_at REAL NOT NULL,
                        UNIQUE (occurrence_key, agency, message_id));
                    CREATE TABLE skipped_reminders (
                        id INTEGER PRIMARY KEY, occurrence_key TEXT NOT NULL, stage TEXT NOT NULL, kind TEXT NOT NULL,
                        due_date TEXT, planned_at REAL NOT NULL, reason TEXT NOT NULL, agencies TEXT NOT NULL,
                        count INTEGER NOT NULL, recorded_at REAL NOT NULL);
                    """)
            let occurrence = occurrenceKey
            try db.execute(
                sql: """
                    INSERT INTO deliveries (id, reminder_key, channel, occurrence_key, agency, kind, stage, due_date,
                        planned_at, status, attempts, message_id, sent_at, created_at, updated_at)
                    VALUES (7, ?, 'email:vanthu@sotc.gov.vn', ?, 'so-tc', 'before', 'before-3', '2025-04-25', 1,
                            'sent', 1, '<1@nhacviec>', 2, 1, 2),
                        (8, ?, 'email:vanthu@sotc.gov.vn', ?, 'so-tc', 'due', 'due', '2025-04-25', 3, 'pending', 0,
                            NULL, NULL, 3, 3);
                    INSERT INTO threads (occurrence_key, agency, message_id, recorded_at)
                    VALUES (?, 'so-tc', '<1@nhacviec>', 2);
                    """,
                arguments: [
                    "\(occurrence):so-tc:before-3", occurrence, "\(occurrence):so-tc:due", occurrence, occurrence,
                ])
        }
        try await old.close()

        let ledger = try Ledger(path: directory.ledgerPath)
        #expect(try await ledger.appliedMigrations().last == "v6-narrow-deliveries")
        let records = try await ledger.records(forOccurrence: occurrenceKey)
        #expect(records.map(\.id) == [7, 8])
        #expect(records.map(\.reminderKey) == ["\(occurrenceKey):so-tc:before-3", "\(occurrenceKey):so-tc:due"])
        #expect(records.map(\.status) == [.sent, .pending])
        let keys = [
            delivery(stage: "before-3").reminderKey, delivery().reminderKey, delivery(stage: "overdue-1").reminderKey,
        ]
        #expect(try await ledger.existingKeys(reminderKeys: keys) == Set(keys.prefix(2)))
        #expect(try await ledger.insertIfMissing([delivery(stage: "due")], now: morning) == 0, "never recorded twice")
        #expect(try await ledger.thread(occurrenceKey: occurrenceKey, agency: AgencyID("so-tc")) == ["<1@nhacviec>"])
    }

    @Test("Two handles on one file, as two processes, see each other's commits")
    func twoHandlesShareCommits() async throws {
        let directory = try TemporaryDirectory()
        let daemon = try Ledger(path: directory.ledgerPath)
        let cli = try Ledger(path: directory.ledgerPath)
        let row = try #require(try await daemon.seed([delivery()]).first)
        try await daemon.markSending(ids: [row.id], messageID: "<1@nhacviec>", now: morning)
        try await daemon.markSent(ids: [row.id], now: morning)
        #expect(try await cli.counts()[.sent] == 1)

        try await cli.acknowledge(occurrenceKey: occurrenceKey, agency: AgencyID("so-yt"), note: nil, now: morning)
        #expect(
            try await daemon.acknowledgedAgencies(occurrenceKeys: [occurrenceKey]) == [
                occurrenceKey: [AgencyID("so-yt")]
            ])
    }

    @Test("Two handles writing at the same time wait for each other instead of failing")
    func concurrentWritersWait() async throws {
        let directory = try TemporaryDirectory()
        let handles = [try Ledger(path: directory.ledgerPath), try Ledger(path: directory.ledgerPath)]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, ledger) in handles.enumerated() {
                group.addTask {
                    for batch in 0..<20 {
                        let items = (0..<100).map { delivery(agency: "h\(index)-b\(batch)-\($0)") }
                        try await ledger.insertIfMissing(items, now: morning)
                        try await ledger.setMeta(index == 0 ? .lastPass : .nextWake, "\(batch)")
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await handles[0].counts()[.pending] == 4_000)
    }
}

@Suite("Ledger errors")
struct LedgerErrorTests {
    @Test("A file that is not SQLite gives an error naming the file")
    func garbageFileIsReported() throws {
        let directory = try TemporaryDirectory()
        let path = directory.ledgerPath
        try Data(String(repeating: "nhắc việc, not a database\n", count: 200).utf8).write(
            to: URL(fileURLWithPath: path))
        let error = try #require(throws: StoreError.self) { try Ledger(path: path) }
        #expect(error.code == .unreadable)
        #expect(error.path == path)
        #expect(error.description.contains(path))
        #expect(error.description.contains("not an SQLite database"))
    }

    @Test("A state directory that cannot be created gives an error naming it")
    func uncreatableDirectoryIsReported() throws {
        let directory = try TemporaryDirectory()
        let blocker = directory.url.appendingPathComponent("state")
        try Data("a file where the directory should be".utf8).write(to: blocker)
        let error = try #require(throws: StoreError.self) {
            try Ledger(path: blocker.appendingPathComponent("state.sqlite").path)
        }
        #expect(
            error.description
                == "cannot create the directory \(blocker.path): a file that is not a directory is in the way"
                + " (check state_dir and the service user)"
        )
    }

    @Test("A path that names a directory gives an error with the path and a fix")
    func directoryAsFileIsReported() throws {
        let directory = try TemporaryDirectory()
        let error = try #require(throws: StoreError.self) { try Ledger(path: directory.url.path) }
        #expect(error.description.hasPrefix("cannot open \(directory.url.path): "))
        #expect(error.fix == "check state_dir and the service user")
    }
}
