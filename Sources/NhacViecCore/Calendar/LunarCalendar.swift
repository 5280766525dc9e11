/// Conversions between solar (Gregorian) dates and the Vietnamese lunar calendar, for lunar years 1900–2199.
///
/// The calendar is computed, not tabulated by hand: a month starts on the day, in Hanoi time (meridian 105°E,
/// UTC+7), that holds the new moon; month 11 holds the winter solstice; in a year of 13 months the first month
/// after it without a major solar term is the leap month (Hồ Ngọc Đức's rules). Using UTC+7 rather than China's
/// UTC+8 is why Tết fell on 1985-01-21, 2007-02-17 and will fall on 2030-02-02 in Vietnam. Lunar years before
/// 1968 are reckoned at UTC+8, as the calendar then in use was, so Tết 1965 is 1965-02-02 and Mậu Thân is
/// 1968-01-29 (China's: 1968-01-30). The months of all supported years are computed once, on first use.
package enum LunarCalendar {
    /// The lunar years that every function here answers for.
    package static let supportedYears: ClosedRange<Int> = 1900...2199

    static let table = LunarTable(years: supportedYears)

    /// The solar dates of the supported lunar years: from Tết 1900 (1900-01-31) to the eve of Tết 2200.
    package static var supportedDates: ClosedRange<CivilDate> {
        let first = table.newYearIndex.first.map { table.months[$0].start } ?? 0
        let end = table.newYearIndex.last.map { table.months[$0].start } ?? 1
        return CivilDate(dayNumber: first)...CivilDate(dayNumber: end - 1)
    }

    /// The lunar date of `date`, or `nil` outside `supportedDates`.
    package static func lunarDate(for date: CivilDate) -> LunarDate? {
        guard let lunar = table.lunarDate(dayNumber: date.dayNumber), supportedYears.contains(lunar.year) else {
            return nil
        }
        return lunar
    }

    /// The solar date of `date`, or `nil` when that lunar date does not exist (a leap flag on a month that is
    /// not leap that year, day 30 of a 29-day month, a year outside `supportedYears`).
    package static func solarDate(for date: LunarDate) -> CivilDate? {
        guard let index = table.monthIndex(number: date.month, year: date.year, isLeap: date.isLeapMonth),
            (1...table.length(ofMonthAt: index)).contains(date.day)
        else { return nil }
        return CivilDate(dayNumber: table.months[index].start + date.day - 1)
    }

    /// The number of days (29 or 30) of month `month` of lunar year `year`, or `nil` when there is no such month.
    package static func daysInMonth(month: Int, year: Int, isLeap: Bool = false) -> Int? {
        table.monthIndex(number: month, year: year, isLeap: isLeap).map(table.length(ofMonthAt:))
    }

    /// The number of the leap month of lunar year `year` (the leap month follows the regular month of that
    /// number), or `nil` when the year has 12 months or is outside `supportedYears`.
    package static func leapMonth(ofYear year: Int) -> Int? {
        guard supportedYears.contains(year) else { return nil }
        let position = year - supportedYears.lowerBound
        guard position + 1 < table.newYearIndex.count else { return nil }
        return table.months[table.newYearIndex[position]..<table.newYearIndex[position + 1]].first(where: \.isLeap)?
            .number
    }
}
