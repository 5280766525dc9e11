import Foundation
import GRDB

/// What a ledger file holds, for the line `backup` and `restore` print and for checking a copy before using it.
package struct LedgerSummary: Sendable, Equatable {
    /// Rows of the delivery ledger (every reminder, receipt and webhook ever recorded).
    package let deliveries: Int
    /// Reports of "done" (hoàn thành).
    package let acknowledgements: Int
    /// Size of the file.
    package let bytes: Int64
}

extension Ledger {
    /// Writes a consistent copy of the ledger at `source` to `destination`, while the service may go on writing.
    ///
    /// SQLite's online backup copies every page in one step inside one read transaction: in WAL mode that is one
    /// snapshot, and writers are not blocked. The copy is written beside `destination`, switched to a rollback
    /// journal (one self-contained file), checked with `PRAGMA integrity_check`, flushed, and only then renamed
    /// over `destination`, so a crash never leaves a half-written backup under the final name.
    package static func backup(from source: String, to destination: String) throws -> LedgerSummary {
        guard FileManager.default.fileExists(atPath: source) else {
            throw StoreError(
                code: .other, path: source, action: "back up", reason: "there is no ledger yet",
                fix: "the service creates it at its first start")
        }
        let partial = destination + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        do {
            let reader = try DatabaseQueue(path: source, configuration: copyConfiguration(readonly: true))
            let copy = try DatabaseQueue(path: partial, configuration: copyConfiguration(readonly: false))
            try reader.backup(to: copy)
            try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
            try reader.close()
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw StoreError(path: destination, action: "write the backup", underlying: error)
        }
        let summary: LedgerSummary
        do {
            summary = try inspect(partial)
            try flush(partial)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
        guard rename(partial, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: partial)
            throw StoreError(
                code: errno == EACCES ? .permissionDenied : .other, path: destination, action: "write the backup",
                reason: reason, fix: nil)
        }
        return summary
    }

    /// Replaces the ledger at `livePath` with the copy at `source`, after checking the copy; the service must be
    /// stopped (see `StateLock`).
    ///
    /// The copy is first copied into the state directory and checked there (SQLite, intact, written by this or an
    /// older nhacviec), so a bad file changes nothing. The current ledger, if any, is moved aside as it is (with its
    /// WAL) to `<livePath>.before-restore`: no process holds it, and a corrupt ledger, the usual reason to restore,
    /// could not be copied through SQLite. The restored file is then opened once, which upgrades an older schema.
    /// - Returns: what the restored ledger holds, and where the previous one was kept.
    package static func restore(
        from source: String, to livePath: String
    ) throws -> (summary: LedgerSummary, previous: String?) {
        let staging = livePath + ".restoring"
        let fileManager = FileManager.default
        try? fileManager.removeItem(atPath: staging)
        do {
            try fileManager.createDirectory(
                atPath: (livePath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try fileManager.copyItem(atPath: source, toPath: staging)
        } catch {
            throw StoreError(
                code: .other, path: source, action: "read the backup", reason: error.localizedDescription,
                fix: "check the path and that this user may read it")
        }
        defer { try? fileManager.removeItem(atPath: staging) }
        let summary = try inspect(staging, reportedAs: source)
        let kept = livePath + ".before-restore"
        let previous = fileManager.fileExists(atPath: livePath) ? kept : nil
        do {
            for suffix in ["", "-wal", "-shm"] {
                try? fileManager.removeItem(atPath: kept + suffix)
                guard fileManager.fileExists(atPath: livePath + suffix) else { continue }
                if previous != nil {
                    try fileManager.moveItem(atPath: livePath + suffix, toPath: kept + suffix)
                } else {
                    try fileManager.removeItem(atPath: livePath + suffix)  // a WAL left without its database
                }
            }
            try fileManager.moveItem(atPath: staging, toPath: livePath)
        } catch {
            throw StoreError(
                code: .other, path: livePath, action: "restore", reason: error.localizedDescription,
                fix: previous.map { "the previous ledger is kept as \($0)" })
        }
        _ = try Ledger(path: livePath)
        StateLock.handOver([livePath, livePath + "-wal", livePath + "-shm"])
        return (summary, previous)
    }

    /// Checks that `path` is an intact nhacviec ledger this version can use, and counts what it holds.
    ///
    /// - Parameter name: the path to name in errors (the admin's file, not a staging copy).
    package static func inspect(_ path: String, reportedAs name: String? = nil) throws -> LedgerSummary {
        let name = name ?? path
        let known = Set(migrator.migrations)
        do {
            let queue = try DatabaseQueue(path: path, configuration: copyConfiguration(readonly: false))
            defer { try? queue.close() }
            return try queue.read { db in
                let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                guard integrity == ["ok"] else {
                    throw StoreError(
                        code: .unreadable, path: name, action: "check",
                        reason: "the copy is damaged (\(integrity.prefix(3).joined(separator: "; ")))",
                        fix: "use an older backup")
                }
                guard try db.tableExists("deliveries"), try db.tableExists("grdb_migrations") else {
                    throw StoreError(
                        code: .unexpectedContent, path: name, action: "check",
                        reason: "the file is an SQLite database but not an nhacviec ledger",
                        fix: "give the file `nhacviec backup` wrote")
                }
                let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                if let unknown = applied.first(where: { !known.contains($0) }) {
                    throw StoreError(
                        code: .newerSchema, path: name, action: "check",
                        reason: "a newer version of nhacviec wrote it (schema step '\(unknown)')",
                        fix: "restore it with that version")
                }
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
                return LedgerSummary(
                    deliveries: try Int.fetchOne(db, sql: "SELECT count(*) FROM deliveries") ?? 0,
                    acknowledgements: try Int.fetchOne(db, sql: "SELECT count(*) FROM acknowledgements") ?? 0,
                    bytes: size)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(path: name, action: "check", underlying: error)
        }
    }

    private static func copyConfiguration(readonly: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.readonly = readonly
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "nhacviec.ledger-copy"
        return configuration
    }

    /// fsync(2): the backup's bytes are on the disk before its name is.
    private static func flush(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        defer { if descriptor >= 0 { close(descriptor) } }
        guard descriptor >= 0, fsync(descriptor) == 0 else {
            throw StoreError(
                code: .ioError, path: path, action: "flush", reason: String(cString: strerror(errno)),
                fix: "check the disk")
        }
    }
}
