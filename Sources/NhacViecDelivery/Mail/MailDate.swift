package import Foundation
import NhacViecCore

/// A point in time as written in an RFC 5322 `Date:` header, at a fixed UTC offset.
package struct MailDate: Hashable, Sendable {
    /// Vietnam's offset, +07:00, the default.
    package static let vietnamOffsetSeconds = 7 * 3600

    /// The instant.
    package let instant: Date
    /// Seconds east of UTC; a whole number of minutes, less than 100 hours.
    package let utcOffsetSeconds: Int

    /// Creates the date; the offset is rounded down to a whole minute and clamped to ±99:59.
    package init(_ instant: Date, utcOffsetSeconds: Int = MailDate.vietnamOffsetSeconds) {
        self.instant = instant
        let limit = 99 * 3600 + 59 * 60
        self.utcOffsetSeconds = (min(max(utcOffsetSeconds, -limit), limit) / 60) * 60
    }

    /// `Mon, 15 Jun 2026 08:00:00 +0700`: English names, as RFC 5322 requires whatever the locale.
    package var rfc5322: String {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + utcOffsetSeconds
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let date = CivilDate(dayNumber: days)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let time = [secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60]
            .map { String($0).leftPadded(to: 2) }
            .joined(separator: ":")
        let sign = utcOffsetSeconds < 0 ? "-" : "+"
        let offset = abs(utcOffsetSeconds) / 60
        let zone = sign + String(offset / 60).leftPadded(to: 2) + String(offset % 60).leftPadded(to: 2)
        return "\(date.weekday.englishAbbreviation), \(String(date.day).leftPadded(to: 2)) \(months[date.month - 1]) "
            + "\(String(date.year).leftPadded(to: 4)) \(time) \(zone)"
    }
}
