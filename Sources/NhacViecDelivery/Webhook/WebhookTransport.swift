import CCurl
package import Foundation
package import NhacViecCore

/// Posts signed JSON webhooks (Standard Webhooks) with libcurl, reusing connections between calls.
///
/// Requests run one at a time on the transport's own serial queue, never on the Swift cooperative
/// pool. Redirects are not followed. Cancelling the calling task aborts the request in progress.
package final class WebhookTransport: WebhookSending {
    private let easy: CurlEasy
    private let worker = CurlWorker(label: "nhacviec.webhook")
    private let secret: WebhookSecret
    private let userAgent: String
    private let now: @Sendable () -> Date

    /// Prepares the transport (no network traffic yet).
    ///
    /// - Parameters:
    ///   - secret: The signing key.
    ///   - configuration: Time limits and trust.
    ///   - now: The clock for `webhook-timestamp` and `Retry-After` dates.
    /// - Throws: `WebhookConfigurationError`.
    package init(
        secret: WebhookSecret,
        configuration: WebhookConfiguration = WebhookConfiguration(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws(WebhookConfigurationError) {
        if let caFile = configuration.caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw WebhookConfigurationError(.caFileUnreadable(caFile))
        }
        self.secret = secret
        self.userAgent = configuration.userAgent
        self.now = now
        do {
            easy = try CurlEasy()
        } catch {
            throw WebhookConfigurationError(.curl(error.reason))
        }
        do {
            try easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
            try easy.set(CURLOPT_FOLLOWLOCATION, 0)
            try easy.set(CURLOPT_POST, 1)
            try easy.set(CURLOPT_SSL_VERIFYPEER, 1)
            try easy.set(CURLOPT_SSL_VERIFYHOST, 2)
            if let caFile = configuration.caFile {
                try easy.set(CURLOPT_CAINFO, caFile)
            }
            try easy.set(CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.milliseconds)
            try easy.set(CURLOPT_TIMEOUT_MS, configuration.timeout.milliseconds)
        } catch {
            throw WebhookConfigurationError(.curl(error.description))
        }
    }

    deinit {
        worker.retire(easy)
    }

    /// POSTs `request.body`, signed at the current time, and classifies the reply.
    package func send(_ request: WebhookRequest) async -> WebhookDeliveryResult {
        let easy = self.easy
        let sentAt = now()
        let headers =
            request.headers(signedWith: secret, timestamp: Int64(sentAt.timeIntervalSince1970))
            .map { "\($0.name): \($0.value)" }
            // An empty Expect stops libcurl from waiting for `100 Continue` on bodies over 1 KiB.
            + ["user-agent: \(userAgent)", "Expect:"]
        let now = self.now
        return await worker.run { cancellation in
            guard !cancellation.isCancelled else {
                return .retryable(status: nil, retryAfter: nil, reason: "delivery cancelled before it started")
            }
            do throws(CurlOptionError) {
                try easy.set(CURLOPT_URL, request.endpoint.url)
                // The body is read through the read callback; a known size avoids chunked encoding.
                try easy.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(request.body.count))
                let transfer = CurlTransfer(cancellation: cancellation, upload: request.body)
                let outcome = try easy.with(CURLOPT_HTTPHEADER, list: headers) { easy.perform(transfer) }
                if outcome.code == CURLE_OPERATION_TIMEDOUT || outcome.code == CURLE_ABORTED_BY_CALLBACK {
                    easy.dropConnection()
                }
                return WebhookTransport.classify(
                    outcome,
                    retryAfter: transfer.responseHeader("retry-after"),
                    location: transfer.responseHeader("location"),
                    now: now().timeIntervalSince1970
                )
            } catch {
                return .configuration(reason: error.description)
            }
        }
    }
}
