/// RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted when they need it.
public enum CSV {
    /// The rows, header first, as CSV text.
    public static func render(headers: [String], rows: [[String]]) -> String {
        ([headers] + rows).map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    static func field(_ value: String) -> String {
        let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0.isNewline }
        guard needsQuotes else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }
}
