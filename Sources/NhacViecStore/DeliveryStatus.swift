/// Where one delivery stands: `pending → sending → sent | failed | skipped`.
package enum DeliveryStatus: String, Sendable, Hashable, CaseIterable {
    /// Waiting for its send time or for its next retry.
    case pending
    /// Handed to the transport; a row still `sending` after a restart was interrupted by a crash.
    case sending
    /// Accepted by the mail server or the webhook endpoint. Final.
    case sent
    /// Given up after a permanent error or once the reminder became moot. Final.
    case failed
    /// Never sent on purpose (an older stage during catch-up, an acknowledged occurrence). Final.
    case skipped
}
