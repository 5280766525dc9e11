import Crypto
import Foundation

/// The secret behind the dashboard's CSRF values: each form carries HMAC-SHA256(key, user name), which another site
/// cannot compute, so a cross-site POST made with the browser's saved Basic credentials is refused.
///
/// One key per process: a restart makes open forms stale (the user reloads the page).
package struct DashboardFormKey: Sendable {
    /// The key's bytes (`SymmetricKey` is not `Sendable`).
    private let bytes: [UInt8]

    /// A fresh random key.
    package init() {
        bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }

    private var key: SymmetricKey { SymmetricKey(data: bytes) }

    /// The hidden `csrf` value of `user`'s forms: 43 URL-safe base64 characters.
    package func value(for user: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array("nhacviec dashboard \(user)".utf8), using: key)
        return Data(code).base64EncodedString().replacing("+", with: "-").replacing("/", with: "_")
            .replacing("=", with: "")
    }

    /// Whether `candidate` is `user`'s value, compared in constant time.
    package func accepts(_ candidate: String?, for user: String) -> Bool {
        guard let candidate else { return false }
        let expected = Array(value(for: user).utf8)
        let given = Array(candidate.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// A digest of a password checked against a stored hash, so a repeated Basic login skips bcrypt: the cache keeps
    /// only this, never the password.
    package func passwordDigest(user: String, password: String, hash: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array("\(user)\u{0}\(password)\u{0}\(hash)".utf8), using: key)
        return Data(code).base64EncodedString()
    }
}
