/// Strict checks for the plain addresses (`local@domain`) that reach SMTP envelopes and mail headers.
public enum EmailAddress {
    /// Why `address` is not an acceptable plain address, or nil when it is.
    public static func problem(with address: String) -> String? {
        if address.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }) {
            return "it contains a space or a control character"
        }
        guard address.utf8.count <= 254 else { return "it is longer than 254 characters" }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return parts.count < 2 ? "it has no '@'" : "it has more than one '@'" }
        let local = parts[0]
        let domain = parts[1]
        guard !local.isEmpty, local.utf8.count <= 64 else { return "the part before '@' must have 1 to 64 characters" }
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-.")
        guard local.allSatisfy({ atext.contains($0) }) else {
            return "the part before '@' may hold only ASCII letters, digits and !#$%&'*+/=?^_`{|}~-."
        }
        if local.hasPrefix(".") || local.hasSuffix(".") || local.contains("..") {
            return "the part before '@' has a misplaced '.'"
        }
        return DomainName.problem(with: String(domain))
    }
}

/// Checks for host names in addresses and URLs.
enum DomainName {
    static func problem(with domain: String) -> String? {
        guard !domain.isEmpty, domain.utf8.count <= 253 else { return "the domain is empty or too long" }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return "the domain '\(domain)' has no dot" }
        for label in labels {
            guard !label.isEmpty, label.utf8.count <= 63 else { return "the domain '\(domain)' has an empty or too long label" }
            guard label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }),
                !label.hasPrefix("-"), !label.hasSuffix("-")
            else { return "the domain '\(domain)' may hold only ASCII letters, digits and inner '-'" }
        }
        if let top = labels.last, !top.allSatisfy({ $0.isLetter }) && !top.hasPrefix("xn--") {
            return "the domain '\(domain)' does not end in a valid top-level domain"
        }
        return nil
    }
}

/// Checks for webhook endpoint URLs: HTTPS, or plain HTTP to the loopback interface only.
public enum WebhookURL {
    /// Why `url` cannot receive webhooks, or nil when it can.
    public static func problem(with url: String) -> String? {
        if url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) {
            return "it contains a space or a control character"
        }
        let lower = url.lowercased()
        let scheme: String
        if lower.hasPrefix("https://") { scheme = "https" } else if lower.hasPrefix("http://") { scheme = "http" } else {
            return "it must start with https://"
        }
        let rest = url.dropFirst(scheme.count + 3)
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if authority.contains("@") { return "credentials in the URL are not allowed" }
        let host: Substring
        if authority.hasPrefix("[") {
            host = authority.prefix { $0 != "]" }.dropFirst()
        } else {
            host = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        }
        guard !host.isEmpty else { return "it has no host" }
        let loopback = host == "localhost" || host.hasPrefix("127.") || host == "::1"
        if scheme == "http" && !loopback { return "plain http is allowed only to 127.0.0.1 or localhost" }
        if !loopback, !host.allSatisfy({ $0.isNumber || $0 == "." }), let problem = DomainName.problem(with: String(host)) {
            return problem
        }
        return nil
    }
}
