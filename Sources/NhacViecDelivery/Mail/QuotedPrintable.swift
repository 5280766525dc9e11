import NhacViecCore

/// Quoted-printable body encoding (RFC 2045 §6.7) with CRLF line breaks and lines of at most 76 characters.
enum QuotedPrintable {
    static let lineLimit = 76

    /// Encodes `text` after turning every CR, LF or CRLF into a CRLF line break.
    static func encode(_ text: String) -> String {
        var output = ""
        var line: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "\r"):
                if bytes.first == UInt8(ascii: "\n") { bytes.removeFirst() }
                output += encodeLine(line) + "\r\n"
                line.removeAll()
            case UInt8(ascii: "\n"):
                output += encodeLine(line) + "\r\n"
                line.removeAll()
            default:
                line.append(byte)
            }
        }
        return output + encodeLine(line)
    }

    /// One source line, with soft line breaks (`=` CRLF) so no output line exceeds the limit.
    private static func encodeLine(_ bytes: [UInt8]) -> String {
        var output = ""
        var length = 0
        for (offset, byte) in bytes.enumerated() {
            let isLast = offset == bytes.count - 1
            let token: String
            switch byte {
            case 0x21...0x3C, 0x3E...0x7E:
                token = String(UnicodeScalar(byte))
            case 0x20 where !isLast, 0x09 where !isLast:
                // White space at the end of a line would be stripped in transit, so only the last is encoded.
                token = String(UnicodeScalar(byte))
            default:
                token = "=" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
            // Keep room for the `=` of a soft break unless this token ends the line.
            let limit = isLast ? lineLimit : lineLimit - 1
            if length + token.utf8.count > limit {
                output += "=\r\n"
                length = 0
            }
            output += token
            length += token.utf8.count
        }
        return output
    }
}
