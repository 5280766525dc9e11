import Foundation

/// Reads the `http:` block of the main file.
struct HTTPParser {
    let sink: DiagnosticSink

    func parse(_ node: YAMLNode) -> HTTPSettings? {
        if node.isNull { return nil }
        guard
            let keys = node.mapping(
                "http", allowed: ["listen", "public_url", "trusted_proxies", "ops_listen", "users_file"])
        else {
            return nil
        }
        guard let listenNode = keys["listen"] else {
            sink.error(node.location, "http needs 'listen'", fix: "e.g. listen: 127.0.0.1:8080")
            return nil
        }
        guard let publicNode = keys["public_url"] else {
            sink.error(
                node.location, "http needs 'public_url', the address agencies open from their email",
                fix: "e.g. public_url: https://nhacviec.gialai.gov.vn")
            return nil
        }
        let listen = listenNode.line("http.listen").flatMap { parseListen($0, at: listenNode) }
        let publicURL = publicNode.line("http.public_url").flatMap { parsePublicURL($0, at: publicNode) }
        var proxies: [String] = []
        if let proxyNode = keys["trusted_proxies"], !proxyNode.isNull,
            let items = proxyNode.list("http.trusted_proxies", acceptsScalar: true)
        {
            for item in items {
                guard let address = item.line("a trusted proxy") else { continue }
                if IPAddressText.isValid(address) {
                    proxies.append(address)
                } else {
                    sink.error(
                        item.location, "trusted proxy '\(address)' is not an IP address",
                        fix: "write the proxy's address as it connects, e.g. 127.0.0.1 or ::1")
                }
            }
        }
        var opsListen = HTTPSettings.defaultOpsListen
        if let opsNode = keys["ops_listen"] {
            guard let text = opsNode.line("http.ops_listen"),
                let parsed = parseListen(text, at: opsNode, key: "http.ops_listen")
            else {
                return nil
            }
            opsListen = parsed
            if parsed == listen {
                sink.error(
                    opsNode.location, "http.ops_listen '\(text)' is the same address as http.listen",
                    fix: "metrics are for the operator only: keep the default 127.0.0.1:9464 or pick another port")
                return nil
            }
        }
        let usersFile = keys["users_file"].flatMap { $0.isNull ? nil : $0.line("http.users_file") }
        guard let listen, let publicURL else { return nil }
        return HTTPSettings(
            listen: listen, publicURL: publicURL, trustedProxies: proxies, opsListen: opsListen, usersFile: usersFile)
    }

    /// - Parameter key: `http.listen` or `http.ops_listen`, as diagnostics name it.
    private func parseListen(_ text: String, at node: YAMLNode, key: String = "http.listen") -> HTTPSettings.Listen? {
        if text.hasPrefix("unix:") {
            let path = String(text.dropFirst("unix:".count))
            guard path.hasPrefix("/") else {
                sink.error(
                    node.location, "\(key) '\(text)' needs an absolute socket path",
                    fix: "e.g. unix:/run/nhacviec/http.sock")
                return nil
            }
            return .unix(path: path)
        }
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[close...].hasPrefix("]:") else {
                sink.error(node.location, "\(key) '\(text)' is not host:port", fix: "e.g. listen: \"[::1]:8080\"")
                return nil
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                sink.error(
                    node.location, "\(key) '\(text)' is not host:port or unix:/path",
                    fix: "e.g. listen: 127.0.0.1:8080")
                return nil
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard let port = Int(portText), (1...65535).contains(port) else {
            sink.error(node.location, "\(key) '\(text)': the port must be 1–65535", fix: "e.g. 127.0.0.1:8080")
            return nil
        }
        guard IPAddressText.isValid(String(host)) || host == "localhost" else {
            sink.error(
                node.location, "\(key) '\(text)': '\(host)' is not an IP address",
                fix: "listen on 127.0.0.1 behind a reverse proxy, or 0.0.0.0 for every interface")
            return nil
        }
        return .tcp(host: String(host), port: port)
    }

    private func parsePublicURL(_ text: String, at node: YAMLNode) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else {
            sink.error(
                node.location, "http.public_url '\(text)' is not an absolute URL",
                fix: "e.g. public_url: https://nhacviec.gialai.gov.vn")
            return nil
        }
        if components.query != nil || components.fragment != nil || components.user != nil {
            sink.error(
                node.location, "http.public_url '\(text)' may not have a query, fragment or credentials",
                fix: "write only scheme, host, port and an optional path")
            return nil
        }
        switch scheme {
        case "https":
            return text
        case "http":
            if Loopback.contains(Loopback.urlHost(host)) { return text }
            sink.error(
                node.location, "http.public_url '\(text)' must use https: links travel by email",
                fix: "put a TLS reverse proxy in front (see the README's nginx site) and write https://\(host)")
            return nil
        default:
            sink.error(node.location, "http.public_url '\(text)' must start with https://")
            return nil
        }
    }
}

/// Textual IPv4/IPv6 address checks, without resolving names.
enum IPAddressText {
    static func isValid(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}
