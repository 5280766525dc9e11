public import Foundation

/// Turns a calendar day and a wall-clock time in a named time zone into an instant and its ISO 8601 text.
public struct LocalTime: Sendable {
    public let timeZone: TimeZone

    /// - Parameter identifier: an IANA name already validated at config load; unknown names fall back to UTC+7.
    public init(identifier: String) {
        self.timeZone = TimeZone(identifier: identifier) ?? TimeZone(secondsFromGMT: 7 * 3600) ?? .gmt
    }

    /// The instant of `time` on `date` in this zone, and the zone's UTC offset then.
    public func instant(of date: CivilDate, at time: TimeOfDay) -> (date: Date, offsetSeconds: Int) {
        let local = Double(date.dayNumber * 86_400 + time.hour * 3600 + time.minute * 60)
        var offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local))
        offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local - Double(offset)))
        return (Date(timeIntervalSince1970: local - Double(offset)), offset)
    }

    /// `2026-06-12T08:00:00+07:00`.
    public func iso8601(_ date: CivilDate, at time: TimeOfDay) -> String {
        let offset = instant(of: date, at: time).offsetSeconds
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 3600
        let minutes = abs(offset) % 3600 / 60
        return "\(date.iso8601)T\(time):00\(sign)\(two(hours)):\(two(minutes))"
    }

    /// The calendar day of an instant in this zone.
    public func civilDate(of instant: Date) -> CivilDate {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: instant)
        return CivilDate(dayNumber: Int((Double(seconds) / 86_400).rounded(.down)))
    }

    private func two(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
