/// A day of the Vietnamese lunar calendar (âm lịch), as written in plans and on Tết notices.
///
/// `year` is the Gregorian year in which that lunar year's Tết (1/1) falls, so 1/1/2026 is 2026-02-17.
/// Get one from a solar date with `LunarCalendar.lunarDate(for:)`.
package struct LunarDate: Hashable, Sendable {
    /// 1–30.
    package var day: Int
    /// 1–12; a leap month has the number of the month before it.
    package var month: Int
    package var year: Int
    /// Whether this is the leap month (tháng nhuận) that follows the regular month `month`.
    package var isLeapMonth: Bool

    package init(day: Int, month: Int, year: Int, isLeapMonth: Bool = false) {
        self.day = day
        self.month = month
        self.year = year
        self.isLeapMonth = isLeapMonth
    }

    /// The can-chi name of the lunar year, e.g. "Bính Ngọ".
    package var yearName: String {
        LunarCalendar.canChi(ofYear: year)
    }
}

extension LunarDate: CustomStringConvertible {
    /// `d/m/yyyy`, with ` (tháng m nhuận)` after it in a leap month: "1/1/2026", "3/6/2025 (tháng 6 nhuận)".
    package var description: String {
        "\(day)/\(month)/\(year)" + (isLeapMonth ? " (tháng \(month) nhuận)" : "")
    }
}
