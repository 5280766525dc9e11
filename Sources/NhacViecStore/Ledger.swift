import Foundation
import GRDB

/// The durable record of deliveries, acknowledgements, message threads and disabled webhook
/// endpoints, kept in `state_dir/state.sqlite`.
///
/// The file is SQLite in WAL mode, so the daemon and a second process (`nhacviec status`,
/// `nhacviec done`) use it at the same time: readers never wait, and a writer waits up to ten
/// seconds for another instead of failing with `SQLITE_BUSY`. Commits use `synchronous=NORMAL`:
/// a committed change (a row marked `sent`, say) survives any crash of the process, and only a
/// power cut or a kernel crash may lose the last transactions before SQLite's next checkpoint.
/// That costs no fsync per delivery and at worst resends a message the receiver can drop by its
/// Message-ID or `webhook-id`.
///
/// Every method runs its SQL on GRDB's own threads, never blocking the cooperative pool, and
/// throws ``StoreError`` (or `CancellationError` from a cancelled read).
///
/// - Important: Writes run to completion even when the calling task is cancelled, so a graceful
///   shutdown never leaves a delivered message marked `sending`.
package struct Ledger: Sendable {
    /// How long a write waits for another process's write before giving up.
    static let busyTimeout: TimeInterval = 10

    /// How many values one `IN (…)` list binds, well under SQLite's limit on variables.
    static let chunkSize = 500

    /// The database file, or `:memory:`.
    package let path: String

    /// `<state_dir>/state.sqlite`: the one place the ledger's file name is spelled.
    package static func path(inStateDirectory directory: String) -> String {
        directory + "/state.sqlite"
    }
    private let database: any DatabaseWriter
    /// Counts this process's writes, for ``changeStamp()``.
    let writes = WriteCounter()

    /// Opens the ledger at `path`, creating its directory, the file and the schema as needed, and
    /// applying any schema migration this version brings.
    ///
    /// - Throws: ``StoreError`` when the directory or file cannot be created or opened, when the
    ///   file is not an SQLite database or is corrupt, or when a newer nhacviec wrote it.
    package init(path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError(
                code: Self.fileSystemCode(error),
                path: directory.path,
                action: "create the directory",
                reason: Self.fileSystemReason(error),
                fix: "check state_dir and the service user"
            )
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: Self.configuration)
        } catch {
            throw StoreError(path: path, action: "open", underlying: error)
        }
        try self.init(path: path, database: pool)
    }

    /// An empty ledger in memory, for tests.
    package static func inMemory() throws -> Ledger {
        let path = ":memory:"
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(configuration: configuration)
        } catch {
            throw StoreError(path: path, action: "open", underlying: error)
        }
        return try Ledger(path: path, database: queue)
    }

    private init(path: String, database: any DatabaseWriter) throws {
        self.path = path
        self.database = database
        let superseded: Bool
        do {
            try Self.migrator.migrate(database)
            superseded = try database.read(Self.migrator.hasBeenSuperseded)
        } catch {
            throw StoreError(path: path, action: "open", underlying: error)
        }
        if superseded {
            throw StoreError(
                code: .newerSchema,
                path: path,
                action: "open",
                reason: "a newer version of nhacviec has changed its schema",
                fix: "run that version, or restore the ledger this version wrote"
            )
        }
        try Self.enableIncrementalVacuum(database, path: path)
    }

    /// Puts the file in incremental auto-vacuum mode, so that pages freed by retention go back to the file system.
    ///
    /// A file created before this mode existed is converted once by `VACUUM`, which rewrites it in one transaction: a
    /// crash leaves the old file intact, and the next start converts it again. It needs free space about the size of
    /// the file; without it the error says so.
    private static func enableIncrementalVacuum(_ database: any DatabaseWriter, path: String) throws {
        do {
            try database.writeWithoutTransaction { db in
                guard try Int.fetchOne(db, sql: "PRAGMA auto_vacuum") != incrementalVacuum else { return }
                try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
                try db.execute(sql: "VACUUM")
            }
        } catch {
            throw StoreError(path: path, action: "convert to incremental vacuum", underlying: error)
        }
    }

    /// `PRAGMA auto_vacuum`'s value for INCREMENTAL.
    private static let incrementalVacuum = 2

    private static var configuration: Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "nhacviec.ledger"
        return configuration
    }

    /// Why creating the state directory failed, in a few words.
    private static func fileSystemCode(_ error: any Error) -> StoreError.Code {
        switch (error as? CocoaError)?.code {
        case .fileWriteNoPermission?, .fileWriteVolumeReadOnly?: .permissionDenied
        case .fileWriteOutOfSpace?: .diskFull
        default: .other
        }
    }

    private static func fileSystemReason(_ error: any Error) -> String {
        switch (error as? CocoaError)?.code {
        case .fileWriteNoPermission?: "permission denied"
        case .fileWriteFileExists?: "a file that is not a directory is in the way"
        case .fileWriteVolumeReadOnly?: "the file system is read-only"
        case .fileWriteOutOfSpace?: "the disk is full"
        default: error.localizedDescription
        }
    }

    /// Runs `value` in a read-only transaction.
    func read<T: Sendable>(_ value: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await database.read(value)
        } catch let error as StoreError {
            throw error
        } catch let error as CancellationError {
            throw error
        } catch {
            throw StoreError(path: path, action: "read", underlying: error)
        }
    }

    /// Runs `updates` outside a transaction (for `PRAGMA incremental_vacuum`), completing even if the calling task is
    /// cancelled.
    func writeWithoutTransaction<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let database = database
        defer { writes.increment() }
        do {
            return try await Task { try await database.writeWithoutTransaction(updates) }.value
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(path: path, action: "write to", underlying: error)
        }
    }

    /// Runs `updates` in one write transaction that completes even if the calling task is cancelled.
    func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let database = database
        defer { writes.increment() }
        do {
            return try await Task { try await database.write(updates) }.value
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(path: path, action: "write to", underlying: error)
        }
    }
}
