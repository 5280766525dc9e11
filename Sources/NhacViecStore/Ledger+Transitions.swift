package import Foundation
package import NhacViecCore

extension Ledger {
    /// Writes the outcome of one attempt on the deliveries `ids`, whatever their channel; `endpoint` is the webhook
    /// URL a ``DeliveryTransition/disableEndpoint(error:)`` disables.
    package func apply(
        _ transition: DeliveryTransition, ids: [Int64], endpoint: String? = nil, now: Date
    ) async throws {
        switch transition {
        case .sent:
            try await markSent(ids: ids, now: now)
        case .retry(let at, let error):
            try await markRetry(ids: ids, error: error, nextAttemptAt: at, now: now)
        case .failed(let error):
            try await markFailed(ids: ids, error: error, now: now)
        case .skipped(let reason):
            try await markSkipped(ids: ids, reason: reason, now: now)
        case .disableEndpoint(let error):
            if let endpoint { try await disableEndpoint(url: endpoint, reason: "410 Gone", now: now) }
            try await markFailed(ids: ids, error: error, now: now)
        }
    }

    /// Writes the outcome of one attempt on a queued receipt.
    package func apply(_ transition: DeliveryTransition, receipt id: Int64, now: Date) async throws {
        switch transition {
        case .sent:
            try await markReceiptSent(id: id, now: now)
        case .retry(let at, let error):
            try await markReceiptRetry(id: id, error: error, nextAttemptAt: at)
        case .failed(let error), .skipped(let error), .disableEndpoint(let error):
            try await markReceiptFailed(id: id, error: error)
        }
    }
}
