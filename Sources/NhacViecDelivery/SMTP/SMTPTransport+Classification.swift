import CCurl
import NhacViecCore

extension SMTPTransport {
    /// Turns libcurl's result and the server's last reply into a delivery result.
    ///
    /// - Parameter lastReply: The server's last reply line, such as `550 5.1.1 No such user here`.
    static func classify(_ outcome: CurlOutcome, lastReply: String?) -> MailDeliveryResult {
        let code = outcome.responseCode
        let detail = outcome.detail
        switch outcome.code {
        case CURLE_OK:
            return .sent(code: code == 0 ? 250 : code)
        case CURLE_ABORTED_BY_CALLBACK where outcome.cancelled:
            return .retryable(code: nil, reason: "delivery cancelled")
        case CURLE_LOGIN_DENIED:
            return .configuration(
                reason: "the server refused the username or password (\(code)); check username and password_file"
            )
        case CURLE_USE_SSL_FAILED:
            return .configuration(
                reason: "the server did not offer STARTTLS and tls: required forbids sending without it (\(detail))"
            )
        case CURLE_PEER_FAILED_VERIFICATION:
            return .configuration(
                reason: "the server's certificate is not trusted (\(detail)); set ca_file to the CA that signed it"
            )
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE,
            CURLE_SSL_ISSUER_ERROR, CURLE_SSL_CRL_BADFILE, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
            CURLE_SSL_ENGINE_INITFAILED:
            return .configuration(reason: "the TLS handshake failed: \(detail)")
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT, CURLE_NOT_BUILT_IN:
            return .configuration(reason: "libcurl cannot use this smtp url: \(detail)")
        case CURLE_COULDNT_RESOLVE_HOST:
            return .retryable(
                code: nil, reason: "cannot resolve the server's host name (\(detail)); check the smtp url and DNS")
        case CURLE_COULDNT_CONNECT:
            return .retryable(code: nil, reason: "cannot connect to the server: \(detail)")
        case CURLE_OPERATION_TIMEDOUT:
            return .retryable(code: code == 0 ? nil : code, reason: "timed out: \(detail)")
        default:
            let reason = serverSaid(lastReply, code: code) ?? detail
            switch code {
            case 400..<500:
                return .retryable(code: code, reason: reason)
            case 530, 534, 535, 538:
                return .configuration(reason: "the server requires other authentication (\(code)): \(reason)")
            case 500..<600:
                return .permanent(code: code, reason: reason)
            default:
                return .retryable(code: nil, reason: detail)
            }
        }
    }

    /// The server's reply line when it is the one carrying `code`.
    private static func serverSaid(_ line: String?, code: Int) -> String? {
        guard let line, code != 0, line.hasPrefix(String(code)) else { return nil }
        return "server replied \"\(MailAddressError.visible(line))\""
    }
}
