/// An RFC 5322 message identifier, `left@right`, written in headers as `<left@right>`.
package struct MessageID: Hashable, Sendable, CustomStringConvertible {
    /// The identifier without angle brackets.
    package let value: String

    /// Validates `value` (with or without angle brackets) as `dot-atom@dot-atom`.
    ///
    /// - Throws: `MessageIDError` when it is not.
    package init(_ value: String) throws(MessageIDError) {
        var text = Substring(value)
        if text.first == "<", text.last == ">" {
            text = text.dropFirst().dropLast()
        }
        guard let at = text.lastIndex(of: "@"), text.utf8.count <= 250,
            MessageID.isDotAtom(text[..<at]), MessageID.isDotAtom(text[text.index(after: at)...])
        else {
            throw MessageIDError(input: MailAddressError.visible(value))
        }
        self.value = String(text)
    }

    /// The identifier of a message about `key` (a reminder's stable key), under `domain`.
    ///
    /// The same key always gives the same identifier; different keys give different ones. Bytes other
    /// than ASCII letters, digits, `-` and `_` are written as `=XX`.
    /// - Throws: `MessageIDError` when `key` is empty or the result is invalid (a bad domain, say).
    package static func derived(fromKey key: String, domain: String) throws(MessageIDError) -> MessageID {
        guard !key.isEmpty else { throw MessageIDError(input: "") }
        var left = "nhacviec."
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                left.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                left += "=" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return try MessageID("\(left)@\(domain)")
    }

    /// `<left@right>`, as written in `Message-ID`, `In-Reply-To` and `References`.
    package var description: String {
        "<\(value)>"
    }

    private static func isDotAtom(_ text: Substring) -> Bool {
        !text.isEmpty && text.first != "." && text.last != "." && !text.contains("..")
            && text.allSatisfy { $0 == "." || isAtext($0) }
    }
}

/// A message identifier that is not `dot-atom@dot-atom`.
package struct MessageIDError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The refused text, with control characters made visible.
    package let input: String

    package var description: String {
        "invalid Message-ID \"\(input)\": write it as left@right with letters, digits, dots and !#$%&'*+-/=?^_`{|}~"
    }
}

extension String {
    package func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
