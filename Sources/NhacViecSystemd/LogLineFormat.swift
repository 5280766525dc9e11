package import Foundation
import Glibc
package import Logging

/// How one log event is laid out as one line: for the systemd journal, or for a person.
///
/// Metadata follows the message as `key=value` pairs sorted by key; nested dictionaries become dotted keys
/// (`smtp.code=550`), and a value with a space, quote, `=` or backslash is quoted. Newlines and other control
/// characters in the message and in values are escaped (`\n`), so one event is always one line.
package enum LogLineFormat: Sendable, Equatable {
    /// `<6>nhacviec: message key=value`: the syslog priority prefix that journald reads as the entry's
    /// priority, and no timestamp, since the journal records its own.
    case journal
    /// `2026-06-12T08:00:00+07:00 info nhacviec: message key=value`, the time given in `timeZone`.
    case human(timeZone: TimeZone)

    /// `.journal` when `fileDescriptor` is the stream systemd connected to the journal, else `.human` in the
    /// local time zone.
    ///
    /// systemd sets `$JOURNAL_STREAM` to `device:inode` of the journal stream it gives a service; the descriptor
    /// is that stream only if `fstat(2)` reports the same pair (systemd.exec(5)), which rules out an inherited
    /// variable with a redirected stderr.
    package static func detect(
        fileDescriptor: Int32 = 2,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> LogLineFormat {
        isJournalStream(fileDescriptor: fileDescriptor, environment: environment)
            ? .journal : .human(timeZone: .current)
    }

    /// One event as one line, ending in a newline.
    package func line(
        label: String,
        level: Logger.Level,
        message: String,
        metadata: Logger.Metadata,
        date: Date
    ) -> String {
        var line: String
        switch self {
        case .journal:
            line = "<\(Self.syslogPriority(level))>"
        case .human(let timeZone):
            let style = Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: timeZone)
            line = "\(date.formatted(style)) \(level.rawValue) "
        }
        line += "\(Self.escaped(label)): \(Self.escaped(message))"
        for (key, value) in Self.flattened(metadata, prefix: "").sorted(by: { $0.key < $1.key }) {
            line += " \(Self.escaped(key))=\(Self.quotedIfNeeded(value))"
        }
        return line + "\n"
    }

    /// The syslog priority of `level` (`LOG_CRIT` 2 … `LOG_DEBUG` 7); trace is debug.
    static func syslogPriority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    private static func isJournalStream(fileDescriptor: Int32, environment: [String: String]) -> Bool {
        guard let stream = environment["JOURNAL_STREAM"] else { return false }
        let parts = stream.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var status = stat()
        guard fstat(fileDescriptor, &status) == 0 else { return false }
        return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode
    }

    /// Nested dictionaries as dotted keys; arrays as `[a,b]`.
    private static func flattened(_ metadata: Logger.Metadata, prefix: String) -> [String: String] {
        var pairs: [String: String] = [:]
        for (key, value) in metadata {
            let dotted = prefix + key
            if case .dictionary(let nested) = value {
                pairs.merge(flattened(nested, prefix: dotted + "."), uniquingKeysWith: { _, nested in nested })
            } else {
                pairs[dotted] = rendered(value)
            }
        }
        return pairs
    }

    private static func rendered(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let string): string
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): "[" + values.map(rendered).joined(separator: ",") + "]"
        case .dictionary(let nested):
            "[" + nested.sorted { $0.key < $1.key }.map { "\($0.key):\(rendered($0.value))" }.joined(separator: ",")
                + "]"
        }
    }

    private static func quotedIfNeeded(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.unicodeScalars.contains { " \"=\\".unicodeScalars.contains($0) }
        guard needsQuotes else { return escaped(value) }
        let inner = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"" + escaped(inner) + "\""
    }

    /// Control characters as escapes: `\n`, `\r`, `\t`, and `\u{1B}` for the rest.
    private static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.properties.generalCategory == .control:
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
