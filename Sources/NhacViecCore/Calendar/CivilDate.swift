/// A calendar day in the proleptic Gregorian calendar, with no time and no time zone.
///
/// Due dates are days, not instants: using this type instead of `Date` at midnight
/// means a deadline can never drift across a time-zone or DST boundary.
package struct CivilDate: Hashable, Comparable, Sendable {
    /// Days since 1970-01-01 (negative before it). All arithmetic works on this number.
    package let dayNumber: Int

    /// Creates the date `dayNumber` days after 1970-01-01.
    package init(dayNumber: Int) {
        self.dayNumber = dayNumber
    }

    /// Creates a date from its parts, or returns `nil` for an impossible date such as 31/2.
    package init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CivilDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.dayNumber = CivilDate.daysFromCivil(year: year, month: month, day: day)
    }

    /// The year, month and day of this date.
    package var components: (year: Int, month: Int, day: Int) {
        CivilDate.civilFromDays(dayNumber)
    }

    package var year: Int { components.year }
    package var month: Int { components.month }
    package var day: Int { components.day }

    /// The day of the week.
    package var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        let index = ((dayNumber % 7) + 7 + 4) % 7  // 0 = Sunday
        return Weekday(sundayBasedIndex: index)
    }

    /// The date `days` days later (earlier when negative).
    package func adding(days: Int) -> CivilDate {
        CivilDate(dayNumber: dayNumber + days)
    }

    /// Number of days from `self` to `other` (positive when `other` is later).
    package func days(to other: CivilDate) -> Int {
        other.dayNumber - dayNumber
    }

    /// The last day of this date's month.
    package var lastDayOfMonth: CivilDate {
        let (y, m, _) = components
        return CivilDate(
            dayNumber: CivilDate.daysFromCivil(year: y, month: m, day: CivilDate.daysIn(month: m, year: y)))
    }

    package static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        lhs.dayNumber < rhs.dayNumber
    }

    /// Whether `year` is a Gregorian leap year.
    package static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` of `year`.
    package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 for a valid civil date (H. Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The civil date of a day number (H. Hinnant's `civil_from_days`).
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension CivilDate: CustomStringConvertible {
    /// ISO 8601 form, `YYYY-MM-DD`.
    package var description: String { iso8601 }

    /// ISO 8601 form, `YYYY-MM-DD`.
    package var iso8601: String {
        let (y, m, d) = components
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// Vietnamese short form, `d/m/yyyy` (as written in plans: "25/4/2025").
    package var vietnamese: String {
        let (y, m, d) = components
        return "\(d)/\(m)/\(y)"
    }

    /// Vietnamese form with zero padding, `dd/mm/yyyy`.
    package var vietnamesePadded: String {
        let (y, m, d) = components
        return "\(pad(d, 2))/\(pad(m, 2))/\(y)"
    }
}

extension CivilDate {
    /// Parses `YYYY-MM-DD` or the Vietnamese `D/M/YYYY`; `nil` when malformed or impossible.
    package init?(parsing text: String) {
        let trimmed = text.trimmingSpaces
        if let parts = CivilDate.numbers(trimmed, separator: "-"), parts.count == 3,
            trimmed.split(separator: "-")[0].count == 4
        {
            self.init(year: parts[0], month: parts[1], day: parts[2])
        } else if let parts = CivilDate.numbers(trimmed, separator: "/"), parts.count == 3 {
            self.init(year: parts[2], month: parts[1], day: parts[0])
        } else {
            return nil
        }
    }

    private static func numbers(_ text: String, separator: Character) -> [Int]? {
        let fields = text.split(separator: separator, omittingEmptySubsequences: false)
        var result: [Int] = []
        for field in fields {
            guard !field.isEmpty, field.count <= 4, field.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = Int(field)
            else { return nil }
            result.append(value)
        }
        return result
    }
}

private func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

extension String {
    /// The string without leading and trailing spaces and tabs (Foundation-free).
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
