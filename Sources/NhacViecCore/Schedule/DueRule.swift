/// When a milestone is due, as the plan says it: once, by the end of a period, every year/quarter/month/week,
/// ongoing, on request of another office, or when an event happens.
package enum DueRule: Sendable, Hashable {
    /// "trước ngày 25/4/2025".
    case once(CivilDate)
    /// "Quý IV/2025", "Tháng 12/2025", "Năm 2026": by the last day of that quarter, month or year.
    case endOf(DuePeriod)
    /// "trước ngày 15/6 hàng năm", bounded by the plan period and the optional rule bounds.
    case recurring(Recurrence, from: CivilDate?, until: CivilDate?)
    /// "thường xuyên": no deadline, optionally a periodic nudge.
    case ongoing(nudge: Recurrence?)
    /// "theo thời hạn yêu cầu của Văn phòng Chính phủ": undated until the admin records the date set later.
    case onRequest(by: String?, date: CivilDate?)
    /// "Sau khi Nghị định … ban hành", "Khi có phát sinh": set by an event or another document, in the plan's
    /// words; undated until the admin records the date.
    case onEvent(String, date: CivilDate?)

    /// The one date of a rule that has at most one (`once`, `endOf`, a request or event with its date).
    package var singleDate: CivilDate? {
        switch self {
        case .once(let date), .onRequest(_, let date?), .onEvent(_, let date?): date
        case .endOf(let period): period.lastDay
        case .recurring, .ongoing, .onRequest(_, nil), .onEvent(_, nil): nil
        }
    }

    /// A short English description for listings, e.g. `yearly 15/6`, `monthly day 15`, `once`.
    package var summary: String {
        switch self {
        case .once: "once"
        case .endOf(let period): "by end of \(period)"
        case .recurring(let recurrence, _, _): recurrence.summary
        case .ongoing(let nudge): nudge.map { "ongoing (nudge \($0.summary))" } ?? "ongoing"
        case .onRequest(_, let date): date == nil ? "on request (undated)" : "on request"
        case .onEvent(_, let date): date == nil ? "on event (undated)" : "on event"
        }
    }

    /// Whether the rule yields no date at all (listed only with `--all`).
    package var isUndated: Bool {
        switch self {
        case .once, .endOf, .recurring: false
        case .ongoing: true
        case .onRequest(_, let date), .onEvent(_, let date): date == nil
        }
    }
}

/// A quarter, month or year of the calendar, for deadlines such as "Quý IV/2025" that mean its last day.
package enum DuePeriod: Sendable, Hashable, CustomStringConvertible {
    case year(Int)
    /// `quarter` 1…4.
    case quarter(Int, year: Int)
    /// `month` 1…12.
    case month(Int, year: Int)

    /// The last day of the period: the deadline it stands for.
    package var lastDay: CivilDate {
        let (year, month) =
            switch self {
            case .year(let year): (year, 12)
            case .quarter(let quarter, let year): (year, quarter * 3)
            case .month(let month, let year): (year, month)
            }
        return CivilDate(dayNumber: CivilDate.daysFromCivil(year: year, month: month, day: 1)).lastDayOfMonth
    }

    /// `2025`, `Q4/2025`, `12/2025`.
    package var description: String {
        switch self {
        case .year(let year): String(year)
        case .quarter(let quarter, let year): "Q\(quarter)/\(year)"
        case .month(let month, let year): "\(month)/\(year)"
        }
    }
}

/// A day of the year without a year, e.g. 15/6; 29/2 means 28/2 in common years.
package struct DayOfYear: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var month: Int
    package var day: Int

    package init(month: Int, day: Int) {
        self.month = month
        self.day = day
    }

    package static func < (lhs: DayOfYear, rhs: DayOfYear) -> Bool { (lhs.month, lhs.day) < (rhs.month, rhs.day) }

    /// `15/6`.
    package var description: String { "\(day)/\(month)" }
}

/// A repeating calendar pattern.
package enum Recurrence: Sendable, Hashable {
    /// Day and month each year; 29/2 means 28/2 in common years.
    case yearly(month: Int, day: Int)
    /// Several days each year ("trước ngày 01/6 và 15/11 hằng năm"), ascending.
    case yearlyDates([DayOfYear])
    case monthly(day: DayOfMonth)
    /// `monthInQuarter` 1…3: the given month of each quarter.
    case quarterly(monthInQuarter: Int, day: DayOfMonth)
    case weekly(Weekday)

    package var summary: String {
        switch self {
        case .yearly(let month, let day): "yearly \(day)/\(month)"
        case .yearlyDates(let days): "yearly " + days.map(\.description).joined(separator: ", ")
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
            return Recurrence.yearlyDates([DayOfYear(month: month, day: day)]).dates(in: range)
        case .yearlyDates(let days):
            for year in first.year...last.year {
                for day in days {
                    let clamped = min(day.day, CivilDate.daysIn(month: day.month, year: year))
                    if let date = CivilDate(year: year, month: day.month, day: clamped), range.contains(date) {
                        result.append(date)
                    }
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

/// A recurring rule whose day the plan leaves open ("định kỳ hằng quý"): the day reminders use until the admin
/// sets it, with a warning from `check`. The 15th for a monthly report (the month's figures close on the 14th,
/// Nghị định 09/2019/NĐ-CP Art. 12), the 20th of a quarter's last month, 31/12 for a yearly one, Friday weekly.
package enum OpenDay: String, Sendable, CaseIterable {
    case month, quarter, year, week

    package var rule: Recurrence {
        switch self {
        case .month: .monthly(day: .day(15))
        case .quarter: .quarterly(monthInQuarter: 3, day: .day(20))
        case .year: .yearly(month: 12, day: 31)
        case .week: .weekly(.friday)
        }
    }

    /// How to write that day in `due:`, e.g. `month: 3, day: 20`.
    package var written: String {
        switch self {
        case .month: "day: 15"
        case .quarter: "month: 3, day: 20"
        case .year: "date: \"31/12\""
        case .week: "weekday: friday"
        }
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
