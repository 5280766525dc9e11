import Crypto
import Foundation

/// The signing key shared with an integrator, written `whsec_<base64>` as in the Standard Webhooks spec.
package struct WebhookSecret: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let key: [UInt8]

    /// Parses `whsec_` followed by the base64 of 24 to 64 random bytes; surrounding white space
    /// (a file's final newline) is ignored.
    ///
    /// - Throws: `WebhookSecretError`, which never repeats the secret.
    package init(parsing text: String) throws(WebhookSecretError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("whsec_") else { throw WebhookSecretError(.missingPrefix) }
        guard let key = Data(base64Encoded: String(trimmed.dropFirst("whsec_".count))) else {
            throw WebhookSecretError(.invalidBase64)
        }
        guard key.count >= 24 else { throw WebhookSecretError(.tooShort(bytes: key.count)) }
        guard key.count <= 64 else { throw WebhookSecretError(.tooLong(bytes: key.count)) }
        self.key = Array(key)
    }

    /// The `webhook-signature` header value: `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`.
    package func signature(id: String, timestamp: Int64, body: [UInt8]) -> String {
        var signed = Array("\(id).\(timestamp).".utf8)
        signed += body
        let code = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: key))
        return "v1," + Data(code).base64EncodedString()
    }

    package var description: String { "whsec_<redacted>" }
    package var debugDescription: String { description }
    package var customMirror: Mirror { Mirror(self, children: []) }
}

/// Why a webhook secret was refused. Never contains the secret.
package struct WebhookSecretError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The specific problem.
    package enum Reason: Equatable, Sendable {
        case missingPrefix
        case invalidBase64
        case tooShort(bytes: Int)
        case tooLong(bytes: Int)
    }

    /// The problem.
    package let reason: Reason

    package init(_ reason: Reason) {
        self.reason = reason
    }

    package var description: String {
        let fix = "generate one with: echo \"whsec_$(openssl rand -base64 32)\""
        return switch reason {
        case .missingPrefix: "webhook secret: it must start with whsec_; \(fix)"
        case .invalidBase64: "webhook secret: the part after whsec_ is not valid base64; \(fix)"
        case .tooShort(let bytes): "webhook secret: the key is \(bytes) bytes, fewer than 24; \(fix)"
        case .tooLong(let bytes): "webhook secret: the key is \(bytes) bytes, more than 64; \(fix)"
        }
    }
}
