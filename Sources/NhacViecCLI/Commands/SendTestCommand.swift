import ArgumentParser
import Foundation
import NhacViecConfigFiles
import NhacViecCore
import NhacViecDelivery
import NhacViecService

/// `nhacviec send-test`: one real message through the configured transport, with the server's answer explained.
struct SendTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send-test",
        abstract: "Send one test email or webhook through the configured transport and explain the answer.",
        discussion: """
            Examples:
              nhacviec send-test --to vanthu@stp.gialai.gov.vn
              nhacviec send-test --webhook https://hook.example.gov.vn/nhacviec
            """
    )

    @OptionGroup var options: ConfigOptions
    @Option(help: ArgumentHelp("Send a test email to this address.", valueName: "address"))
    var to: String?
    @Option(help: ArgumentHelp("Send a signed test webhook to this URL.", valueName: "url"))
    var webhook: String?

    func validate() throws {
        if (to == nil) == (webhook == nil) {
            throw ValidationError("give exactly one of --to ADDRESS or --webhook URL")
        }
    }

    func run() async throws {
        let loaded = try options.load()
        let configuration = loaded.configuration
        do {
            try CurlRuntime.initialize()
        } catch {
            throw CommandFailure("\(error)")
        }
        if let to {
            let composer = MessageComposer(configuration: configuration, templates: loaded.templates)
            let mail = try usable { () throws(ServiceError) in try DeliveryChannels.mail(for: configuration) }
            try await sendEmail(to: to, composer: composer, transport: mail)
        }
        if let webhook,
            let transport = try usable({ () throws(ServiceError) in
                try DeliveryChannels.webhook(for: configuration, requiredBy: "send-test --webhook signs its request")
            })
        {
            try await sendWebhook(to: webhook, transport: transport)
        }
    }

    /// Only the transport the test uses is set up, so `--to` works without a webhook secret and vice versa.
    private func usable<T>(_ make: () throws(ServiceError) -> T) throws -> T {
        do {
            return try make()
        } catch {
            throw CommandFailure("the delivery settings cannot be used: \(error)")
        }
    }

    private func sendEmail(
        to address: String, composer: MessageComposer, transport mail: any MailTransport
    )
        async throws
    {
        let configuration = composer.configuration
        let recipient: MailAddress
        do {
            recipient = try MailAddress.parse(address)
        } catch {
            throw CommandFailure("\(error)")
        }
        let now = Date()
        let message = EmailMessage(
            from: configuration.delivery.from, to: [recipient], replyTo: configuration.delivery.replyTo,
            subject: "Thư thử nghiệm từ hệ thống nhắc việc (nhacviec)",
            date: MailDate(
                now, utcOffsetSeconds: LocalTime(identifier: configuration.timeZone).timeZone.secondsFromGMT(for: now)),
            messageID: try composer.messageID(forKey: "send-test:\(Int(now.timeIntervalSince1970)):\(address)"),
            textBody: "Đây là thư thử nghiệm của hệ thống nhắc việc. Nếu nhận được thư này, cấu hình gửi thư đã đúng.\n"
        )
        let transport =
            configuration.delivery.emailTransport == .smtp
            ? configuration.delivery.smtp?.url ?? "smtp" : "outbox (\(configuration.stateDirectory)/outbox)"
        print("Sending a test email to \(recipient.address) through \(transport) …")
        let result = await mail.send(try message.rendered(), from: configuration.delivery.from, to: recipient)
        print("Result: \(result)")
        switch result {
        case .sent: return
        case .retryable(_, let reason):
            print(
                "Hint: a temporary failure. Check that the host and port in smtp.url are right, that DNS resolves the host and that no firewall blocks it (\(reason))."
            )
        case .permanent:
            print(
                "Hint: the server refused the message for good; check the recipient address and that the server relays for the sender."
            )
        case .configuration(let reason):
            print(
                "Hint: fix the setup: for TLS errors check tls and ca_file, for 535 check username and the password source (\(reason))."
            )
        }
        throw ExitCode(1)
    }

    private func sendWebhook(to url: String, transport: WebhookTransport) async throws {
        let endpoint: WebhookEndpoint
        do {
            endpoint = try WebhookEndpoint(url)
        } catch {
            throw CommandFailure("\(error)")
        }
        let key = "send-test:\(Int(Date().timeIntervalSince1970))"
        let body = Array(
            JSONValue.object([
                ("type", .string("test")), ("key", .string(key)), ("text", .string("Thử nghiệm nhacviec")),
            ]).render().utf8)
        let result = await transport.send(try WebhookRequest(endpoint: endpoint, id: key, body: body))
        print("Result: \(result)")
        if case .sent = result { return }
        throw ExitCode(1)
    }
}
