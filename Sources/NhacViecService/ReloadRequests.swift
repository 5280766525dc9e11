/// Reload requests (SIGHUP) waiting to be picked up by the scheduling loop.
///
/// The loop waits for a request *or* its sleep to end; a request that arrives while the loop is busy
/// is kept until the next wait, so no SIGHUP is lost.
actor ReloadRequests {
    private enum State {
        case idle
        case pending
        case waiting(CheckedContinuation<Bool, Never>)
    }

    private var state = State.idle

    /// Records a request, waking the loop if it is waiting.
    func request() {
        switch state {
        case .waiting(let continuation):
            state = .idle
            continuation.resume(returning: true)
        case .idle, .pending:
            state = .pending
        }
    }

    /// Returns true when a reload was requested, false when the waiting task was cancelled first.
    func next() async -> Bool {
        if case .pending = state {
            state = .idle
            return true
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(returning: false)
                } else {
                    state = .waiting(continuation)
                }
            }
        } onCancel: {
            Task { await self.cancelWaiting() }
        }
    }

    private func cancelWaiting() {
        if case .waiting(let continuation) = state {
            state = .idle
            continuation.resume(returning: false)
        }
    }
}
