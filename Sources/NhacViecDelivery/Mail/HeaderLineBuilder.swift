import NhacViecCore

/// Writes one header field as ASCII lines of at most 76 characters, folding before a space.
///
/// Folding inserts CRLF before a space that separates two tokens, so unfolding gives back the
/// value exactly. Non-ASCII text becomes RFC 2047 `B` encoded-words of at most 75 characters,
/// each holding whole characters (a grapheme larger than one word is split between scalars).
struct HeaderLineBuilder {
    /// RFC 2047's limit for a line holding encoded-words; also well under RFC 5322's 78.
    static let lineLimit = 76
    /// RFC 2047's limit for one encoded-word.
    static let encodedWordLimit = 75

    private var lines: [String] = []
    private var current: String
    private var currentHasToken = false

    init(name: String) {
        current = name + ":"
    }

    /// The field's lines, each ending in CRLF.
    var rendered: String {
        (lines + [current]).map { $0 + "\r\n" }.joined()
    }

    /// Characters left on the current line for a token written after one space.
    private var room: Int {
        Self.lineLimit - current.utf8.count - 1
    }

    /// Appends `token` after a space, first folding when it would overflow the line.
    mutating func append(_ token: String) {
        if currentHasToken, token.utf8.count > room {
            fold()
        }
        current += " " + token
        currentHasToken = true
    }

    /// Appends `text` as unstructured text: as it is when plain ASCII words, else as encoded-words.
    mutating func appendText(_ text: String) {
        if HeaderLineBuilder.isPlainWords(text) {
            for word in text.split(separator: " ") {
                append(String(word))
            }
        } else {
            appendEncodedWords(text)
        }
    }

    /// Appends `text` as a display-name phrase: atoms as they are, anything else as encoded-words.
    mutating func appendPhrase(_ text: String) {
        if HeaderLineBuilder.isPlainWords(text), text.allSatisfy({ $0 == " " || isAtext($0) }) {
            for word in text.split(separator: " ") {
                append(String(word))
            }
        } else {
            appendEncodedWords(text)
        }
    }

    /// Appends `text` as a run of `=?UTF-8?B?…?=` words separated by folding white space, which
    /// decoders drop, so spaces inside `text` are kept inside the words.
    mutating func appendEncodedWords(_ text: String) {
        let maximumUnit = HeaderLineBuilder.payloadBytes(forWordLength: Self.encodedWordLimit)
        // Characters, except that one too large for any word is split between its scalars.
        let units: [[UInt8]] = text.flatMap { character -> [[UInt8]] in
            let bytes = Array(character.utf8)
            return bytes.count <= maximumUnit ? [bytes] : character.unicodeScalars.map { Array(String($0).utf8) }
        }
        var index = 0
        while index < units.count {
            var capacity = HeaderLineBuilder.payloadBytes(forWordLength: min(room, Self.encodedWordLimit))
            if capacity < units[index].count, currentHasToken {
                fold()
                capacity = HeaderLineBuilder.payloadBytes(forWordLength: min(room, Self.encodedWordLimit))
            }
            var payload: [UInt8] = []
            while index < units.count, payload.count + units[index].count <= capacity {
                payload += units[index]
                index += 1
            }
            if payload.isEmpty {
                // Only possible on the field's first line after a long name: take one unit anyway.
                payload = units[index]
                index += 1
            }
            append("=?UTF-8?B?" + Base64.encode(payload) + "?=")
        }
    }

    private mutating func fold() {
        lines.append(current)
        current = ""
        currentHasToken = false
    }

    /// The most UTF-8 bytes an encoded-word of `length` characters can carry: 12 characters of
    /// `=?UTF-8?B?` and `?=`, then 4 base64 characters for every 3 bytes.
    private static func payloadBytes(forWordLength length: Int) -> Int {
        max(0, (length - 12) / 4) * 3
    }

    /// Whether `text` can be written as it is: printable ASCII words of at most 70 characters,
    /// separated by single spaces, no leading or trailing space, nothing a decoder would take for
    /// an encoded-word.
    static func isPlainWords(_ text: String) -> Bool {
        guard !text.isEmpty, !text.contains("=?") else { return false }
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        return words.allSatisfy { word in
            !word.isEmpty && word.utf8.count <= 70 && word.utf8.allSatisfy { $0 >= 0x21 && $0 <= 0x7E }
        }
    }
}
