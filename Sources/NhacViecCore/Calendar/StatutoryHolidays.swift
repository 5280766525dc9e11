/// The public holidays of the Labour Code 2019, Art. 112, computed for a Gregorian year (before any
/// compensatory days, which depend on the weekend).
enum StatutoryHolidays {
    /// The holidays of `year`, sorted by date; Tết and Giỗ Tổ need the lunar calendar, so years outside
    /// `LunarCalendar.supportedYears` get only the solar holidays.
    static func days(inYear year: Int) -> [CalendarDay] {
        var days: [CalendarDay] = []
        func add(_ date: CivilDate?, _ name: String, _ kind: DayKind) {
            if let date {
                days.append(CalendarDay(date: date, name: name, kind: kind, working: false, source: .statutory))
            }
        }
        add(CivilDate(year: year, month: 1, day: 1), "Tết Dương lịch", .newYear)
        if let tet = LunarCalendar.solarDate(for: LunarDate(day: 1, month: 1, year: year)) {
            let eve = tet.adding(days: -1)
            let eveDay = LunarCalendar.table.lunarDate(dayNumber: eve.dayNumber)?.day ?? 30
            add(eve, "Tết Nguyên Đán (\(eveDay) Tết)", .tet)
            for day in 1...4 {
                add(tet.adding(days: day - 1), "Tết Nguyên Đán (Mùng \(day) Tết)", .tet)
            }
        }
        add(LunarCalendar.solarDate(for: LunarDate(day: 10, month: 3, year: year)), "Giỗ Tổ Hùng Vương", .hungKings)
        add(CivilDate(year: year, month: 4, day: 30), "Ngày Chiến thắng", .reunification)
        add(CivilDate(year: year, month: 5, day: 1), "Ngày Quốc tế Lao động", .labour)
        add(CivilDate(year: year, month: 9, day: 1), "Quốc khánh (ngày liền kề)", .nationalDay)
        add(CivilDate(year: year, month: 9, day: 2), "Quốc khánh", .nationalDay)
        return days.sorted { $0.date < $1.date }
    }
}
