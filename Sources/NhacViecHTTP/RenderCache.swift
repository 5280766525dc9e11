package import Foundation
package import Hummingbird
package import NhacViecStore

/// Rendered answers (a calendar feed, a dashboard page) kept while the configuration and the ledger stay as they
/// were, so that repeated requests cost a lookup instead of a render: at national scale one agency's feed takes
/// about 0.3 s to build and the overview more than a second.
///
/// An entry serves only the ``Version`` it was rendered at, and for at most ``maximumAge``, which bounds what
/// depends on the clock alone (today's date, a cancelled event's 30 days). The least recently used entries go
/// first once the bodies pass ``byteLimit``.
package actor RenderCache {
    /// What a cached answer was rendered from: the configuration's reload generation and the ledger's change stamp.
    package struct Version: Sendable, Hashable {
        var configuration: Int
        var ledger: Ledger.ChangeStamp

        /// Nil for an in-memory ledger, whose changes cannot be seen: such answers are never cached.
        package init?(configuration: Int, ledger: Ledger) {
            guard let stamp = ledger.changeStamp() else { return nil }
            self.configuration = configuration
            self.ledger = stamp
        }
    }

    /// A rendered body and, for an answer that offers conditional requests, its strong ETag.
    package struct Entry: Sendable {
        package var body: ByteBuffer
        package var etag: String?

        package init(body: ByteBuffer, etag: String? = nil) {
            self.body = body
            self.etag = etag
        }
    }

    private struct Stored {
        var version: Version
        var entry: Entry
        var storedAt: Date
        var lastUse: UInt64
    }

    package static let maximumAge: TimeInterval = 60
    package let byteLimit: Int
    private var entries: [String: Stored] = [:]
    /// Renders under way, so that requests arriving meanwhile for the same key and version wait for that one render
    /// instead of each starting their own (sixteen feed readers at once made sixteen renders).
    private var rendering: [String: (version: Version, task: Task<Entry, any Error>)] = [:]
    private var bytes = 0
    private var uses: UInt64 = 0

    package init(byteLimit: Int = 32 << 20) {
        self.byteLimit = byteLimit
    }

    /// The entry of `key` at `version`: the stored one, the one being rendered, or a new one from `render`, stored
    /// for the next requests. A render that throws is not stored, and each waiting request gets its error.
    package func entry(
        _ key: String, version: Version, now: Date, render: @escaping @Sendable () async throws -> Entry
    ) async throws -> Entry {
        if let stored = entry(key, version: version, now: now) { return stored }
        if let running = rendering[key], running.version == version { return try await running.task.value }
        let task = Task { try await render() }
        rendering[key] = (version, task)
        defer {
            if rendering[key]?.version == version { rendering[key] = nil }
        }
        let entry = try await task.value
        store(key, version: version, entry: entry, now: now)
        return entry
    }

    /// The entry stored under `key` at `version`, if it is younger than ``maximumAge`` at `now`.
    package func entry(_ key: String, version: Version, now: Date) -> Entry? {
        guard var stored = entries[key], stored.version == version,
            now.timeIntervalSince(stored.storedAt) < Self.maximumAge, now >= stored.storedAt
        else { return nil }
        uses += 1
        stored.lastUse = uses
        entries[key] = stored
        return stored.entry
    }

    /// Keeps `entry` under `key`; a body larger than the whole limit is not kept.
    package func store(_ key: String, version: Version, entry: Entry, now: Date) {
        remove(key)
        guard entry.body.readableBytes <= byteLimit else { return }
        uses += 1
        entries[key] = Stored(version: version, entry: entry, storedAt: now, lastUse: uses)
        bytes += entry.body.readableBytes
        while bytes > byteLimit, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
            remove(oldest)
        }
    }

    /// How many answers are kept, and their bytes.
    package var size: (entries: Int, bytes: Int) { (entries.count, bytes) }

    private func remove(_ key: String) {
        if let old = entries.removeValue(forKey: key) { bytes -= old.entry.body.readableBytes }
    }
}
