import Foundation

/// A checked webhook URL: `https://…`, or `http://…` on the loopback interface only.
package struct WebhookEndpoint: Hashable, Sendable, CustomStringConvertible {
    /// The URL as given.
    package let url: String

    /// Checks `url`.
    ///
    /// - Throws: `WebhookConfigurationError` for another scheme, plain HTTP off loopback, embedded
    ///   credentials, control characters or spaces.
    package init(_ url: String) throws(WebhookConfigurationError) {
        if let control = url.unicodeScalars.first(where: { isForbiddenControl($0) || $0 == " " }) {
            throw WebhookConfigurationError(.invalidURL(url, "contains U+\(hex4(control.value))"))
        }
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else {
            throw WebhookConfigurationError(.invalidURL(url, "not an absolute http(s) URL"))
        }
        guard components.user == nil, components.password == nil else {
            throw WebhookConfigurationError(.invalidURL(url, "credentials in the URL are not allowed"))
        }
        switch scheme {
        case "https":
            break
        case "http":
            guard Loopback.contains(Loopback.urlHost(host)) else {
                throw WebhookConfigurationError(.plaintextNotLoopback(host: host))
            }
        default:
            throw WebhookConfigurationError(.invalidURL(url, "the scheme must be https"))
        }
        self.url = url
    }

    package var description: String { url }
}

/// Why a webhook setup was refused.
package struct WebhookConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The specific problem.
    package enum Reason: Equatable, Sendable {
        /// The URL and what is wrong with it.
        case invalidURL(String, String)
        case plaintextNotLoopback(host: String)
        /// A webhook id that cannot go into a header.
        case invalidID(String)
        case caFileUnreadable(String)
        case curl(String)
    }

    /// The problem.
    package let reason: Reason

    package init(_ reason: Reason) {
        self.reason = reason
    }

    package var description: String {
        switch reason {
        case .invalidURL(let url, let problem):
            "webhook url \"\(MailAddressError.visible(url))\": \(problem)"
        case .plaintextNotLoopback(let host):
            "webhook url: plain http is allowed only for this machine (localhost, 127.0.0.1, [::1]), not \(host); use https"
        case .invalidID(let id):
            "webhook id \"\(MailAddressError.visible(id))\": use 1-256 printable ASCII characters without spaces"
        case .caFileUnreadable(let path):
            "webhook ca_file: cannot read \(path)"
        case .curl(let detail):
            "webhook: libcurl could not be set up: \(detail)"
        }
    }
}
