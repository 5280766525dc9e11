import Synchronization

/// A flag set when the Swift task waiting for a transfer is cancelled, read by libcurl's progress callback.
final class CurlCancellation: Sendable {
    private let cancelled = Atomic<Bool>(false)

    var isCancelled: Bool {
        cancelled.load(ordering: .acquiring)
    }

    func cancel() {
        cancelled.store(true, ordering: .releasing)
    }
}
