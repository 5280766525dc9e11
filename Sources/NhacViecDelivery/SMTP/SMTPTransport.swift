import CCurl
import Foundation
package import NhacViecCore

/// Sends messages through an SMTP server with libcurl: STARTTLS or implicit TLS, verified
/// certificates, AUTH, one transaction per recipient, one reused connection.
///
/// Transfers run one at a time on the transport's own serial queue, never on the Swift cooperative
/// pool. Cancelling the calling task aborts the transfer in progress.
package final class SMTPTransport: MailTransport {
    private let easy: CurlEasy
    private let worker = CurlWorker(label: "nhacviec.smtp")

    /// Checks `configuration` and prepares the connection (no network traffic yet).
    ///
    /// - Throws: `SMTPConfigurationError`, which never contains the password.
    package init(configuration: SMTPConfiguration) throws(SMTPConfigurationError) {
        let endpoint = try configuration.endpoint()
        if let caFile = configuration.caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw SMTPConfigurationError(.caFileUnreadable(caFile))
        }
        do {
            easy = try CurlEasy()
        } catch {
            throw SMTPConfigurationError(.curl(error.reason))
        }
        do {
            try easy.set(CURLOPT_URL, endpoint.curlURL)
            // CURLUSESSL_ALL: STARTTLS or fail. Never CURLUSESSL_TRY, which silently sends in the clear
            // (and skips AUTH) when a man in the middle strips STARTTLS from the EHLO reply.
            let useSSL = configuration.tls == .required ? CURLUSESSL_ALL : CURLUSESSL_NONE
            try easy.set(CURLOPT_USE_SSL, Int(useSSL.rawValue))
            try easy.set(CURLOPT_SSL_VERIFYPEER, 1)
            try easy.set(CURLOPT_SSL_VERIFYHOST, 2)
            if let caFile = configuration.caFile {
                try easy.set(CURLOPT_CAINFO, caFile)
            }
            if let username = configuration.username, let password = configuration.password {
                try easy.set(CURLOPT_USERNAME, username)
                try easy.set(CURLOPT_PASSWORD, password.value)
                try easy.set(CURLOPT_SASL_IR, 1)
            }
            try easy.set(CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.milliseconds)
            try easy.set(CURLOPT_TIMEOUT_MS, configuration.timeout.milliseconds)
            // Also bounds each wait for a reply outside a transfer, such as QUIT at cleanup (default 120 s).
            try easy.set(CURLOPT_SERVER_RESPONSE_TIMEOUT, max(1, Int(configuration.timeout.components.seconds)))
            try easy.set(CURLOPT_UPLOAD, 1)
        } catch {
            throw SMTPConfigurationError(.curl(error.description))
        }
    }

    deinit {
        worker.retire(easy)
    }

    /// Sends `message` to `recipient` in one SMTP transaction (MAIL FROM, one RCPT TO, DATA).
    ///
    /// The connection stays open for the next message; libcurl reconnects when the server closed it.
    package func send(
        _ message: RenderedEmail,
        from envelopeFrom: MailAddress,
        to recipient: MailAddress
    ) async -> MailDeliveryResult {
        let easy = self.easy
        return await worker.run { cancellation in
            guard !cancellation.isCancelled else {
                return .retryable(code: nil, reason: "delivery cancelled before it started")
            }
            do throws(CurlOptionError) {
                try easy.set(CURLOPT_MAIL_FROM, "<\(envelopeFrom.address)>")
                try easy.set(CURLOPT_INFILESIZE_LARGE, offset: Int64(message.bytes.count))
                let transfer = CurlTransfer(cancellation: cancellation, upload: message.bytes)
                let outcome = try easy.with(CURLOPT_MAIL_RCPT, list: ["<\(recipient.address)>"]) {
                    easy.perform(transfer)
                }
                if outcome.code == CURLE_OPERATION_TIMEDOUT || outcome.code == CURLE_ABORTED_BY_CALLBACK {
                    easy.dropConnection()
                }
                return SMTPTransport.classify(outcome, lastReply: transfer.responseLines.last)
            } catch {
                return .configuration(reason: error.description)
            }
        }
    }
}

extension Duration {
    /// Whole milliseconds, at least 1 (libcurl takes 0 to mean "no limit").
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
