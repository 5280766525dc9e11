package import Foundation

/// An RFC 5545 calendar of all-day events, ready to import into Outlook, Thunderbird or Google Calendar, or to
/// publish as a subscribed feed.
package struct ICalendar: Sendable {
    /// One all-day event.
    package struct Event: Sendable {
        package var uid: String
        package var date: CivilDate
        package var summary: String
        package var description: String?
        package var categories: [String]
        /// What a subscribed calendar needs to notice a change: its revision, the time of that revision
        /// (`YYYYMMDDTHHMMSSZ`, also the event's DTSTAMP) and whether it was withdrawn. Nil in a one-off export.
        package var revision: Revision?

        package init(
            uid: String, date: CivilDate, summary: String, description: String? = nil, categories: [String] = [],
            revision: Revision? = nil
        ) {
            self.uid = uid
            self.date = date
            self.summary = summary
            self.description = description
            self.categories = categories
            self.revision = revision
        }
    }

    /// SEQUENCE, LAST-MODIFIED and STATUS of a published event.
    package struct Revision: Sendable, Equatable {
        package var sequence: Int
        package var modified: String
        package var cancelled: Bool

        package init(sequence: Int, modified: String, cancelled: Bool) {
            self.sequence = sequence
            self.modified = modified
            self.cancelled = cancelled
        }
    }

    package var name: String
    package var events: [Event]
    /// The DTSTAMP of events without a revision, `YYYYMMDDTHHMMSSZ`; fixed by the caller so output is reproducible.
    package var stamp: String
    /// How often a subscribed client should fetch the calendar again (an RFC 5545 duration such as `PT6H`), written
    /// as REFRESH-INTERVAL (RFC 7986) and X-PUBLISHED-TTL (Outlook); nil in a one-off export.
    package var refreshInterval: String?

    package init(name: String, events: [Event], stamp: String, refreshInterval: String? = nil) {
        self.name = name
        self.events = events
        self.stamp = stamp
        self.refreshInterval = refreshInterval
    }

    /// The calendar as text with CRLF line ends, escaped and folded at 75 octets.
    package func render() -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//nhacviec//nhacviec//VI", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:" + ICalendar.escape(name), "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
        ]
        if let refreshInterval {
            lines.append("REFRESH-INTERVAL;VALUE=DURATION:" + refreshInterval)
            lines.append("X-PUBLISHED-TTL:" + refreshInterval)
        }
        for event in events {
            lines.append("BEGIN:VEVENT")
            lines.append("UID:" + ICalendar.escape(event.uid))
            lines.append("DTSTAMP:" + (event.revision?.modified ?? stamp))
            if let revision = event.revision {
                lines.append("SEQUENCE:\(revision.sequence)")
                lines.append("LAST-MODIFIED:" + revision.modified)
                lines.append("STATUS:" + (revision.cancelled ? "CANCELLED" : "CONFIRMED"))
            }
            lines.append("DTSTART;VALUE=DATE:" + ICalendar.basic(event.date))
            lines.append("DTEND;VALUE=DATE:" + ICalendar.basic(event.date.adding(days: 1)))
            lines.append("SUMMARY:" + ICalendar.escape(event.summary))
            if let description = event.description {
                lines.append("DESCRIPTION:" + ICalendar.escape(description))
            }
            if !event.categories.isEmpty {
                lines.append("CATEGORIES:" + event.categories.map(ICalendar.escape).joined(separator: ","))
            }
            lines.append("TRANSP:TRANSPARENT")
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(ICalendar.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// `YYYYMMDDTHHMMSSZ`, the UTC form of a DATE-TIME.
    package static func utc(_ instant: Date) -> String {
        let seconds = Int64(instant.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let time = seconds - days * 86_400
        let date = CivilDate(dayNumber: Int(days))
        let clock = [time / 3600, time % 3600 / 60, time % 60].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined()
        return basic(date) + "T" + clock + "Z"
    }

    /// `YYYYMMDD`.
    static func basic(_ date: CivilDate) -> String {
        date.iso8601.replacing("-", with: "")
    }

    /// Escapes TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Folds a content line to at most 75 octets per line, never splitting a UTF-8 character.
    static func fold(_ line: String) -> String {
        var result = ""
        var octets = 0
        for character in line {
            let size = character.utf8.count
            if octets + size > 75 {
                result += "\r\n "
                octets = 1
            }
            result.append(character)
            octets += size
        }
        return result
    }
}
