import Foundation
package import HTTPTypes
package import NIOCore

/// Who sent a request, for the acknowledgement's audit trail: the TCP peer, or the client named in
/// `X-Forwarded-For` when the peer is a trusted proxy.
package enum ClientAddress {
    /// - Parameters:
    ///   - peer: the connection's remote address (nil on a Unix socket, where only local processes can connect, so
    ///     the proxy in front is believed).
    ///   - trustedProxies: exact addresses from `http.trusted_proxies`.
    /// - Returns: The rightmost `X-Forwarded-For` entry that is not itself a trusted proxy, when the header is
    ///   believed; the peer's address otherwise.
    package static func resolve(peer: SocketAddress?, headers: HTTPFields, trustedProxies: [String]) -> String? {
        let peerAddress = peer?.ipAddress
        let believed: Bool
        if let peerAddress {
            believed = trustedProxies.contains(peerAddress)
        } else {
            believed = peer == nil || peer?.pathname != nil
        }
        guard believed, let forwarded = headers[values: .xForwardedFor].last else { return peerAddress }
        let hops = forwarded.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let client = hops.reversed().first { !trustedProxies.contains($0) && !$0.isEmpty }
        return client ?? hops.first ?? peerAddress
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let xRobotsTag = HTTPField.Name("X-Robots-Tag")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
}
