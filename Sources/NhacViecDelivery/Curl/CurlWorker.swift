import Dispatch

/// The serial queue on which one transport runs its blocking `curl_easy_perform` calls.
///
/// Blocking work never runs on the Swift cooperative pool: callers `await` a continuation that the
/// queue resumes. Cancelling the awaiting task sets a flag that libcurl's progress callback sees,
/// which aborts the transfer.
final class CurlWorker: Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    /// Runs `body` on the worker's queue and returns its result.
    func run<Result: Sendable>(
        _ body: @escaping @Sendable (CurlCancellation) -> Result
    ) async -> Result {
        let cancellation = CurlCancellation()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                queue.async {
                    continuation.resume(returning: body(cancellation))
                }
            }
        } onCancel: {
            cancellation.cancel()
        }
    }

    /// Releases `easy` on the worker's queue, after any transfer still running, so that
    /// `curl_easy_cleanup` (which may say QUIT and wait for the reply) never blocks the caller.
    func retire(_ easy: CurlEasy) {
        queue.async {
            withExtendedLifetime(easy) {}
        }
    }
}
