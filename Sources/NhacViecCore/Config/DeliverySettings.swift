/// How reminders leave the machine: email through the outbox or SMTP, and signed webhooks.
public struct DeliverySettings: Sendable, Hashable {
    /// Where email goes: `.eml` files in `state_dir/outbox` (the default, nothing leaves the machine) or SMTP.
    public enum EmailTransport: String, Sendable, Hashable, CaseIterable {
        case outbox, smtp
    }

    /// STARTTLS is always required on `smtp://`; `none` is allowed only for a loopback relay.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        case required, none
    }

    public struct SMTP: Sendable, Hashable {
        public var url: String
        public var tls: TLSMode
        public var caFile: String?
        public var username: String?
        /// Read at start-up; `$CREDENTIALS_DIRECTORY/smtp-password` and `NHACVIEC_SMTP_PASSWORD` also work.
        public var passwordFile: String?
        public var helo: String?
        public var timeoutSeconds: Int
    }

    public struct Webhook: Sendable, Hashable {
        /// A file holding `whsec_<base64>`; `$CREDENTIALS_DIRECTORY/webhook-secret` also works.
        public var secretFile: String?
        public var timeoutSeconds: Int
    }

    /// Exponential backoff of failed deliveries.
    public struct Retry: Sendable, Hashable {
        public var initialMinutes: Int
        public var maximumMinutes: Int
    }

    public var emailTransport: EmailTransport
    public var from: MailAddress
    /// `delivery.email.reply_to`; when nil, a message's Reply-To is the office its items report to
    /// (``ReportOffice/replyTo(for:to:configuration:)``), else none.
    public var replyTo: MailAddress?
    public var smtp: SMTP?
    public var webhook: Webhook
    public var retry: Retry

    public static let `default` = DeliverySettings(
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
