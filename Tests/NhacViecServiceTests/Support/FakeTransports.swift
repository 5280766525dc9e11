import Foundation
import Logging
import NhacViecCore
import NhacViecDelivery
import Synchronization

/// A mail transport that records every message and answers from a script (then `.sent`), for in-process tests of
/// the delivery pass; the real transports have their own tests against real servers.
final class RecordingMail: MailTransport {
    struct Sent: Sendable {
        var recipient: String
        var text: String
    }

    private let state = Mutex<(sent: [Sent], script: [MailDeliveryResult])>(([], []))

    /// Answers the next sends with `results`, in order.
    func script(_ results: [MailDeliveryResult]) {
        state.withLock { $0.script += results }
    }

    /// Every message accepted so far, in order.
    var sent: [Sent] { state.withLock { $0.sent } }

    func send(
        _ message: RenderedEmail, from envelopeFrom: MailAddress, to recipient: MailAddress
    ) async
        -> MailDeliveryResult
    {
        state.withLock { state in
            let result = state.script.isEmpty ? .sent(code: 250) : state.script.removeFirst()
            if case .sent = result {
                state.sent.append(Sent(recipient: recipient.address, text: Self.decodeQuotedPrintable(message.text)))
            }
            return result
        }
    }
}

extension RecordingMail {
    /// The message with quoted-printable undone (soft breaks and `=XX` bytes), so tests read Vietnamese text whole.
    static func decodeQuotedPrintable(_ text: String) -> String {
        let bytes = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "="), index + 2 < bytes.count,
                let byte = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
            {
                out.append(byte)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    /// The acknowledgement tokens (`nva_…`) linked in this text, in order, without repeats.
    var acknowledgementTokens: [String] {
        var found: [String] = []
        var rest = self[...]
        while let range = rest.range(of: "/a/nva_") {
            let token = "nva_" + rest[range.upperBound...].prefix { $0.isHexDigit && $0.isASCII }
            if token.count == 36 && !found.contains(token) { found.append(token) }
            rest = rest[range.upperBound...]
        }
        return found
    }
}

extension Logger {
    /// A logger that drops everything: in-process tests assert on the ledger and the messages, not on log lines.
    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
}
