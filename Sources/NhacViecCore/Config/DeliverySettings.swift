/// How reminders leave the machine: email through the outbox or SMTP, and signed webhooks.
package struct DeliverySettings: Sendable, Hashable {
    /// Where email goes: `.eml` files in `state_dir/outbox` (the default, nothing leaves the machine) or SMTP.
    package enum EmailTransport: String, Sendable, Hashable, CaseIterable {
        case outbox, smtp
    }

    /// STARTTLS is always required on `smtp://`; `none` is allowed only for a loopback relay.
    package enum TLSMode: String, Sendable, Hashable, CaseIterable {
        case required, none
    }

    package struct SMTP: Sendable, Hashable {
        package var url: String
        package var tls: TLSMode
        package var caFile: String?
        package var username: String?
        /// Read at start-up; `$CREDENTIALS_DIRECTORY/smtp-password` and `NHACVIEC_SMTP_PASSWORD` also work.
        package var passwordFile: String?
        package var helo: String?
        package var timeoutSeconds: Int
    }

    package struct Webhook: Sendable, Hashable {
        /// A file holding `whsec_<base64>`; `$CREDENTIALS_DIRECTORY/webhook-secret` also works.
        package var secretFile: String?
        package var timeoutSeconds: Int
    }

    /// Exponential backoff of failed deliveries.
    package struct Retry: Sendable, Hashable {
        package var initialMinutes: Int
        package var maximumMinutes: Int
    }

    package var emailTransport: EmailTransport
    package var from: MailAddress
    /// `delivery.email.reply_to`; when nil, a message's Reply-To is the office its items report to
    /// (``ReportOffice/replyTo(for:to:configuration:)``), else none.
    package var replyTo: MailAddress?
    package var smtp: SMTP?
    package var webhook: Webhook
    package var retry: Retry

    package static let `default` = DeliverySettings(
        emailTransport: .outbox, from: defaultSender,
        replyTo: nil, smtp: nil, webhook: Webhook(secretFile: nil, timeoutSeconds: 15),
        retry: Retry(initialMinutes: 5, maximumMinutes: 240))
}

extension DeliverySettings {
    /// The sender when the config names none; a constant address that is valid by construction.
    static var defaultSender: MailAddress {
        // The literal passes MailAddress's checks (covered by DeliverySettingsTests), so this cannot fail.
        try! MailAddress(displayName: "nhacviec", address: "nhacviec@localhost.example")
    }
}
