package import NhacViecCore

/// Something that delivers rendered messages: SMTP, or the outbox directory.
package protocol MailTransport: Sendable {
    /// Delivers `message` to one envelope recipient, in its own transaction.
    ///
    /// - Parameters:
    ///   - message: The exact bytes to deliver.
    ///   - envelopeFrom: The SMTP `MAIL FROM` address (bounces go there).
    ///   - recipient: The SMTP `RCPT TO` address.
    /// - Returns: The outcome for this recipient; never throws.
    func send(
        _ message: RenderedEmail, from envelopeFrom: MailAddress, to recipient: MailAddress
    ) async
        -> MailDeliveryResult
}

extension MailTransport {
    /// Delivers `message` to each recipient in turn, one transaction each, so every recipient's
    /// outcome is known.
    package func send(
        _ message: RenderedEmail,
        from envelopeFrom: MailAddress,
        to recipients: [MailAddress]
    ) async -> [(recipient: MailAddress, result: MailDeliveryResult)] {
        var results: [(recipient: MailAddress, result: MailDeliveryResult)] = []
        for recipient in recipients {
            results.append((recipient, await send(message, from: envelopeFrom, to: recipient)))
        }
        return results
    }
}
