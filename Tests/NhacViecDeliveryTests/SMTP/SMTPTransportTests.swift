import Foundation
import NhacViecCore
import NhacViecDelivery
import Testing

@Suite("Sending through SMTP (aiosmtpd on 127.0.0.1)")
struct SMTPTransportTests {
    static let envelopeFrom = try! MailAddress(address: "bounces@gialai.example")
    static let helo = "nhacviec.gialai.example"

    static func configuration(
        _ server: SMTPTestServer,
        trustingTestCA: Bool = true,
        password: String = SMTPTestServer.password,
        timeout: Duration = .seconds(20)
    ) -> SMTPConfiguration {
        SMTPConfiguration(
            url: server.url,
            tls: .required,
            caFile: trustingTestCA ? server.certificate.certificatePath : nil,
            username: SMTPTestServer.username,
            password: SMTPPassword(password),
            helo: helo,
            connectTimeout: .seconds(5),
            timeout: timeout
        )
    }

    static func address(_ local: String) throws -> MailAddress {
        try MailAddress(address: "\(local)@stp.gialai.example")
    }

    @Suite("Delivering")
    struct Delivering {
        @Test("Each recipient gets its own transaction carrying exactly the rendered bytes, over TLS with AUTH")
        func exactBytesOneTransactionPerRecipient() async throws {
            let server = try SMTPTestServer()
            let transport = try SMTPTransport(configuration: configuration(server))
            let message = try SampleMessage.make().rendered()
            let recipients = [try address("vanthu"), try address("lanhdao")]

            let results = await transport.send(message, from: envelopeFrom, to: recipients)

            #expect(results.map(\.result) == [.sent(code: 250), .sent(code: 250)])
            let received = try server.received()
            try #require(received.count == 2)
            #expect(
                received.map(\.envelope.rcptTos) == [["vanthu@stp.gialai.example"], ["lanhdao@stp.gialai.example"]])
            for delivery in received {
                #expect(delivery.bytes == message.bytes)
                #expect(delivery.envelope.mailFrom == "bounces@gialai.example")
                #expect(delivery.envelope.tls)
                #expect(delivery.envelope.authenticated)
                #expect(delivery.envelope.ehlo == helo)
            }
            let parsed = try ParsedEmail.parse(file: received[0].file)
            #expect(parsed.defects == [])
            #expect(parsed.subject == SampleMessage.subject)
            #expect(parsed.from?.first?.name == SampleMessage.fromName)
        }

        @Test("Messages of one run share one connection")
        func connectionReuse() async throws {
            let server = try SMTPTestServer()
            let transport = try SMTPTransport(configuration: configuration(server))
            let message = try SampleMessage.make().rendered()
            for local in ["a", "b", "c"] {
                #expect(await transport.send(message, from: envelopeFrom, to: try address(local)) == .sent(code: 250))
            }
            #expect(Set(try server.received().map(\.envelope.clientPort)).count == 1)
        }

