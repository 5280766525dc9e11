/// Something that delivers signed webhook requests: the libcurl transport, or a fake in tests of the delivery pass.
package protocol WebhookSending: Sendable {
    /// Posts `request` once; never throws: every problem is a ``WebhookDeliveryResult``.
    func send(_ request: WebhookRequest) async -> WebhookDeliveryResult
}
