public import Foundation
public import NhacViecCore
public import NhacViecDelivery

/// Turns a digest into the exact email one agency receives: rendered templates, threading headers, Message-ID.
public struct MessageComposer: Sendable {
    public let configuration: Configuration
    let renderer: MessageRenderer

    public init(configuration: Configuration, templates: MessageTemplates) {
        self.configuration = configuration
        self.renderer = MessageRenderer(configuration: configuration, templates: templates)
    }

    /// The Message-ID of a digest: derived from its stable key, so a retry or a resend after a crash
    /// carries the same id and receivers can drop the duplicate.
    public func messageID(for digest: Digest) throws -> MessageID {
        try messageID(forKey: digest.key)
    }

    /// A Message-ID derived from `key`, in the sender's domain.
    public func messageID(forKey key: String) throws -> MessageID {
        let domain =
            configuration.delivery.from.address.split(separator: "@").last.map(String.init) ?? "nhacviec.invalid"
        return try MessageID.derived(fromKey: key, domain: domain)
    }

    /// The agency's mailboxes, each with the agency's name as display name.
    func recipients(of agency: Agency) throws -> [MailAddress] {
        try agency.emails.map { try MailAddress(displayName: agency.name, address: $0) }
    }

    /// - Parameters:
    ///   - thread: Message-IDs already sent for the digest's deadlines, oldest first (for In-Reply-To/References).
    ///   - links: the acknowledgement link of each item (from ``LinkIssuer``, or placeholders in a preview).
    public func email(
        for digest: Digest, agency: Agency, thread: [MessageID], now: Date, links: AcknowledgementLinks = .none
    ) throws -> RenderedEmail {
        let rendered = renderer.render(digest, links: links)
        let offset = LocalTime(identifier: configuration.timeZone).timeZone.secondsFromGMT(for: now)
        let message = EmailMessage(
            from: configuration.delivery.from, to: try recipients(of: agency), replyTo: configuration.delivery.replyTo,
            subject: rendered.subject, date: MailDate(now, utcOffsetSeconds: offset),
            messageID: try messageID(for: digest),
            inReplyTo: thread.last, references: thread, textBody: rendered.text, htmlBody: rendered.html)
        return try message.rendered()
    }

    /// The receipt "Đã ghi nhận …" an agency gets after reporting done, to `recipient`, in the thread of the
    /// reminders about that occurrence.
    ///
    /// - Parameter values: the template values of the occurrence and the report (``OccurrenceContext`` in the web
    ///   adapter builds the same ones for its page).
    public func receipt(
        values: [String: Any], key: String, to recipient: MailAddress, thread: [MessageID], now: Date
    ) throws -> RenderedEmail {
        let rendered = renderer.renderReceipt(values)
        let offset = LocalTime(identifier: configuration.timeZone).timeZone.secondsFromGMT(for: now)
        let message = EmailMessage(
            from: configuration.delivery.from, to: [recipient], replyTo: configuration.delivery.replyTo,
            subject: rendered.subject, date: MailDate(now, utcOffsetSeconds: offset),
            messageID: try messageID(forKey: "receipt:" + key), inReplyTo: thread.last, references: thread,
            textBody: rendered.text, htmlBody: rendered.html)
        return try message.rendered()
    }
}
