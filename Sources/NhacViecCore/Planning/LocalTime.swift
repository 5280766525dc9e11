package import Foundation

/// Turns a calendar day and a wall-clock time in a named time zone into an instant and its ISO 8601 text.
package struct LocalTime: Sendable {
    package let timeZone: TimeZone

    /// - Parameter identifier: an IANA name already validated at config load; unknown names fall back to UTC+7.
    package init(identifier: String) {
        self.timeZone = TimeZone(identifier: identifier) ?? TimeZone(secondsFromGMT: 7 * 3600) ?? .gmt
    }

    /// The instant of `time` on `date` in this zone, and the zone's UTC offset then.
    package func instant(of date: CivilDate, at time: TimeOfDay) -> (date: Date, offsetSeconds: Int) {
        let local = Double(date.dayNumber * 86_400 + time.hour * 3600 + time.minute * 60)
        var offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local))
        offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local - Double(offset)))
        return (Date(timeIntervalSince1970: local - Double(offset)), offset)
    }

    /// `2026-06-12T08:00:00+07:00`.
    package func iso8601(_ date: CivilDate, at time: TimeOfDay) -> String {
        "\(date.iso8601)T\(time):00\(offsetText(instant(of: date, at: time).offsetSeconds))"
    }

    /// `2027-01-14 08:00 +07:00`: an instant as a person reads it, in this zone with its offset.
    package func display(_ instant: Date) -> String {
        let (date, hour, minute, _, offset) = parts(of: instant)
        return "\(date.iso8601) \(two(hour)):\(two(minute)) \(offset)"
    }

    /// `2027-01-14T08:00:05+07:00`: an instant in ISO 8601 with this zone's offset, for JSON.
    package func iso8601(_ instant: Date) -> String {
        let (date, hour, minute, second, offset) = parts(of: instant)
        return "\(date.iso8601)T\(two(hour)):\(two(minute)):\(two(second))\(offset)"
    }

    /// "08:15 ngày 3/12/2026": an instant as a person in the office reads it, in this zone.
    package func vietnameseDateTime(_ instant: Date) -> String {
        let (date, hour, minute, _, _) = parts(of: instant)
        return "\(two(hour)):\(two(minute)) ngày \(date.vietnamese)"
    }

    private func parts(of instant: Date) -> (CivilDate, Int, Int, Int, String) {
        let offset = timeZone.secondsFromGMT(for: instant)
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + offset
        let day = Int((Double(seconds) / 86_400).rounded(.down))
        let time = seconds - day * 86_400
        return (CivilDate(dayNumber: day), time / 3600, time % 3600 / 60, time % 60, offsetText(offset))
    }

    /// `+07:00`.
    private func offsetText(_ offset: Int) -> String {
        "\(offset < 0 ? "-" : "+")\(two(abs(offset) / 3600)):\(two(abs(offset) % 3600 / 60))"
    }

    /// The calendar day of an instant in this zone.
    package func civilDate(of instant: Date) -> CivilDate {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: instant)
        return CivilDate(dayNumber: Int((Double(seconds) / 86_400).rounded(.down)))
    }

    private func two(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
