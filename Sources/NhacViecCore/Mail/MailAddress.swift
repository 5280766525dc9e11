/// A mailbox: an optional display name (any Unicode text) and a strictly validated ASCII address.
///
/// Both parts are checked when the value is made, so a `MailAddress` can go into a header or an SMTP
/// envelope as it is: no control characters, no header injection.
package struct MailAddress: Hashable, Sendable, CustomStringConvertible {
    /// The name shown to readers, such as "Văn phòng UBND tỉnh Gia Lai"; `nil` for a bare address.
    package let displayName: String?
    /// The address, `local@domain`, as used in the SMTP envelope.
    package let address: String

    /// Creates a mailbox after validating both parts.
    ///
    /// - Parameters:
    ///   - displayName: Unicode text without control characters; blank means none.
    ///   - address: A dot-atom local part, `@`, and a fully qualified ASCII domain.
    /// - Throws: `MailAddressError` naming the first problem found.
    package init(displayName: String? = nil, address: String) throws(MailAddressError) {
        if let displayName {
            try MailAddress.validateDisplayName(displayName)
        }
        try MailAddress.validateAddress(address)
        let trimmed = displayName.map(trimmedSpaces) ?? ""
        self.displayName = trimmed.isEmpty ? nil : trimmed
        self.address = address
    }

    /// Parses `address@domain`, `<address@domain>`, `Display Name <address@domain>` or
    /// `"Display Name" <address@domain>`, as written in the config.
    ///
    /// - Throws: `MailAddressError` naming the first problem found.
    package static func parse(_ text: String) throws(MailAddressError) -> MailAddress {
        if let control = text.unicodeScalars.first(where: isForbiddenControl) {
            throw MailAddressError(.controlCharacter(control.value), input: text)
        }
        let trimmed = trimmedSpaces(text)
        guard !trimmed.isEmpty else { throw MailAddressError(.empty, input: text) }
        guard let open = trimmed.lastIndex(of: "<") else {
            if trimmed.contains(">") { throw MailAddressError(.malformedNameAddress, input: text) }
            return try MailAddress(address: trimmed)
        }
        guard trimmed.last == ">" else { throw MailAddressError(.malformedNameAddress, input: text) }
        let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        let name = trimmedSpaces(String(trimmed[..<open]))
        guard !name.contains("<"), !name.contains(">"), !address.contains(">") else {
            throw MailAddressError(.malformedNameAddress, input: text)
        }
        return try MailAddress(displayName: try unquoted(name, input: text), address: address)
    }

    /// `Display Name <address>` in plain Unicode, for logs and previews (not for headers).
    package var description: String {
        displayName.map { "\($0) <\(address)>" } ?? address
    }

    static func validateDisplayName(_ name: String) throws(MailAddressError) {
        if let control = name.unicodeScalars.first(where: isForbiddenControl) {
            throw MailAddressError(.controlCharacter(control.value), input: name)
        }
        guard name.count <= 200 else { throw MailAddressError(.displayNameTooLong, input: name) }
    }

    static func validateAddress(_ address: String) throws(MailAddressError) {
        func fail(_ reason: MailAddressError.Reason) -> MailAddressError {
            MailAddressError(reason, input: address)
        }
        if let control = address.unicodeScalars.first(where: isForbiddenControl) {
            throw fail(.controlCharacter(control.value))
        }
        guard !address.isEmpty else { throw fail(.empty) }
        guard address.utf8.count <= 254 else { throw fail(.addressTooLong) }
        guard let at = address.lastIndex(of: "@") else { throw fail(.missingAt) }
        let local = address[..<at]
        let domain = address[address.index(after: at)...]
        if local.first == "\"" { throw fail(.quotedLocalPart) }
        try validateLocalPart(local, fail: fail)
        try validateDomain(domain, fail: fail)
    }

    private static func validateLocalPart(
        _ local: Substring,
        fail: (MailAddressError.Reason) -> MailAddressError
    ) throws(MailAddressError) {
        guard !local.isEmpty else { throw fail(.emptyLocalPart) }
        guard local.utf8.count <= 64 else { throw fail(.localPartTooLong) }
        for character in local {
            guard character.isASCII else { throw fail(.nonASCIILocalPart) }
            guard character == "." || isAtext(character) else { throw fail(.invalidLocalPartCharacter(character)) }
        }
        if local.first == "." || local.last == "." || local.contains("..") { throw fail(.misplacedDot) }
    }

    private static func validateDomain(
        _ domain: Substring,
        fail: (MailAddressError.Reason) -> MailAddressError
    ) throws(MailAddressError) {
        guard !domain.isEmpty else { throw fail(.emptyDomain) }
        if domain.first == "[" { throw fail(.domainLiteral) }
        guard domain.allSatisfy(\.isASCII) else { throw fail(.nonASCIIDomain) }
        guard domain.utf8.count <= 253 else { throw fail(.domainTooLong) }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else {
            if let only = labels.first, !isValidLabel(only) { throw fail(.invalidDomainLabel(String(only))) }
            throw fail(.domainWithoutDot)
        }
        for label in labels where !isValidLabel(label) {
            throw fail(.invalidDomainLabel(String(label)))
        }
        if let last = labels.last, last.allSatisfy(\.isNumber) { throw fail(.numericTopLevelDomain) }
    }

    private static func isValidLabel(_ label: Substring) -> Bool {
        guard (1...63).contains(label.utf8.count), label.first != "-", label.last != "-" else { return false }
        return label.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D
        }
    }

    /// The display name with surrounding double quotes and their backslash escapes removed.
    private static func unquoted(_ name: String, input: String) throws(MailAddressError) -> String? {
        guard name.first == "\"" else {
            guard !name.contains("\"") else { throw MailAddressError(.malformedNameAddress, input: input) }
            return name.isEmpty ? nil : name
        }
        guard name.count >= 2, name.last == "\"" else { throw MailAddressError(.malformedNameAddress, input: input) }
        var result = ""
        var escaped = false
        for character in name.dropFirst().dropLast() {
            if escaped {
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                throw MailAddressError(.malformedNameAddress, input: input)
            } else {
                result.append(character)
            }
        }
        guard !escaped else { throw MailAddressError(.malformedNameAddress, input: input) }
        return result
    }
}

/// RFC 5322 `atext`: the characters allowed in a dot-atom besides the dot.
package func isAtext(_ character: Character) -> Bool {
    guard let ascii = character.asciiValue else { return false }
    switch ascii {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
    default: return "!#$%&'*+-/=?^_`{|}~".utf8.contains(ascii)
    }
}

package func trimmedSpaces(_ text: String) -> String {
    var slice = Substring(text)
    while slice.first == " " { slice.removeFirst() }
    while slice.last == " " { slice.removeLast() }
    return String(slice)
}
