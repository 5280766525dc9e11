/// Time limits and trust for webhook deliveries (the `delivery.webhook` config section).
public struct WebhookConfiguration: Sendable {
    /// The most time allowed for connecting, including the TLS handshake.
    public var connectTimeout: Duration
    /// The most time allowed for one whole request (`timeout_seconds`).
    public var timeout: Duration
    /// A PEM file of CA certificates to trust instead of the system's.
    public var caFile: String?
    /// The `user-agent` header.
    public var userAgent: String

    public init(
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
