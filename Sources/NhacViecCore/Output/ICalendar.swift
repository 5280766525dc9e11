/// An RFC 5545 calendar of all-day events, ready to import into Outlook, Thunderbird or Google Calendar.
package struct ICalendar: Sendable {
    /// One all-day event.
    package struct Event: Sendable {
        package var uid: String
        package var date: CivilDate
        package var summary: String
        package var description: String?
        package var categories: [String]

        package init(
            uid: String, date: CivilDate, summary: String, description: String? = nil, categories: [String] = []
        ) {
            self.uid = uid
            self.date = date
            self.summary = summary
            self.description = description
            self.categories = categories
        }
    }

    package var name: String
    package var events: [Event]
    /// The DTSTAMP of every event, `YYYYMMDDTHHMMSSZ`; fixed by the caller so output is reproducible.
    package var stamp: String

    package init(name: String, events: [Event], stamp: String) {
        self.name = name
        self.events = events
        self.stamp = stamp
    }

    /// The calendar as text with CRLF line ends, escaped and folded at 75 octets.
    package func render() -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//nhacviec//nhacviec//VI", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:" + ICalendar.escape(name), "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
        ]
        for event in events {
            lines.append("BEGIN:VEVENT")
            lines.append("UID:" + ICalendar.escape(event.uid))
            lines.append("DTSTAMP:" + stamp)
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
