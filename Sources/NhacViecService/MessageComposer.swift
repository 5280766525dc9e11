package import Foundation
package import NhacViecCore
package import NhacViecDelivery

/// Turns a digest into the exact email one agency receives: rendered templates, threading headers, Message-ID.
package struct MessageComposer: Sendable {
    package let configuration: Configuration
    let renderer: MessageRenderer

    package init(configuration: Configuration, templates: MessageTemplates) {
        self.configuration = configuration
        self.renderer = MessageRenderer(configuration: configuration, templates: templates)
    }

    /// The Message-ID of a digest: derived from its stable key, so a retry or a resend after a crash
    /// carries the same id and receivers can drop the duplicate.
    package func messageID(for digest: Digest) throws -> MessageID {
        try messageID(forKey: digest.key)
    }

    /// A Message-ID derived from `key`, in the sender's domain.
    package func messageID(forKey key: String) throws -> MessageID {
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
    package func email(
        for digest: Digest, agency: Agency, thread: [MessageID], now: Date, links: AcknowledgementLinks = .none
    ) throws -> RenderedEmail {
        try compose(
            renderer.render(digest, links: links), to: try recipients(of: agency),
            replyTo: ReportOffice.replyTo(
                for: digest.items.map(\.occurrence), to: digest.agency, configuration: configuration),
            messageID: try messageID(for: digest), thread: thread, now: now)
    }

    /// The receipt "Đã ghi nhận …" `agency` gets after reporting done `occurrence`, to `recipient`, in the thread of
    /// the reminders about that occurrence.
    ///
    /// - Parameter values: the template values of the occurrence and the report (``OccurrenceContext`` in the web
    ///   adapter builds the same ones for its page).
    package func receipt(
        values: [String: Any], occurrence: Occurrence, agency: AgencyID, key: String, to recipient: MailAddress,
        thread: [MessageID], now: Date
    ) throws -> RenderedEmail {
        try compose(
            renderer.renderReceipt(values), to: [recipient],
            replyTo: ReportOffice.replyTo(for: [occurrence], to: agency, configuration: configuration),
            messageID: try messageID(forKey: "receipt:" + key), thread: thread, now: now)
    }

    /// The weekly notice to `office` (the `escalate_to` agency) that a year's announced holidays are missing.
    package func holidayScheduleNotice(
        _ missing: MissingHolidaySchedule, to office: Agency, day: CivilDate, now: Date
    ) throws -> RenderedEmail {
        try compose(
            missing.notice(to: office.name), to: try recipients(of: office), replyTo: nil,
            messageID: try messageID(forKey: "holiday-schedule:\(missing.year):\(day.iso8601)"), thread: [], now: now)
    }

    /// The headers every message of nhacviec carries around a rendered body: sender, date in the configured zone,
    /// and the thread of earlier messages about the same deadlines.
    private func compose(
        _ rendered: RenderedMessage, to recipients: [MailAddress], replyTo: MailAddress?, messageID: MessageID,
        thread: [MessageID], now: Date
    ) throws -> RenderedEmail {
        let offset = LocalTime(identifier: configuration.timeZone).timeZone.secondsFromGMT(for: now)
        return try EmailMessage(
            from: configuration.delivery.from, to: recipients, replyTo: replyTo, subject: rendered.subject,
            date: MailDate(now, utcOffsetSeconds: offset), messageID: messageID, inReplyTo: thread.last,
            references: thread, textBody: rendered.text, htmlBody: rendered.html.isEmpty ? nil : rendered.html
        ).rendered()
    }
}
