package import Foundation

/// What a transport reported for one attempt, whatever the channel: the input of ``DeliveryTransition/after(_:attempts:now:policy:)``.
package enum DeliveryOutcome: Sendable, Hashable {
    /// Accepted (2xx, SMTP 250, written to the outbox).
    case sent
    /// Not delivered this time: 4xx SMTP replies, 429/408/5xx, timeouts, refused connections; `retryAfter` is the
    /// receiver's `Retry-After`, if any.
    case retryable(reason: String, retryAfter: Duration?)
    /// Refused for good (5xx SMTP, other HTTP statuses, redirects): trying again will not help.
    case permanent(reason: String)
    /// The setup is wrong (TLS, certificate, authentication, a missing secret): nothing works until an operator fixes
    /// it, so retry rarely.
    case configuration(reason: String)
    /// 410 Gone: the receiver asks never to be called again.
    case gone
}

/// The ledger change one attempt leads to, for every channel (email, webhook, receipts): decided here, written by the
/// caller with `Ledger.apply`.
package enum DeliveryTransition: Sendable, Hashable {
    case sent
    case retry(at: Date, error: String)
    case failed(error: String)
    case skipped(reason: String)
    /// Fail this delivery and disable its endpoint, so no later delivery calls it.
    case disableEndpoint(error: String)

    /// The transition after the `attempts`-th attempt (counting this one) ended in `outcome` at `now`.
    ///
    /// - Parameters:
    ///   - maximumAttempts: give up after this many attempts (nil: retry until the reminder is moot).
    package static func after(
        _ outcome: DeliveryOutcome, attempts: Int, now: Date, policy: RetryPolicy, maximumAttempts: Int? = nil
    ) -> DeliveryTransition {
        func retry(_ error: String, delay: Duration) -> DeliveryTransition {
            if let maximumAttempts, attempts >= maximumAttempts {
                return .failed(error: "gave up after \(attempts) attempts: \(error)")
            }
            return .retry(at: now.addingTimeInterval(delay.timeInterval), error: error)
        }
        switch outcome {
        case .sent:
            return .sent
        case .retryable(let reason, let retryAfter):
            return retry(reason, delay: policy.delay(afterAttempt: attempts, suggested: retryAfter))
        case .permanent(let reason):
            return .failed(error: reason)
        case .configuration(let reason):
            return retry("configuration: \(reason)", delay: policy.maximum)
        case .gone:
            return .disableEndpoint(error: "410 Gone: endpoint disabled")
        }
    }

    /// A delivery not sent in time is given up instead of retried: see ``RetryPolicy/isMoot(kind:dueDate:plannedDate:today:)``.
    package static func moot(lastError: String?) -> DeliveryTransition {
        .failed(
            error: "moot: not delivered before it stopped mattering" + (lastError.map { "; last error: \($0)" } ?? ""))
    }
}
