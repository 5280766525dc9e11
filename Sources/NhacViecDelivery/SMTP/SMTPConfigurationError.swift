import NhacViecCore

/// Why an SMTP configuration was refused. Never contains the password.
package struct SMTPConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The specific problem.
    package enum Reason: Equatable, Sendable {
        case unsupportedScheme(String)
        case urlHasPath
        case credentialsInURL
        case invalidHost(String)
        case invalidPort(String)
        /// `tls: none` for a host that is not on the loopback interface.
        case plaintextNotLoopback(host: String)
        /// `tls: none` with an `smtps://` URL, which is always TLS.
        case plaintextWithSMTPS
        case passwordWithoutUsername
        case usernameWithoutPassword
        case invalidHelo(String)
        case controlCharacter(field: String, scalar: UInt32)
        case caFileUnreadable(String)
        /// libcurl could not be set up (not built with SMTP or TLS support, out of memory).
        case curl(String)
    }

    /// The problem.
    package let reason: Reason

    package init(_ reason: Reason) {
        self.reason = reason
    }

    package var description: String {
        switch reason {
        case .unsupportedScheme(let scheme):
            "smtp url: \"\(MailAddressError.visible(scheme))\" is not supported; use smtp://host:587 (STARTTLS) or smtps://host:465"
        case .urlHasPath:
            "smtp url: write only scheme, host and port; set the EHLO name with helo:"
        case .credentialsInURL:
            "smtp url: do not put credentials in the URL; use username and password_file"
        case .invalidHost(let host):
            "smtp url: \"\(MailAddressError.visible(host))\" is not a host name"
        case .invalidPort(let port):
            "smtp url: \"\(MailAddressError.visible(port))\" is not a port number"
        case .plaintextNotLoopback(let host):
            "smtp tls: none is allowed only for a relay on this machine (localhost, 127.0.0.1, [::1]), not \(host); use tls: required"
        case .plaintextWithSMTPS:
            "smtp tls: none contradicts an smtps:// url, which is always encrypted"
        case .passwordWithoutUsername:
            "smtp: a password is set but no username"
        case .usernameWithoutPassword:
            "smtp: a username is set but no password (password_file, $CREDENTIALS_DIRECTORY/smtp-password or the environment)"
        case .invalidHelo(let name):
            "smtp helo: \"\(MailAddressError.visible(name))\" is not a host name such as nhacviec.gialai.example"
        case .controlCharacter(let field, let scalar):
            "smtp \(field): contains the control character U+\(hex4(scalar))"
        case .caFileUnreadable(let path):
            "smtp ca_file: cannot read \(path)"
        case .curl(let detail):
            "smtp: libcurl could not be set up: \(detail)"
        }
    }
}
