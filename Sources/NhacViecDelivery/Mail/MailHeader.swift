import NhacViecCore

/// An extra header field for an `EmailMessage`, such as `X-Nhacviec-Key` or `List-Id`.
package struct MailHeader: Hashable, Sendable {
    /// Names the builder writes itself; an extra header may not replace them.
    static let reservedNames: Set<String> = [
        "date", "from", "sender", "to", "cc", "bcc", "reply-to", "subject", "message-id", "in-reply-to",
        "references", "mime-version", "content-type", "content-transfer-encoding", "auto-submitted",
        "return-path",
    ]

    /// The field name.
    package let name: String
    /// The unfolded value; non-ASCII text is written as encoded-words.
    package let value: String

    /// Validates `name` (printable ASCII without `:`, not one the builder writes) and `value`
    /// (no control characters).
    ///
    /// - Throws: `MailMessageError`.
    package init(name: String, value: String) throws(MailMessageError) {
        guard !name.isEmpty, name.utf8.count <= 76, name.utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E && $0 != 0x3A })
        else { throw MailMessageError(.invalidHeaderName(MailAddressError.visible(name))) }
        guard !MailHeader.reservedNames.contains(name.lowercased()) else {
            throw MailMessageError(.reservedHeaderName(name))
        }
        if let control = value.unicodeScalars.first(where: isForbiddenControl) {
            throw MailMessageError(.controlCharacter(field: name, scalar: control.value))
        }
        self.name = name
        self.value = value
    }
}

/// Why a message could not be built.
package struct MailMessageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The specific problem.
    package enum Reason: Equatable, Sendable {
        case noRecipients
        /// A control character (its Unicode scalar value) in the named field.
        case controlCharacter(field: String, scalar: UInt32)
        case invalidHeaderName(String)
        /// An extra header that would replace one the builder writes.
        case reservedHeaderName(String)
    }

    /// The problem.
    package let reason: Reason

    package init(_ reason: Reason) {
        self.reason = reason
    }

    package var description: String {
        switch reason {
        case .noRecipients:
            "the message has no To address"
        case .controlCharacter(let field, let scalar):
            "the \(field) contains the control character U+\(hex4(scalar)); line breaks, tabs and NUL are not allowed"
        case .invalidHeaderName(let name):
            "\"\(name)\" is not a header name: use printable ASCII without ':' or spaces"
        case .reservedHeaderName(let name):
            "the header \(name) is written by nhacviec itself and cannot be set as an extra header"
        }
    }
}
