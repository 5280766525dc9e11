/// How reminders leave the machine: email through the outbox or SMTP, and signed webhooks.
public struct DeliverySettings: Sendable, Hashable {
    /// Where email goes: `.eml` files in `state_dir/outbox` (the default, nothing leaves the machine) or SMTP.
    public enum EmailTransport: String, Sendable, Hashable, CaseIterable {
        case outbox, smtp
    }

    /// A sender or reply-to mailbox as written in the config: `Văn phòng UBND tỉnh Gia Lai <nhacviec@gialai.example>`.
    public struct Mailbox: Sendable, Hashable, CustomStringConvertible {
        public var displayName: String?
        public var address: String

        public init(displayName: String?, address: String) {
            self.displayName = displayName
            self.address = address
        }

        public var description: String { displayName.map { "\($0) <\(address)>" } ?? address }
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
    public var from: Mailbox
    public var replyTo: Mailbox?
    public var smtp: SMTP?
    public var webhook: Webhook
    public var retry: Retry

    public static let `default` = DeliverySettings(
        emailTransport: .outbox, from: Mailbox(displayName: "nhacviec", address: "nhacviec@localhost.example"),
        replyTo: nil, smtp: nil, webhook: Webhook(secretFile: nil, timeoutSeconds: 15),
        retry: Retry(initialMinutes: 5, maximumMinutes: 240))
}

extension DeliverySettings.Mailbox {
    /// Parses `address` or `Display Name <address>`; returns the problem when it is not acceptable.
    static func parse(_ text: String) -> Result<DeliverySettings.Mailbox, MailboxProblem> {
        let trimmed = text.trimmingSpaces
        guard let open = trimmed.lastIndex(of: "<") else {
            if let problem = EmailAddress.problem(with: trimmed) { return .failure(MailboxProblem(reason: problem)) }
            return .success(.init(displayName: nil, address: trimmed))
        }
        guard trimmed.hasSuffix(">") else { return .failure(MailboxProblem(reason: "a '<' without a closing '>'")) }
        let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        var name = String(trimmed[..<open]).trimmingSpaces
        if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
        if name.contains("<") || name.contains(">") || name.contains("\"") {
            return .failure(MailboxProblem(reason: "the display name may not contain <, > or \""))
        }
        if let problem = EmailAddress.problem(with: address) { return .failure(MailboxProblem(reason: problem)) }
        return .success(.init(displayName: name.isEmpty ? nil : name, address: address))
    }
}

/// Why a mailbox was refused.
struct MailboxProblem: Error {
    var reason: String
}
