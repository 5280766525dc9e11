import Foundation
package import NhacViecCore
package import NhacViecDelivery

/// The transports one configuration delivers through: email (outbox or SMTP) and, when a secret exists, webhooks.
package struct DeliveryChannels: Sendable {
    package let mail: any MailTransport
    package let webhook: (any WebhookSending)?

    package init(mail: any MailTransport, webhook: (any WebhookSending)?) {
        self.mail = mail
        self.webhook = webhook
    }

    /// The email transport alone: the outbox, or SMTP with its password.
    package static func mail(
        for configuration: Configuration, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ServiceError) -> any MailTransport {
        let delivery = configuration.delivery
        switch delivery.emailTransport {
        case .outbox:
            return OutboxTransport(stateDirectory: URL(fileURLWithPath: configuration.stateDirectory))
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
                return try SMTPTransport(configuration: settings)
            } catch {
                throw ServiceError.configuration("cannot use the SMTP server: \(error)", fix: nil)
            }
        }
    }

    /// The signed-webhook transport alone, or nil when no secret is configured and none is required.
    ///
    /// - Parameter requirement: why a secret is needed (e.g. `agency 'x' has a webhook`); when set, a missing
    ///   secret is an error that says so.
    package static func webhook(
        for configuration: Configuration, requiredBy requirement: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ServiceError) -> WebhookTransport? {
        let settings = configuration.delivery.webhook
        guard let secret = try Credentials.webhookSecret(settings, environment: environment) else {
            guard let requirement else { return nil }
            throw ServiceError.configuration(
                "\(requirement) but no webhook signing secret was found",
                fix:
                    "create \(settings.secretFile ?? "delivery.webhook.secret_file"), use LoadCredential=webhook-secret, or set NHACVIEC_WEBHOOK_SECRET"
            )
        }
        do {
            return try WebhookTransport(
                secret: secret, configuration: WebhookConfiguration(timeout: .seconds(settings.timeoutSeconds)))
        } catch {
            throw ServiceError.configuration("cannot set up webhooks: \(error)", fix: nil)
        }
    }
}
