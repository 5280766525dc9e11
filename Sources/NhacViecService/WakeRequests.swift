/// Requests to wake the scheduling loop early: a reload (SIGHUP), a full pass now (the dashboard queued a delivery
/// again), or only the receipts (an acknowledgement arrived and its receipt should leave at once).
///
/// The loop waits for a request *or* its sleep to end; a request that arrives while the loop is busy is kept until
/// the next wait, so none is lost. A pending reload is served first, then a pass, then receipts (a full pass sends
/// the receipts too).
package actor WakeRequests {
    /// Why the loop woke.
    package enum Reason: Sendable, Hashable, CaseIterable {
        /// Load the configuration again.
        case reload
        /// A whole delivery pass: something was queued for sending now.
        case pass
        /// Only the waiting receipts, without planning the configuration again.
        case receipts
    }

    private enum State {
        case idle
        case pending(Set<Reason>)
        case waiting(CheckedContinuation<Reason?, Never>)
    }

    private var state = State.idle

    package init() {}

    /// Records a request, waking the loop if it is waiting.
    package func request(_ reason: Reason) {
        switch state {
        case .waiting(let continuation):
            state = .idle
            continuation.resume(returning: reason)
        case .idle:
            state = .pending([reason])
        case .pending(var reasons):
            reasons.insert(reason)
            state = .pending(reasons)
        }
    }

    /// The next request, or nil when the waiting task was cancelled first.
    func next() async -> Reason? {
        if case .pending(var reasons) = state {
            let reason = Reason.allCases.first(where: reasons.contains) ?? .receipts
            reasons.remove(reason)
            state = reasons.isEmpty ? .idle : .pending(reasons)
            return reason
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(returning: nil)
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
            continuation.resume(returning: nil)
        }
    }
}
