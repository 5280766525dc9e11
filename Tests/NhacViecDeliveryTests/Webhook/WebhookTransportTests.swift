import Foundation
import NhacViecCore
import NhacViecDelivery
import Testing

@Suite("Posting signed webhooks (http.server on 127.0.0.1)")
struct WebhookTransportTests {
    static let body = Array(
        """
        {"type":"reminder","plan":"kh25","task":"bc-tthc","milestone":"2026-06","title":"Báo cáo kết quả cắt giảm, đơn giản hóa thủ tục hành chính","due":"2026-06-15","nominal_due":"2026-06-15","working_days_left":3,"agency":"stp","kind":"before","key":"kh25/bc-tthc/2026-06-15#3"}
        """.utf8
    )

    static func request(
        _ server: WebhookTestServer, _ path: String, id: String = "kh25/bc-tthc/2026-06-15#3"
    ) throws
        -> WebhookRequest
    {
        try WebhookRequest(endpoint: WebhookEndpoint(server.url(path)), id: id, body: body)
    }

    static func transport(timeout: Duration = .seconds(15)) throws -> WebhookTransport {
        try WebhookTransport(
            secret: WebhookSecret(parsing: WebhookTestServer.secret),
            configuration: WebhookConfiguration(connectTimeout: .seconds(5), timeout: timeout)
        )
    }

    @Test("A 2xx reply is sent, and the receiver's own check of the signature passes")
    func signedAndSent() async throws {
        let server = try WebhookTestServer()
        let transport = try Self.transport()
        let before = Int(Date().timeIntervalSince1970)

        #expect(await transport.send(try Self.request(server, "/ok")) == .sent(status: 200))
        #expect(await transport.send(try Self.request(server, "/accepted")) == .sent(status: 202))

        let received = try server.received()
        try #require(received.count == 2)
        for request in received {
            #expect(request.verified)
            #expect(request.id == "kh25/bc-tthc/2026-06-15#3")
            #expect(request.contentType == "application/json")
            #expect(request.body == String(decoding: Self.body, as: UTF8.self))
            #expect(request.transferEncoding == nil)
            let timestamp = try #require(request.timestamp.flatMap { Int($0) })
            #expect((before...before + 60).contains(timestamp))
        }
        #expect(received[0].clientPort == received[1].clientPort, "the connection is reused")
    }

    @Test(
        "Replies are classified: redirects not followed, 410 gone, 429/5xx retryable with Retry-After, other 4xx permanent",
        arguments: [
            ("/redirect", "permanent 301"),
            ("/gone", "gone"),
            ("/bad", "permanent 400"),
            ("/ratelimit", "retryable 429 after 120"),
            ("/unavailable", "retryable 503 after 30"),
            ("/error", "retryable 500"),
            ("/missing", "permanent 404"),
        ]
    )
    func classification(path: String, expected: String) async throws {
        let server = try WebhookTestServer()
        let result = await (try Self.transport()).send(try Self.request(server, path))
        let summary =
            switch result {
            case .sent(let status): "sent \(status)"
            case .gone: "gone"
            case .permanent(let status, _): "permanent \(status)"
            case .retryable(let status?, let after?, _): "retryable \(status) after \(after.components.seconds)"
            case .retryable(let status?, nil, _): "retryable \(status)"
            case .retryable(nil, _, let reason): "retryable: \(reason)"
            case .configuration(let reason): "configuration: \(reason)"
            }
        #expect(summary == expected)
        let received = try server.received()
        #expect(received.map(\.path) == [path], "exactly one request, no redirect followed")
        #expect(received.allSatisfy { $0.verified })
    }

    @Test("A Retry-After given as an HTTP date becomes the delay until that date")
    func retryAfterDate() async throws {
        let server = try WebhookTestServer()
        let result = await (try Self.transport()).send(try Self.request(server, "/ratelimit-date"))
        guard case .retryable(429, let after?, _) = result else {
            Issue.record("expected retryable 429 with a delay, got \(result)")
            return
        }
        #expect((.seconds(85)...(.seconds(91))).contains(after))
    }

    @Test("A request that outlives the timeout is retryable and the next one still goes")
    func timeout() async throws {
        let server = try WebhookTestServer()
        let transport = try Self.transport(timeout: .milliseconds(800))
        let result = await transport.send(try Self.request(server, "/slow"))
        guard case .retryable(nil, nil, let reason) = result else {
            Issue.record("expected retryable without status, got \(result)")
            return
        }
        #expect(reason.contains("timed out"))
        #expect(await transport.send(try Self.request(server, "/ok")) == .sent(status: 200))
    }

    @Test("Cancelling the waiting task aborts the request")
    func cancellation() async throws {
        let server = try WebhookTestServer()
        let transport = try Self.transport()
        let request = try Self.request(server, "/slow")
        let clock = ContinuousClock()
        let task = Task { await transport.send(request) }
        let start = clock.now
        // Waits for the server to hold the request (slow to come on a loaded machine); /slow answers after 20 s.
        while try server.received().isEmpty, clock.now - start < .seconds(60) {
            try await Task.sleep(for: .milliseconds(20))
        }
        try #require(!server.received().isEmpty, "the request never reached the server")
        let cancelledAt = clock.now
        task.cancel()
        #expect(await task.value == .retryable(status: nil, retryAfter: nil, reason: "delivery cancelled"))
        #expect(clock.now - cancelledAt < .seconds(15))
    }

    @Test("Over HTTPS an untrusted certificate is a configuration error; trusting its CA with ca_file fixes it")
    func certificateTrust() async throws {
        let server = try WebhookTestServer(https: true)
        let secret = try WebhookSecret(parsing: WebhookTestServer.secret)
        let untrusting = try WebhookTransport(secret: secret)
        guard case .configuration(let reason) = await untrusting.send(try Self.request(server, "/ok")) else {
            Issue.record("expected a configuration error")
            return
        }
        #expect(reason.contains("ca_file"))
        let trusting = try WebhookTransport(
            secret: secret,
            configuration: WebhookConfiguration(caFile: server.certificate?.certificatePath)
        )
        #expect(await trusting.send(try Self.request(server, "/ok")) == .sent(status: 200))
        #expect(try server.received().map(\.verified) == [true])
    }

    @Test("A refused connection is retryable")
    func connectionRefused() async throws {
        let url: String
        do {
            let server = try WebhookTestServer()
            url = server.url("/ok")
        }
        let request = try WebhookRequest(endpoint: WebhookEndpoint(url), id: "k", body: Self.body)
        let result = await (try Self.transport()).send(request)
        guard case .retryable(nil, nil, _) = result else {
            Issue.record("expected retryable without status, got \(result)")
            return
        }
    }
}
