/// What happened to one webhook delivery, as a value the caller can act on.
package enum WebhookDeliveryResult: Hashable, Sendable, CustomStringConvertible {
    /// A 2xx reply.
    case sent(status: Int)
    /// 410 Gone: the receiver asks never to be called again; disable this endpoint.
    case gone
    /// 429, 408, 5xx, timeouts and connection errors; `retryAfter` is the receiver's `Retry-After`, if any.
    case retryable(status: Int?, retryAfter: Duration?, reason: String)
    /// Any other reply, redirects included (they are not followed): retrying will not help.
    case permanent(status: Int, reason: String)
    /// TLS or certificate problems, an unusable URL: an operator must fix the setup.
    case configuration(reason: String)

    package var description: String {
        switch self {
        case .sent(let status): "sent (\(status))"
        case .gone: "gone (410): endpoint disabled by the receiver"
        case .retryable(let status, let retryAfter, let reason):
            "retryable\(status.map { " (\($0))" } ?? "")\(retryAfter.map { ", retry after \($0)" } ?? ""): \(reason)"
        case .permanent(let status, let reason): "permanent failure (\(status)): \(reason)"
        case .configuration(let reason): "configuration error: \(reason)"
        }
    }
}
