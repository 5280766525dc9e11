import Foundation

/// The `http:` section: where nhacviec's own web server listens and the public address agencies reach.
///
/// Without it nothing listens and messages carry no links.
package struct HTTPSettings: Sendable, Hashable {
    /// Where the server accepts connections: a loopback or other TCP address, or a Unix socket behind a proxy.
    package enum Listen: Sendable, Hashable, CustomStringConvertible {
        case tcp(host: String, port: Int)
        case unix(path: String)

        package var description: String {
            switch self {
            case .tcp(let host, let port): "\(Loopback.urlHost(host)):\(port)"
            case .unix(let path): "unix:\(path)"
            }
        }
    }

    package var listen: Listen
    /// The operator's listener (`http.ops_listen`): `/metrics`, `/-/healthy` and `/-/ready`, never proxied.
    package var opsListen: Listen
    /// The absolute base of every link, without a trailing slash (`https://nhacviec.gialai.gov.vn`).
    package var publicURL: String
    /// Peers whose `X-Forwarded-For` is believed (exact addresses, e.g. `127.0.0.1`).
    package var trustedProxies: [String]
    /// The dashboard's users file (`http.users_file`), read when systemd hands over no `web-users` credential.
    package var usersFile: String?

    /// Where the operator's listener is when `ops_listen` is not set: loopback only, Prometheus's usual port.
    package static let defaultOpsListen = Listen.tcp(host: "127.0.0.1", port: 9464)

    package init(
        listen: Listen, publicURL: String, trustedProxies: [String] = [], opsListen: Listen = defaultOpsListen,
        usersFile: String? = nil
    ) {
        self.listen = listen
        self.opsListen = opsListen
        self.usersFile = usersFile
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.trustedProxies = trustedProxies
    }

    /// The origin (`scheme://host[:port]`) of `publicURL`, which a browser sends as `Origin` on a form post.
    package var publicOrigin: String {
        guard let components = URLComponents(string: publicURL), let scheme = components.scheme,
            let host = components.host
        else { return publicURL }
        let port = components.port.map { ":\($0)" } ?? ""
        return "\(scheme.lowercased())://\(Loopback.urlHost(host).lowercased())\(port)"
    }

    /// The host, optional port and path of `publicURL`, after the scheme: `webcal://` + this is a feed's
    /// subscription link.
    package var publicURLWithoutScheme: String {
        guard let separator = publicURL.range(of: "://") else { return publicURL }
        return String(publicURL[separator.upperBound...])
    }

    /// The path prefix of `publicURL` (empty, or `/nhacviec` when served under a sub-path by the proxy).
    package var publicPath: String {
        URLComponents(string: publicURL)?.path ?? ""
    }
}
