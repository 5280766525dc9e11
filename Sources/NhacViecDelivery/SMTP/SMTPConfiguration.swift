import NhacViecCore

/// How to reach the SMTP server: the `delivery.email.smtp` config section, with the password already read.
package struct SMTPConfiguration: Sendable {
    /// Whether the connection must be encrypted.
    package enum TLS: String, Sendable, CaseIterable {
        /// `smtp://`: STARTTLS required (never opportunistic); `smtps://`: implicit TLS.
        case required
        /// No encryption; allowed only for a relay on the loopback interface.
        case none
    }

    /// `smtp://host:587` (STARTTLS) or `smtps://host:465` (implicit TLS); no path, user or query.
    package var url: String
    package var tls: TLS
    /// A PEM file of CA certificates to trust instead of the system's (a private CA).
    package var caFile: String?
    package var username: String?
    package var password: SMTPPassword?
    /// The name sent with EHLO, such as `nhacviec.gialai.example`; libcurl's default when nil.
    package var helo: String?
    /// The most time allowed for connecting, including the TLS handshake.
    package var connectTimeout: Duration
    /// The most time allowed for one whole transaction.
    package var timeout: Duration

    /// Creates a configuration; it is checked by `SMTPTransport.init`.
    package init(
        url: String,
        tls: TLS = .required,
        caFile: String? = nil,
        username: String? = nil,
        password: SMTPPassword? = nil,
        helo: String? = nil,
        connectTimeout: Duration = .seconds(15),
        timeout: Duration = .seconds(60)
    ) {
        self.url = url
        self.tls = tls
        self.caFile = caFile
        self.username = username
        self.password = password
        self.helo = helo
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }
}

/// A checked SMTP endpoint, in the form libcurl takes.
struct SMTPEndpoint: Equatable {
    /// `smtp[s]://host:port/helo-name`: libcurl sends the URL's path as the EHLO name.
    let curlURL: String
    let implicitTLS: Bool
    let host: String
}

extension SMTPConfiguration {
    /// Checks every field and builds the libcurl URL.
    func endpoint() throws(SMTPConfigurationError) -> SMTPEndpoint {
        func fail(_ reason: SMTPConfigurationError.Reason) -> SMTPConfigurationError {
            SMTPConfigurationError(reason)
        }
        for (field, text) in [
            ("url", url), ("username", username ?? ""), ("helo", helo ?? ""), ("ca_file", caFile ?? ""),
        ] {
            if let control = text.unicodeScalars.first(where: isForbiddenControl) {
                throw fail(.controlCharacter(field: field, scalar: control.value))
            }
        }
        if password?.value.unicodeScalars.contains(where: { $0.value == 0 }) == true {
            throw fail(.controlCharacter(field: "password", scalar: 0))
        }
        guard let schemeEnd = url.firstRange(of: "://") else { throw fail(.unsupportedScheme(url)) }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "smtp" || scheme == "smtps" else { throw fail(.unsupportedScheme(scheme)) }
        var authority = Substring(url[schemeEnd.upperBound...])
        if let slash = authority.firstIndex(of: "/") {
            guard authority[slash...] == "/" else { throw fail(.urlHasPath) }
            authority = authority[..<slash]
        }
        if authority.contains("@") { throw fail(.credentialsInURL) }
        if authority.contains("?") || authority.contains("#") { throw fail(.urlHasPath) }
        let (host, port) = try SMTPConfiguration.splitHostPort(authority)
        let implicitTLS = scheme == "smtps"
        if tls == .none {
            if implicitTLS { throw fail(.plaintextWithSMTPS) }
            if !Loopback.contains(host) { throw fail(.plaintextNotLoopback(host: host)) }
        }
        if password != nil, username == nil { throw fail(.passwordWithoutUsername) }
        if username != nil, password == nil { throw fail(.usernameWithoutPassword) }
        var path = ""
        if let helo {
            guard SMTPConfiguration.isHostName(helo) else { throw fail(.invalidHelo(helo)) }
            path = "/" + helo
        }
        let portPart = port.map { ":\($0)" } ?? ""
        return SMTPEndpoint(curlURL: "\(scheme)://\(host)\(portPart)\(path)", implicitTLS: implicitTLS, host: host)
    }

    private static func splitHostPort(_ authority: Substring) throws(SMTPConfigurationError) -> (String, Int?) {
        var host = authority
        var portText: Substring?
        if authority.first == "[" {
            guard let close = authority.firstIndex(of: "]") else {
                throw SMTPConfigurationError(.invalidHost(String(authority)))
            }
            host = authority[...close]
            let rest = authority[authority.index(after: close)...]
            if !rest.isEmpty {
                guard rest.first == ":" else { throw SMTPConfigurationError(.invalidHost(String(authority))) }
                portText = rest.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty, host.first == "[" || isHostName(String(host)) else {
            throw SMTPConfigurationError(.invalidHost(String(host)))
        }
        guard let portText else { return (String(host), nil) }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw SMTPConfigurationError(.invalidPort(String(portText)))
        }
        return (String(host), port)
    }

    /// Letters, digits, `-` and dots, in labels of 1-63 characters (IPv4 addresses included).
    static func isHostName(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 253 else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            (1...63).contains(label.utf8.count) && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }
}
