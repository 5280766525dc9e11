public import Foundation
public import NhacViecCore
public import NhacViecDelivery

/// The transports one configuration delivers through: email (outbox or SMTP) and, when a secret exists, webhooks.
public struct DeliveryChannels: Sendable {
    public let mail: any MailTransport
    public let webhook: WebhookTransport?

    public init(mail: any MailTransport, webhook: WebhookTransport?) {
        self.mail = mail
        self.webhook = webhook
    }

    /// Builds the transports for `configuration`, reading credentials from files or the environment.
    public static func make(
        for configuration: Configuration, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ServiceError) -> DeliveryChannels {
        let delivery = configuration.delivery
        let mail: any MailTransport
        switch delivery.emailTransport {
        case .outbox:
            mail = OutboxTransport(stateDirectory: URL(fileURLWithPath: configuration.stateDirectory))
        case .smtp:
            guard let smtp = delivery.smtp else {
                throw ServiceError.configuration("transport: smtp needs an smtp: block", fix: nil)
            }
            let settings = SMTPConfiguration(
                url: smtp.url, tls: smtp.tls == .required ? .required : .none, caFile: smtp.caFile,
                username: smtp.username, password: try Credentials.smtpPassword(smtp, environment: environment),
                helo: smtp.helo, connectTimeout: .seconds(min(15, smtp.timeoutSeconds)),
                timeout: .seconds(smtp.timeoutSeconds))
            do {
                mail = try SMTPTransport(configuration: settings)
            } catch {
                throw ServiceError.configuration("cannot use the SMTP server: \(error)", fix: nil)
            }
        }
        var webhook: WebhookTransport?
        let needsWebhook = configuration.directory.agencies.values.contains { $0.webhook != nil }
        if let secret = try Credentials.webhookSecret(delivery.webhook, environment: environment) {
            do {
                webhook = try WebhookTransport(
                    secret: secret,
                    configuration: WebhookConfiguration(timeout: .seconds(delivery.webhook.timeoutSeconds)))
            } catch {
                throw ServiceError.configuration("cannot set up webhooks: \(error)", fix: nil)
            }
        } else if needsWebhook {
            throw ServiceError.configuration(
                "some agencies have a webhook but no signing secret was found",
                fix:
                    "create \(delivery.webhook.secretFile ?? "delivery.webhook.secret_file"), use LoadCredential=webhook-secret, or set NHACVIEC_WEBHOOK_SECRET"
            )
        }
        return DeliveryChannels(mail: mail, webhook: webhook)
    }
}