        @Test("A relay on loopback may be used without TLS or AUTH when tls is none")
        func loopbackRelayWithoutTLS() async throws {
            let server = try SMTPTestServer(mode: .open)
            let transport = try SMTPTransport(
                configuration: SMTPConfiguration(url: server.url, tls: .none, helo: helo)
            )
            let result = await transport.send(
                try SampleMessage.make().rendered(), from: envelopeFrom, to: try address("vanthu"))
            #expect(result == .sent(code: 250))
            #expect(try server.received().first?.envelope.tls == false)
        }
    }

    @Suite("Classifying the server's reply")
    struct Classifying {
        @Test(
            "4xx is retryable and 5xx permanent, at RCPT and after DATA, and the next message still goes",
            arguments: [
                ("fail4xx-rcpt", 451, true),
                ("fail4xx-data", 451, true),
                ("fail5xx-rcpt", 550, false),
                ("fail5xx-data", 554, false),
            ]
        )
        func replyClasses(local: String, code: Int, retryable: Bool) async throws {
            let server = try SMTPTestServer()
            let transport = try SMTPTransport(configuration: configuration(server))
            let message = try SampleMessage.make().rendered()

            let result = await transport.send(message, from: envelopeFrom, to: try address(local))

            switch result {
            case .retryable(let replyCode, let reason) where retryable:
                #expect(replyCode == code)
                #expect(reason.contains(String(code)))
            case .permanent(let replyCode, let reason) where !retryable:
                #expect(replyCode == code)
                #expect(reason.contains(String(code)))
            default:
                Issue.record("expected \(retryable ? "retryable" : "permanent") \(code), got \(result)")
            }
            #expect(await transport.send(message, from: envelopeFrom, to: try address("vanthu")) == .sent(code: 250))
            #expect(try server.received().map(\.envelope.rcptTos) == [["vanthu@stp.gialai.example"]])
        }

        @Test("A server that does not offer STARTTLS is refused as a configuration error, nothing sent")
        func plaintextServerRefused() async throws {
            let server = try SMTPTestServer(mode: .plain)
            let transport = try SMTPTransport(configuration: configuration(server))
            let result = await transport.send(
                try SampleMessage.make().rendered(), from: envelopeFrom, to: try address("vanthu"))
            guard case .configuration(let reason) = result else {
                Issue.record("expected a configuration error, got \(result)")
                return
            }
            #expect(reason.contains("STARTTLS"))
            #expect(try server.received().isEmpty)
        }

        @Test("A wrong password is a configuration error that does not reveal the password")
        func wrongPassword() async throws {
            let server = try SMTPTestServer()
            let secret = "sai-mat-khau-bi-mat"
            let transport = try SMTPTransport(configuration: configuration(server, password: secret))
            let result = await transport.send(
                try SampleMessage.make().rendered(), from: envelopeFrom, to: try address("vanthu"))
            guard case .configuration(let reason) = result else {
                Issue.record("expected a configuration error, got \(result)")
                return
            }
            #expect(reason.contains("password"))
            #expect(!reason.contains(secret))
            #expect(try server.received().isEmpty)
        }

        @Test("An untrusted certificate is a configuration error; trusting its CA with ca_file fixes it")
        func certificateTrust() async throws {
            let server = try SMTPTestServer()
            let message = try SampleMessage.make().rendered()
            let untrusting = try SMTPTransport(configuration: configuration(server, trustingTestCA: false))
            let refused = await untrusting.send(message, from: envelopeFrom, to: try address("vanthu"))
            guard case .configuration(let reason) = refused else {
                Issue.record("expected a configuration error, got \(refused)")
                return
            }
            #expect(reason.contains("ca_file"))

            let trusting = try SMTPTransport(configuration: configuration(server, trustingTestCA: true))
            #expect(await trusting.send(message, from: envelopeFrom, to: try address("vanthu")) == .sent(code: 250))
        }

        @Test("A refused connection is retryable")
        func connectionRefused() async throws {
            let port: Int
            do {
                // Start and stop a server to learn a port that nothing listens on now.
                let server = try SMTPTestServer(mode: .open)
                port = Int(server.url.split(separator: ":").last!)!
                _ = server
            }
            let transport = try SMTPTransport(
                configuration: SMTPConfiguration(
                    url: "smtp://127.0.0.1:\(port)", tls: .none, connectTimeout: .seconds(2))
            )
            let result = await transport.send(
                try SampleMessage.make().rendered(), from: envelopeFrom, to: try address("vanthu"))
            guard case .retryable(nil, _) = result else {
                Issue.record("expected retryable without a code, got \(result)")
                return
            }
        }
    }

    @Suite("Time limits and cancellation")
    struct Limits {
        @Test("A server that stalls past the total timeout gives a retryable result")
        func timeout() async throws {
            let server = try SMTPTestServer()
            let transport = try SMTPTransport(configuration: configuration(server, timeout: .seconds(1)))
            let clock = ContinuousClock()
            let start = clock.now
            let result = await transport.send(
                try SampleMessage.make().rendered(), from: envelopeFrom, to: try address("slow-data"))
            guard case .retryable(_, let reason) = result else {
                Issue.record("expected retryable, got \(result)")
                return
            }
            #expect(reason.contains("timed out"))
            // Generous bound: it must not wait for the server (which stalls for a minute), whatever the machine load.
            #expect(clock.now - start < .seconds(30))
            // The stalled connection is dropped and the next message goes through a new one.
            let next = await transport.send(
                try SampleMessage.make().rendered(), from: envelopeFrom, to: try address("vanthu"))
            #expect(next == .sent(code: 250))
        }

        @Test("Cancelling the waiting task aborts the transfer through the progress callback")
        func cancellation() async throws {
            let server = try SMTPTestServer()
            let transport = try SMTPTransport(configuration: configuration(server))
            let message = try SampleMessage.make().rendered()
            let recipient = try address("slow-data")
            let clock = ContinuousClock()
            let start = clock.now
            let task = Task { await transport.send(message, from: envelopeFrom, to: recipient) }
            while !server.isStalling, clock.now - start < .seconds(60) {
                try await Task.sleep(for: .milliseconds(20))
            }
            let cancelledAt = clock.now
            task.cancel()
            let result = await task.value
            #expect(server.isStalling)
            #expect(result == .retryable(code: nil, reason: "delivery cancelled"))
            // libcurl calls the progress callback at least once a second while waiting.
            #expect(clock.now - cancelledAt < .seconds(15))
            #expect(await transport.send(message, from: envelopeFrom, to: try address("vanthu")) == .sent(code: 250))
        }
    }
}
