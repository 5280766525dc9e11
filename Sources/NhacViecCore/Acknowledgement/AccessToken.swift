import Crypto
import Foundation

/// A bearer secret in a link: 128 random bits behind a purpose prefix (`nva_…` acknowledges, `nvf_…` reads a feed).
///
/// Only its SHA-256 ``hash`` is stored; logs show only ``logID``. A token of one purpose is refused on the
/// routes of another.
package struct AccessToken: Sendable, Hashable, CustomStringConvertible {
    /// What a token may be used for; the prefix makes a token's purpose visible and checkable before a lookup.
    package enum Purpose: String, Sendable, Hashable, CaseIterable {
        case acknowledge
        case feed

        /// `nva_` or `nvf_`.
        package var prefix: String {
            switch self {
            case .acknowledge: "nva_"
            case .feed: "nvf_"
            }
        }
    }

    package let purpose: Purpose
    /// The full token, as it appears in a URL.
    package let text: String

    /// A fresh token from `generator` (the system CSPRNG, `getrandom(2)`, unless a test injects one).
    package static func generate<G: RandomNumberGenerator>(_ purpose: Purpose, using generator: inout G) -> AccessToken
    {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for _ in 0..<2 {
            var word = generator.next()
            for _ in 0..<8 {
                bytes.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        return AccessToken(purpose: purpose, text: purpose.prefix + Hex.encode(bytes))
    }

    /// A fresh token from the system CSPRNG.
    package static func generate(_ purpose: Purpose) -> AccessToken {
        var system = SystemRandomNumberGenerator()
        return generate(purpose, using: &system)
    }

    private init(purpose: Purpose, text: String) {
        self.purpose = purpose
        self.text = text
    }

    /// Reads a token from a URL path segment; nil unless it is `<prefix><32 lowercase hex digits>` of `purpose`.
    package init?(parsing text: String, purpose: Purpose) {
        guard text.hasPrefix(purpose.prefix) else { return nil }
        let digits = text.utf8.dropFirst(purpose.prefix.utf8.count)
        guard digits.count == 32, digits.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            return nil
        }
        self.init(purpose: purpose, text: text)
    }

    /// SHA-256 of the token text, in hex: the only form the ledger keeps.
    package var hash: String {
        Hex.encode(SHA256.hash(data: Array(text.utf8)))
    }

    /// The first 8 hex digits of ``hash``: enough to find a token in the ledger, useless to an attacker.
    package var logID: String {
        String(hash.prefix(8))
    }

    /// The hidden value of the confirmation form: derived from the token, so only a page that showed the token's
    /// own form can post it back (a cross-site form cannot guess it without the token).
    package var formValue: String {
        let key = SymmetricKey(data: Array(text.utf8))
        let code = HMAC<SHA256>.authenticationCode(for: Array("nhacviec acknowledgement form".utf8), using: key)
        return String(Hex.encode(code).prefix(32))
    }

    /// Never the secret itself: a token printed by accident shows only its purpose and ``logID``.
    package var description: String {
        "\(purpose.prefix)…(\(logID))"
    }
}

/// Lowercase hexadecimal.
enum Hex {
    static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
