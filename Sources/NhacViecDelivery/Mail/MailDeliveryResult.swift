/// What happened to one message for one recipient, as a value the caller can act on.
package enum MailDeliveryResult: Hashable, Sendable, CustomStringConvertible {
    /// Accepted; `code` is the server's final reply (250), or 0 for the outbox.
    case sent(code: Int)
    /// Not delivered this time; try again later (4xx reply, connection refused, timeout, cancelled).
    case retryable(code: Int?, reason: String)
    /// Refused for good (5xx reply): do not retry this recipient with this message.
    case permanent(code: Int, reason: String)
    /// Nothing will work until an operator fixes the setup (TLS, certificate, authentication, paths).
    case configuration(reason: String)

    /// Whether the message was accepted.
    package var isSent: Bool {
        if case .sent = self { true } else { false }
    }

    package var description: String {
        switch self {
        case .sent(let code): "sent (\(code))"
        case .retryable(let code?, let reason): "retryable (\(code)): \(reason)"
        case .retryable(nil, let reason): "retryable: \(reason)"
        case .permanent(let code, let reason): "permanent failure (\(code)): \(reason)"
        case .configuration(let reason): "configuration error: \(reason)"
        }
    }
}
