/// Every lunar month of a span of lunar years, computed once: where each starts, its number and leap flag.
///
/// Lookups are a binary search over about 3,700 months; nothing is computed after `init`.
struct LunarTable: Sendable {
    /// One lunar month.
    struct Month: Sendable, Hashable {
        /// `CivilDate.dayNumber` of its first day.
        var start: Int
        var number: Int
        var isLeap: Bool
        var year: Int
    }

    /// The lunar years whose every month is in the table.
    let years: ClosedRange<Int>
    /// Consecutive months, from month 11 of the year before `years` to month 10 of the year after it.
    let months: [Month]
    /// `CivilDate.dayNumber` of the day after the last month.
    let end: Int
    /// For each year of `years` and the year after, the index in `months` of its month 1.
    let newYearIndex: [Int]

    /// The first lunar year reckoned at UTC+7 (meridian 105°E): Mậu Thân 1968, after the decree of 8/8/1967.
    /// Earlier years follow the calendar Vietnam used until then, China's, reckoned at UTC+8.
    static let firstYearAtUTCPlus7 = 1968

    init(years: ClosedRange<Int>) {
        let switchYear = Self.firstYearAtUTCPlus7
        let early = Self.months(sui: years.lowerBound...max(years.lowerBound, switchYear), zone: 8)
        let late = Self.months(sui: min(switchYear, years.upperBound + 1)...(years.upperBound + 1), zone: 7)
        let months = early.months.filter { $0.year < switchYear } + late.months.filter { $0.year >= switchYear }
        self.years = years
        self.months = months
        self.end = late.end
        self.newYearIndex = months.indices.filter { months[$0].number == 1 && !months[$0].isLeap }
    }

    /// The months from month 11 before `sui.lowerBound` to month 10 of `sui.upperBound`, reckoned in a zone `zone`
    /// hours ahead of UT, and the day after the last one. A *suì* runs from one month 11 to the next.
    private static func months(sui: ClosedRange<Int>, zone: Double) -> (months: [Month], end: Int) {
        var months: [Month] = []
        var month11 = LunarAstronomy.month11Start(ofGregorianYear: sui.lowerBound - 1, zone: zone)
        for year in sui {
            let nextMonth11 = LunarAstronomy.month11Start(ofGregorianYear: year, zone: zone)
            let k = LunarAstronomy.newMoonNumber(on: month11)
            let count = nextMonth11 - month11 > 365 ? 13 : 12
            let leapOffset = count == 13 ? LunarAstronomy.leapMonthOffset(afterNewMoon: k, zone: zone) : count
            for offset in 0..<count {
                let start = offset == 0 ? month11 : LunarAstronomy.newMoonDay(k + offset, zone: zone)
                var number = offset >= leapOffset ? offset + 10 : offset + 11
                if number > 12 { number -= 12 }
                months.append(
                    Month(
                        start: start - LunarAstronomy.julianDayOfEpoch, number: number, isLeap: offset == leapOffset,
                        year: number >= 11 && offset < 4 ? year - 1 : year))
            }
            month11 = nextMonth11
        }
        return (months, month11 - LunarAstronomy.julianDayOfEpoch)
    }

    /// The index of the month that contains `dayNumber`, or `nil` outside the table.
    func monthIndex(containing dayNumber: Int) -> Int? {
        guard let first = months.first, dayNumber >= first.start, dayNumber < end else { return nil }
        var low = 0
        var high = months.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if months[middle].start <= dayNumber { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The number of days of the month at `index` (29 or 30).
    func length(ofMonthAt index: Int) -> Int {
        (index + 1 < months.count ? months[index + 1].start : end) - months[index].start
    }

    /// The lunar date of `dayNumber`, for any day in the table (including the months just outside `years`).
    func lunarDate(dayNumber: Int) -> LunarDate? {
        guard let index = monthIndex(containing: dayNumber) else { return nil }
        let month = months[index]
        return LunarDate(
            day: dayNumber - month.start + 1, month: month.number, year: month.year, isLeapMonth: month.isLeap)
    }

    /// The index of month `number` (leap or not) of lunar `year`, or `nil` when there is no such month.
    func monthIndex(number: Int, year: Int, isLeap: Bool) -> Int? {
        guard years.contains(year) else { return nil }
        let position = year - years.lowerBound
        guard position + 1 < newYearIndex.count else { return nil }
        return (newYearIndex[position]..<newYearIndex[position + 1]).first {
            months[$0].number == number && months[$0].isLeap == isLeap
        }
    }
}
