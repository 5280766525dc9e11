import CCurl
import NhacViecCore

extension WebhookTransport {
    /// Turns libcurl's result, the status and the `Retry-After`/`Location` headers into a delivery result.
    static func classify(
        _ outcome: CurlOutcome, retryAfter: String?, location: String?, now: Double
    )
        -> WebhookDeliveryResult
    {
        let detail = outcome.detail
        switch outcome.code {
        case CURLE_OK:
            break
        case CURLE_ABORTED_BY_CALLBACK where outcome.cancelled:
            return .retryable(status: nil, retryAfter: nil, reason: "delivery cancelled")
        case CURLE_PEER_FAILED_VERIFICATION:
            return .configuration(
                reason: "the receiver's certificate is not trusted (\(detail)); set ca_file to its CA")
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE,
            CURLE_SSL_ISSUER_ERROR, CURLE_SSL_CRL_BADFILE, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS:
            return .configuration(reason: "the TLS handshake failed: \(detail)")
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT, CURLE_NOT_BUILT_IN:
            return .configuration(reason: "libcurl cannot use this webhook url: \(detail)")
        case CURLE_OPERATION_TIMEDOUT:
            return .retryable(status: nil, retryAfter: nil, reason: "timed out: \(detail)")
        default:
            return .retryable(status: nil, retryAfter: nil, reason: detail)
        }
        let status = outcome.responseCode
        switch status {
        case 200..<300:
            return .sent(status: status)
        case 410:
            return .gone
        case 408, 429, 500..<600:
            return .retryable(
                status: status,
                retryAfter: retryAfter.flatMap { RetryAfter.delay($0, now: now) },
                reason: "the receiver replied \(status)"
            )
        case 300..<400:
            let target = location.map { " to \(MailAddressError.visible($0))" } ?? ""
            return .permanent(
                status: status,
                reason: "the receiver redirects\(target); redirects are not followed, configure the final URL"
            )
        default:
            return .permanent(status: status, reason: "the receiver replied \(status)")
        }
    }
}
