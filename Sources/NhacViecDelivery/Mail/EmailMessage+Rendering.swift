import NhacViecCore

extension EmailMessage {
    /// Renders the message as RFC 5322 / MIME bytes.
    ///
    /// Headers are ASCII: display names and the subject are UTF-8 encoded-words where needed, folded
    /// to lines of at most 76 characters. Bodies are UTF-8 quoted-printable, so no line exceeds 76
    /// characters either. The output depends only on the message's fields.
    /// - Throws: `MailMessageError` when there is no recipient or the subject holds a control character.
    package func rendered() throws(MailMessageError) -> RenderedEmail {
        guard !to.isEmpty else { throw MailMessageError(.noRecipients) }
        if let control = subject.unicodeScalars.first(where: isForbiddenControl) {
            throw MailMessageError(.controlCharacter(field: "subject", scalar: control.value))
        }
        var output = headerLine("Date", date.rfc5322)
        output += addressField("From", [from])
        output += addressField("To", to)
        if let replyTo {
            output += addressField("Reply-To", [replyTo])
        }
        var subjectField = HeaderLineBuilder(name: "Subject")
        if !subject.isEmpty {
            subjectField.appendText(subject)
        }
        output += subjectField.rendered
        output += headerLine("Message-ID", messageID.description)
        if let inReplyTo {
            output += headerLine("In-Reply-To", inReplyTo.description)
        }
        if !references.isEmpty {
            var field = HeaderLineBuilder(name: "References")
            references.forEach { field.append($0.description) }
            output += field.rendered
        }
        output += headerLine("MIME-Version", "1.0")
        output += headerLine("Auto-Submitted", "auto-generated")
        for header in extraHeaders {
            var field = HeaderLineBuilder(name: header.name)
            if !header.value.isEmpty {
                field.appendText(header.value)
            }
            output += field.rendered
        }
        output += body
        return RenderedEmail(messageID: messageID, bytes: Array(output.utf8))
    }

    /// `Content-Type` onwards: a single text part, or multipart/alternative with text then HTML.
    private var body: String {
        guard let htmlBody else {
            return textPartHeaders(subtype: "plain") + "\r\n" + QuotedPrintable.encode(textBody) + "\r\n"
        }
        // `=_` can never occur in quoted-printable text, so the boundary cannot clash with a body.
        let boundary = "=_nhacviec_" + fnv1a64Hex(messageID.value)
        return headerLine("Content-Type", "multipart/alternative; boundary=\"\(boundary)\"")
            + "\r\n"
            + "--\(boundary)\r\n" + textPartHeaders(subtype: "plain") + "\r\n" + QuotedPrintable.encode(textBody)
            + "\r\n--\(boundary)\r\n" + textPartHeaders(subtype: "html") + "\r\n" + QuotedPrintable.encode(htmlBody)
            + "\r\n--\(boundary)--\r\n"
    }

    private func textPartHeaders(subtype: String) -> String {
        headerLine("Content-Type", "text/\(subtype); charset=UTF-8")
            + headerLine("Content-Transfer-Encoding", "quoted-printable")
    }

    private func headerLine(_ name: String, _ value: String) -> String {
        "\(name): \(value)\r\n"
    }

    private func addressField(_ name: String, _ addresses: [MailAddress]) -> String {
        var field = HeaderLineBuilder(name: name)
        for (offset, address) in addresses.enumerated() {
            if let displayName = address.displayName {
                field.appendPhrase(displayName)
            }
            let separator = offset < addresses.count - 1 ? "," : ""
            field.append("<\(address.address)>" + separator)
        }
        return field.rendered
    }
}

/// A stable 64-bit FNV-1a hash as 16 hex digits (for a deterministic MIME boundary).
private func fnv1a64Hex(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01B3
    }
    return String(hash, radix: 16).leftPadded(to: 16)
}
