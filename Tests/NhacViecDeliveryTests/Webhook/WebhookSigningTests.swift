import NhacViecCore
import NhacViecDelivery
import Testing

@Suite("Signing and checking webhook settings")
struct WebhookSigningTests {
    @Test("The signature matches the Standard Webhooks reference vector")
    func referenceVector() throws {
        let secret = try WebhookSecret(parsing: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n")
        let signature = secret.signature(
            id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
            timestamp: 1_614_265_330,
            body: Array(#"{"test": 2432232314}"#.utf8)
        )
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test(
        "Malformed secrets are refused with a fix, without echoing the secret",
        arguments: [
            ("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", WebhookSecretError.Reason.missingPrefix),
            ("whsec_not*base64", .invalidBase64),
            ("whsec_c2hvcnQ=", .tooShort(bytes: 5)),
            ("whsec_" + String(repeating: "QUFB", count: 30), .tooLong(bytes: 90)),
        ]
    )
    func malformedSecrets(text: String, reason: WebhookSecretError.Reason) {
        #expect(throws: WebhookSecretError(reason)) { try WebhookSecret(parsing: text) }
        #expect(!WebhookSecretError(reason).description.contains(text))
    }

    @Test("The secret never shows in logs or dumps")
    func secretRedacted() throws {
        let secret = try WebhookSecret(parsing: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        #expect("\(secret)" == "whsec_<redacted>")
    }

    @Test(
        "Endpoints must be https, or http on loopback, without credentials",
        arguments: [
            ("https://hooks.gialai.example/nhacviec", true),
            ("http://127.0.0.1:8080/hook", true),
            ("http://localhost/hook", true),
            ("http://[::1]:9000/hook", true),
            ("http://hooks.gialai.example/nhacviec", false),
            ("ftp://hooks.gialai.example/", false),
            ("https://user:pw@hooks.gialai.example/", false),
            ("https://hooks.gialai.example/a b", false),
            ("https://hooks.gialai.example/\r\nX: y", false),
            ("/relative", false),
        ]
    )
    func endpoints(url: String, accepted: Bool) {
        if accepted {
            #expect(throws: Never.self) { try WebhookEndpoint(url) }
        } else {
            #expect(throws: WebhookConfigurationError.self) { try WebhookEndpoint(url) }
        }
    }

    @Test(
        "Webhook ids must fit in a header", arguments: ["", "a b", "a\nb", String(repeating: "x", count: 257), "khóa"])
    func ids(id: String) throws {
        let endpoint = try WebhookEndpoint("https://hooks.gialai.example/")
        #expect(throws: WebhookConfigurationError(.invalidID(id))) {
            try WebhookRequest(endpoint: endpoint, id: id, body: [])
        }
    }

    @Test("Preview headers carry the same signature the transport sends")
    func previewHeaders() throws {
        let secret = try WebhookSecret(parsing: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let request = try WebhookRequest(
            endpoint: WebhookEndpoint("https://hooks.gialai.example/"),
            id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
            body: Array(#"{"test": 2432232314}"#.utf8)
        )
        let headers = request.headers(signedWith: secret, timestamp: 1_614_265_330)
        #expect(headers.map(\.name) == ["content-type", "webhook-id", "webhook-timestamp", "webhook-signature"])
        #expect(headers.last?.value == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }
}
