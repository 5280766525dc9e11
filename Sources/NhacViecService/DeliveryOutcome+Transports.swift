import NhacViecCore
import NhacViecDelivery

extension MailDeliveryResult {
    /// The channel-neutral outcome the transition rules take.
    var outcome: DeliveryOutcome {
        switch self {
        case .sent: .sent
        case .retryable(let code, let reason):
            .retryable(reason: "\(code.map { "\($0) " } ?? "")\(reason)", retryAfter: nil)
        case .permanent(let code, let reason): .permanent(reason: "\(code) \(reason)")
        case .configuration(let reason): .configuration(reason: reason)
        }
    }
}

extension WebhookDeliveryResult {
    /// The channel-neutral outcome the transition rules take.
    var outcome: DeliveryOutcome {
        switch self {
        case .sent: .sent
        case .gone: .gone
        case .retryable(let status, let retryAfter, let reason):
            .retryable(reason: "\(status.map { "\($0) " } ?? "")\(reason)", retryAfter: retryAfter)
        case .permanent(let status, let reason): .permanent(reason: "\(status) \(reason)")
        case .configuration(let reason): .configuration(reason: reason)
        }
    }
}
