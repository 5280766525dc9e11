package import NhacViecCore

/// One email as nhacviec sends it: addresses, threading identifiers, subject, a plain-text body
/// and an optional HTML alternative.
///
/// Render it with `rendered()`; every transport sends exactly those bytes.
package struct EmailMessage: Hashable, Sendable {
    /// The author, usually the provincial office's address from the config.
    package var from: MailAddress
    /// The visible recipients (one SMTP transaction is made per envelope recipient, separately).
    package var to: [MailAddress]
    /// Where replies go, when not to `from`.
    package var replyTo: MailAddress?
    /// The subject, any Unicode text without control characters; keep it unchanged within one thread.
    package var subject: String
    /// When the message was written, and the offset it is shown in.
    package var date: MailDate
    /// This message's identifier, derived from the reminder's stable key.
    package var messageID: MessageID
    /// The earlier reminder this one follows, if any.
    package var inReplyTo: MessageID?
    /// Every earlier reminder of the same thread, oldest first.
    package var references: [MessageID]
    /// The plain-text body.
    package var textBody: String
    /// The HTML body; when present the message is multipart/alternative.
    package var htmlBody: String?
    /// Further header fields, written after the standard ones.
    package var extraHeaders: [MailHeader]

    /// Creates a message; nothing is checked until `rendered()`.
    package init(
        from: MailAddress,
        to: [MailAddress],
        replyTo: MailAddress? = nil,
        subject: String,
        date: MailDate,
        messageID: MessageID,
        inReplyTo: MessageID? = nil,
        references: [MessageID] = [],
        textBody: String,
        htmlBody: String? = nil,
        extraHeaders: [MailHeader] = []
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.extraHeaders = extraHeaders
    }
}

/// The exact bytes of a message, as SMTP sends them and the outbox stores them.
package struct RenderedEmail: Hashable, Sendable {
    /// The message's identifier (names the outbox file).
    package let messageID: MessageID
    /// RFC 5322 message: ASCII only, CRLF line breaks, no line longer than 76 characters.
    package let bytes: [UInt8]

    /// The message as text, for previews.
    package var text: String {
        String(decoding: bytes, as: UTF8.self)
    }
}
