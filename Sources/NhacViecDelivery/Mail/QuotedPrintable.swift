/// Quoted-printable body encoding (RFC 2045 §6.7) with CRLF line breaks and lines of at most 76 characters.
///
/// It works on bytes, not on `String` pieces: it encodes every part of every message of a pass, and building the
/// output a character at a time was a tenth of a national-scale pass.
enum QuotedPrintable {
    static let lineLimit = 76

    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let equals = UInt8(ascii: "=")
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Encodes `text` after turning every CR, LF or CRLF into a CRLF line break.
    static func encode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 2)
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == carriageReturn || byte == lineFeed else {
                index += 1
                continue
            }
            encodeLine(bytes[lineStart..<index], into: &output)
            output += [carriageReturn, lineFeed]
            index += byte == carriageReturn && index + 1 < bytes.count && bytes[index + 1] == lineFeed ? 2 : 1
            lineStart = index
        }
        encodeLine(bytes[lineStart..<bytes.count], into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// One source line, with soft line breaks (`=` CRLF) so no output line exceeds the limit.
    private static func encodeLine(_ bytes: ArraySlice<UInt8>, into output: inout [UInt8]) {
        var length = 0
        for index in bytes.indices {
            let byte = bytes[index]
            let isLast = index == bytes.endIndex - 1
            let literal: Bool
            switch byte {
            case 0x21...0x3C, 0x3E...0x7E:
                literal = true
            case 0x20 where !isLast, 0x09 where !isLast:
                // White space at the end of a line would be stripped in transit, so only the last is encoded.
                literal = true
            default:
                literal = false
            }
            let width = literal ? 1 : 3
            // Keep room for the `=` of a soft break unless this token ends the line.
            let limit = isLast ? lineLimit : lineLimit - 1
            if length + width > limit {
                output += [equals, carriageReturn, lineFeed]
                length = 0
            }
            if literal {
                output.append(byte)
            } else {
                output += [equals, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
            length += width
        }
    }
}
