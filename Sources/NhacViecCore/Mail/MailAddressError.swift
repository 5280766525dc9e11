/// Why a mail address, display name or header value was refused.
///
/// Meant to be reported at config load, next to the offending value's location.
package struct MailAddressError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The specific problem.
    package enum Reason: Equatable, Sendable {
        case empty
        /// A control character such as CR, LF, NUL or TAB (its Unicode scalar value).
        case controlCharacter(UInt32)
        case missingAt
        case emptyLocalPart
        case localPartTooLong
        /// A character that may not appear unquoted in the part before `@`.
        case invalidLocalPartCharacter(Character)
        /// A dot at the start or end of the local part, or two dots in a row.
        case misplacedDot
        case quotedLocalPart
        case nonASCIILocalPart
        case emptyDomain
        case domainTooLong
        case domainLiteral
        case nonASCIIDomain
        /// A domain with no dot, such as `localhost`.
        case domainWithoutDot
        /// A domain label that is empty, too long, starts or ends with `-`, or has other characters.
        case invalidDomainLabel(String)
        case numericTopLevelDomain
        case addressTooLong
        /// Text around `<address>` that is not a display name.
        case malformedNameAddress
        case displayNameTooLong
    }

    /// The problem.
    package let reason: Reason
    /// The refused text, with control characters made visible.
    package let input: String

    package init(_ reason: Reason, input: String) {
        self.reason = reason
        self.input = MailAddressError.visible(input)
    }

    package var description: String {
        "invalid mail address \"\(input)\": \(explanation)"
    }

    /// What is wrong and how to fix it, without the input.
    package var explanation: String {
        switch reason {
        case .empty: "it is empty"
        case .controlCharacter(let value):
            "it contains the control character U+\(hex4(value)) (line breaks, tabs and NUL are not allowed); remove it"
        case .missingAt: "it has no '@'; write it as name@domain"
        case .emptyLocalPart: "nothing before '@'"
        case .localPartTooLong: "the part before '@' is longer than 64 bytes"
        case .invalidLocalPartCharacter(let character):
            "the part before '@' contains \"\(MailAddressError.visible(String(character)))\"; use letters, digits and !#$%&'*+-/=?^_`{|}~ and dots"
        case .misplacedDot: "the part before '@' starts or ends with a dot or has two dots in a row"
        case .quotedLocalPart: "quoted local parts (\"...\"@domain) are not supported"
        case .nonASCIILocalPart: "the part before '@' must be ASCII (internationalised mailboxes are not supported)"
        case .emptyDomain: "nothing after '@'"
        case .domainTooLong: "the domain is longer than 253 characters"
        case .domainLiteral: "address literals ([192.0.2.1]) are not supported; use a domain name"
        case .nonASCIIDomain: "the domain is not ASCII; write it in its xn-- (punycode) form"
        case .domainWithoutDot: "the domain has no dot; use a fully qualified domain such as example.gov.vn"
        case .invalidDomainLabel(let label):
            "the domain label \"\(MailAddressError.visible(label))\" is invalid; labels are 1-63 letters, digits or '-', not starting or ending with '-'"
        case .numericTopLevelDomain: "the last label of the domain is all digits"
        case .addressTooLong: "the address is longer than 254 characters"
        case .malformedNameAddress: "write it as address@domain or Display Name <address@domain>"
        case .displayNameTooLong: "the display name is longer than 200 characters"
        }
    }

    /// `text` with control characters replaced by `\u{…}` escapes, safe to print on one line.
    package static func visible(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if isForbiddenControl(scalar) {
                result += "\\u{\(hex4(scalar.value))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// Whether `scalar` must never reach a header or an SMTP envelope: C0 and C1 controls, DEL,
/// and the Unicode line and paragraph separators.
package func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: true
    default: false
    }
}

package func hex4(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
