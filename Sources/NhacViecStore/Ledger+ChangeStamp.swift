import Foundation
import Synchronization

extension Ledger {
    /// A value that changes whenever the ledger may have changed: after every write of this process, and whenever
    /// another process (`nhacviec done`, say) commits to the file. Pages rendered from the ledger are cached under it.
    ///
    /// Read it before reading what it guards: a write that lands in between changes the stamp, and the next request
    /// renders again.
    package struct ChangeStamp: Sendable, Hashable {
        var writes: UInt64
        /// Size and modification time (ns) of the file and of its write-ahead log, which every commit of any process
        /// appends to.
        var files: [Int64]
    }

    /// The current ``ChangeStamp``; nil for an in-memory ledger, which has no file to watch (nothing is cached).
    package func changeStamp() -> ChangeStamp? {
        guard path != ":memory:" else { return nil }
        var files: [Int64] = []
        for file in [path, path + "-wal"] {
            var info = stat()
            if stat(file, &info) == 0 {
                files += [
                    Int64(info.st_size), Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                ]
            } else {
                files += [-1, -1]
            }
        }
        return ChangeStamp(writes: writes.value, files: files)
    }
}

/// The number of write transactions a ``Ledger`` (and its copies, which share it) has finished.
final class WriteCounter: Sendable {
    private let count = Atomic<UInt64>(0)

    var value: UInt64 { count.load(ordering: .acquiring) }

    func increment() {
        count.add(1, ordering: .releasing)
    }
}
