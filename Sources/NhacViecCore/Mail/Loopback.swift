/// The loopback interface, the only place plain SMTP or HTTP may go.
package enum Loopback {
    /// `localhost`, `127.0.0.0/8` or `[::1]` (IPv6 in brackets, as in URLs).
    package static func contains(_ host: String) -> Bool {
        let lowered = host.lowercased()
        if lowered == "localhost" || lowered == "[::1]" { return true }
        let octets = lowered.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// `host` as a URL writes it: an IPv6 address in brackets (`URLComponents.host` gives it bare).
    package static func urlHost(_ host: String) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }
}
