package import NhacViecCore

/// One webhook delivery: where, the idempotency id, and the JSON body.
package struct WebhookRequest: Hashable, Sendable {
    package let endpoint: WebhookEndpoint
    /// The `webhook-id`: the reminder key, the same on every retry so receivers can deduplicate.
    package let id: String
    /// The JSON payload, exactly as signed and sent.
    package let body: [UInt8]

    /// Creates a request after checking that `id` can go into a header.
    ///
    /// - Throws: `WebhookConfigurationError` when `id` is empty, longer than 256 characters, or holds
    ///   anything but printable ASCII without spaces.
    package init(endpoint: WebhookEndpoint, id: String, body: [UInt8]) throws(WebhookConfigurationError) {
        guard (1...256).contains(id.utf8.count), id.utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) else {
            throw WebhookConfigurationError(.invalidID(id))
        }
        self.endpoint = endpoint
        self.id = id
        self.body = body
    }

    /// The headers sent with the body at `timestamp` (Unix seconds), signature included; for previews.
    package func headers(signedWith secret: WebhookSecret, timestamp: Int64) -> [(name: String, value: String)] {
        [
            ("content-type", "application/json"),
            ("webhook-id", id),
            ("webhook-timestamp", String(timestamp)),
            ("webhook-signature", secret.signature(id: id, timestamp: timestamp, body: body)),
        ]
    }
}
