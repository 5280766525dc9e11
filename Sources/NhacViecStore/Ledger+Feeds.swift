package import Foundation
import GRDB
package import NhacViecCore

extension Ledger {
    /// `v3-feed-events`: the calendar feeds' tokens and what each feed last published.
    ///
    /// A feed token is kept in clear, unlike a link token: it never expires, grants only reading deadlines, and every
    /// reminder's footer must print it again. A `*` scope is the province-wide feed.
    static func registerFeedMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3-feed-events") { db in
            try db.execute(
                sql: """
                    CREATE TABLE feed_tokens (
                        scope TEXT PRIMARY KEY,
                        token TEXT NOT NULL,
                        hash TEXT NOT NULL UNIQUE,
                        created_at REAL NOT NULL
                    );

                    CREATE TABLE feed_events (
                        scope TEXT NOT NULL,
                        uid TEXT NOT NULL,
                        due TEXT NOT NULL,
                        summary TEXT NOT NULL,
                        fingerprint TEXT NOT NULL,
                        sequence INTEGER NOT NULL CHECK (sequence >= 0),
                        modified_at REAL NOT NULL,
                        cancelled_at REAL,
                        PRIMARY KEY (scope, uid)
                    ) WITHOUT ROWID;
                    """
            )
        }
    }

    /// The feed token of `scope`, created on first use; `rotate` replaces it, and the old one stops working at once.
    package func feedToken(for scope: FeedScope, rotate: Bool = false, now: Date) async throws -> AccessToken {
        let fresh = AccessToken.generate(.feed)
        return try await write { db in
            if !rotate,
                let text = try String.fetchOne(
                    db, sql: "SELECT token FROM feed_tokens WHERE scope = ?", arguments: [scope.key]),
                let existing = AccessToken(parsing: text, purpose: .feed)
            {
                return existing
            }
            try db.execute(
                sql: """
                    INSERT INTO feed_tokens (scope, token, hash, created_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (scope) DO UPDATE SET token = excluded.token, hash = excluded.hash,
                        created_at = excluded.created_at
                    """,
                arguments: [scope.key, fresh.text, fresh.hash, now.unixSeconds])
            return fresh
        }
    }

    /// The scope `token` reads, or nil when it is unknown or was rotated away.
    package func feedScope(of token: AccessToken) async throws -> FeedScope? {
        guard token.purpose == .feed else { return nil }
        let hash = token.hash
        return try await read { db in
            try String.fetchOne(db, sql: "SELECT scope FROM feed_tokens WHERE hash = ?", arguments: [hash])
                .map(FeedScope.init(key:))
        }
    }

    /// What the feed of `scope` published before, by UID.
    package func publishedEvents(scope: FeedScope) async throws -> [String: PublishedEvent] {
        try await read { db in
            var events: [String: PublishedEvent] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT uid, due, summary, fingerprint, sequence, modified_at, cancelled_at
                    FROM feed_events WHERE scope = ?
                    """,
                arguments: [scope.key])
            while let row = try rows.next() {
                let due: String = try row.decode(forColumn: "due")
                let cancelled: Double? = try row.decode(forColumn: "cancelled_at")
                guard let date = CivilDate(parsing: due) else { continue }
                let event = try PublishedEvent(
                    uid: row.decode(forColumn: "uid"), date: date, summary: row.decode(forColumn: "summary"),
                    fingerprint: row.decode(forColumn: "fingerprint"), sequence: row.decode(forColumn: "sequence"),
                    modifiedAt: Date(unixSeconds: row.decode(forColumn: "modified_at")),
                    cancelledAt: cancelled.map(Date.init(unixSeconds:)))
                events[event.uid] = event
            }
            return events
        }
    }

    /// Stores what one render of the feed of `scope` changed, in one transaction.
    package func recordPublication(scope: FeedScope, changed: [PublishedEvent], removed: [String]) async throws {
        try await write { db in
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO feed_events (scope, uid, due, summary, fingerprint, sequence, modified_at,
                        cancelled_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for event in changed {
                try upsert.execute(arguments: [
                    scope.key, event.uid, event.date.iso8601, event.summary, event.fingerprint, event.sequence,
                    event.modifiedAt.unixSeconds, event.cancelledAt?.unixSeconds,
                ])
            }
            let delete = try db.cachedStatement(sql: "DELETE FROM feed_events WHERE scope = ? AND uid = ?")
            for uid in removed { try delete.execute(arguments: [scope.key, uid]) }
        }
    }
}
