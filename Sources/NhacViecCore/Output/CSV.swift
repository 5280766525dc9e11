/// RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted when they need it.
package enum CSV {
    /// U+FEFF first: without it Excel reads UTF-8 CSV as the ANSI code page and garbles every Vietnamese letter.
    package static let byteOrderMark = "\u{FEFF}"

    /// The rows, header first, as CSV text that starts with the byte order mark.
    package static func render(headers: [String], rows: [[String]]) -> String {
        byteOrderMark + ([headers] + rows).map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    static func field(_ value: String) -> String {
        let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0.isNewline }
        guard needsQuotes else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }
}
