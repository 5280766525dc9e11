/// When a milestone is due, as the plan says it: once, every year/quarter/month/week, ongoing, or on request.
package enum DueRule: Sendable, Hashable {
    /// "trước ngày 25/4/2025".
    case once(CivilDate)
    /// "trước ngày 15/6 hàng năm", bounded by the plan period and the optional rule bounds.
    case recurring(Recurrence, from: CivilDate?, until: CivilDate?)
    /// "thường xuyên": no deadline, optionally a periodic nudge.
    case ongoing(nudge: Recurrence?)
    /// "theo thời hạn yêu cầu của Văn phòng Chính phủ": undated until the admin records the date set later.
    case onRequest(by: String?, date: CivilDate?)

    /// A short English description for listings, e.g. `yearly 15/6`, `monthly day 15`, `once`.
    package var summary: String {
        switch self {
        case .once: "once"
        case .recurring(let recurrence, _, _): recurrence.summary
        case .ongoing(let nudge): nudge.map { "ongoing (nudge \($0.summary))" } ?? "ongoing"
        case .onRequest(_, let date): date == nil ? "on request (undated)" : "on request"
        }
    }

    /// Whether the rule yields no date at all (listed only with `--all`).
    package var isUndated: Bool {
        switch self {
        case .once, .recurring: false
        case .ongoing: true
        case .onRequest(_, let date): date == nil
        }
    }
}

/// A repeating calendar pattern.
package enum Recurrence: Sendable, Hashable {
    /// Day and month each year; 29/2 means 28/2 in common years.
    case yearly(month: Int, day: Int)
    case monthly(day: DayOfMonth)
    /// `monthInQuarter` 1…3: the given month of each quarter.
    case quarterly(monthInQuarter: Int, day: DayOfMonth)
    case weekly(Weekday)

    package var summary: String {
        switch self {
        case .yearly(let month, let day): "yearly \(day)/\(month)"
        case .monthly(let day): "monthly day \(day)"
        case .quarterly(let month, let day): "quarterly month \(month) day \(day)"
        case .weekly(let weekday): "weekly \(weekday.rawValue)"
        }
    }

    /// Every date of the pattern in `range`, ascending.
    package func dates(in range: ClosedRange<CivilDate>) -> [CivilDate] {
        var result: [CivilDate] = []
        let first = range.lowerBound.components
        let last = range.upperBound.components
        switch self {
        case .weekly(let weekday):
            var date = range.lowerBound
            while date.weekday != weekday { date = date.adding(days: 1) }
            while date <= range.upperBound {
                result.append(date)
                date = date.adding(days: 7)
            }
            return result
        case .yearly(let month, let day):
            for year in first.year...last.year {
                let clamped = min(day, CivilDate.daysIn(month: month, year: year))
                if let date = CivilDate(year: year, month: month, day: clamped), range.contains(date) {
                    result.append(date)
                }
            }
        case .monthly(let day):
            for (year, month) in Recurrence.months(from: first, through: last) {
                if let date = day.date(year: year, month: month), range.contains(date) { result.append(date) }
            }
        case .quarterly(let monthInQuarter, let day):
            for (year, month) in Recurrence.months(from: first, through: last)
            where (month - 1) % 3 + 1 == monthInQuarter {
                if let date = day.date(year: year, month: month), range.contains(date) { result.append(date) }
            }
        }
        return result
    }

    private static func months(
        from first: (year: Int, month: Int, day: Int), through last: (year: Int, month: Int, day: Int)
    ) -> [(Int, Int)] {
        var result: [(Int, Int)] = []
        var (year, month) = (first.year, first.month)
        while (year, month) <= (last.year, last.month) {
            result.append((year, month))
            month += 1
            if month > 12 { (year, month) = (year + 1, 1) }
        }
        return result
    }
}

/// A day in a month: a number (29–31 mean the month's last day when it is shorter) or `last`.
package enum DayOfMonth: Sendable, Hashable, CustomStringConvertible {
    case day(Int)
    case last

    /// This day in the given month.
    package func date(year: Int, month: Int) -> CivilDate? {
        let length = CivilDate.daysIn(month: month, year: year)
        switch self {
        case .day(let day): return CivilDate(year: year, month: month, day: min(day, length))
        case .last: return CivilDate(year: year, month: month, day: length)
        }
    }

    package var description: String {
        switch self {
        case .day(let day): String(day)
        case .last: "last"
        }
    }
}

/// Where a due date that falls on a weekend or holiday moves to.
package enum DayOffPolicy: String, Sendable, Hashable, CaseIterable {
    case previousWorkingDay = "previous_working_day"
    case nextWorkingDay = "next_working_day"
    case keep

    /// The effective due date of `nominal` on `calendar`.
    package func effectiveDate(for nominal: CivilDate, on calendar: WorkingCalendar) -> CivilDate {
        switch self {
        case .previousWorkingDay: calendar.previousWorkingDay(onOrBefore: nominal)
        case .nextWorkingDay: calendar.nextWorkingDay(onOrAfter: nominal)
        case .keep: nominal
        }
    }
}
