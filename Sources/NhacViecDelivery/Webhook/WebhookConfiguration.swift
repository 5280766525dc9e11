/// Time limits and trust for webhook deliveries (the `delivery.webhook` config section).
package struct WebhookConfiguration: Sendable {
    /// The most time allowed for connecting, including the TLS handshake.
    package var connectTimeout: Duration
    /// The most time allowed for one whole request (`timeout_seconds`).
    package var timeout: Duration
    /// A PEM file of CA certificates to trust instead of the system's.
    package var caFile: String?
    /// The `user-agent` header.
    package var userAgent: String

    package init(
        connectTimeout: Duration = .seconds(10),
        timeout: Duration = .seconds(15),
        caFile: String? = nil,
        userAgent: String = "nhacviec"
    ) {
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.caFile = caFile
        self.userAgent = userAgent
    }
}
