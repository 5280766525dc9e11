import Testing

@testable import NhacViecCore

private func date(_ text: String) -> CivilDate {
    guard let date = CivilDate(parsing: text) else {
        Issue.record("bad test date \(text)")
        return CivilDate(dayNumber: 0)
    }
    return date
}

private func tet(_ year: Int) -> CivilDate? {
    LunarCalendar.solarDate(for: LunarDate(day: 1, month: 1, year: year))
}

@Suite("Lunar calendar")
struct LunarCalendarTests {
    @Suite("Tết Nguyên Đán")
    struct Tet {
        /// Tết as printed in Vietnamese calendars. Before 1968 Vietnam used the calendar reckoned at UTC+8 (China's).
        static let published: [(Int, String)] = [
            (1900, "1900-01-31"), (1901, "1901-02-19"), (1905, "1905-02-04"), (1910, "1910-02-10"),
            (1912, "1912-02-18"), (1920, "1920-02-20"), (1930, "1930-01-30"), (1935, "1935-02-04"),
            (1940, "1940-02-08"), (1945, "1945-02-13"), (1950, "1950-02-17"), (1954, "1954-02-03"),
            (1960, "1960-01-28"), (1965, "1965-02-02"), (1966, "1966-01-21"), (1967, "1967-02-09"),
            (1968, "1968-01-29"), (1970, "1970-02-06"), (1975, "1975-02-11"), (1976, "1976-01-31"),
            (1979, "1979-01-28"), (1984, "1984-02-02"), (1985, "1985-01-21"), (1986, "1986-02-09"),
            (1990, "1990-01-27"), (1995, "1995-01-31"), (1996, "1996-02-19"), (1999, "1999-02-16"),
            (2000, "2000-02-05"), (2001, "2001-01-24"), (2004, "2004-01-22"), (2005, "2005-02-09"),
            (2007, "2007-02-17"), (2008, "2008-02-07"), (2010, "2010-02-14"), (2012, "2012-01-23"),
            (2015, "2015-02-19"), (2017, "2017-01-28"), (2019, "2019-02-05"), (2020, "2020-01-25"),
            (2021, "2021-02-12"), (2022, "2022-02-01"), (2023, "2023-01-22"), (2024, "2024-02-10"),
            (2025, "2025-01-29"), (2026, "2026-02-17"), (2027, "2027-02-06"), (2028, "2028-01-26"),
            (2029, "2029-02-13"), (2030, "2030-02-02"), (2031, "2031-01-23"), (2033, "2033-01-31"),
            (2034, "2034-02-19"), (2040, "2040-02-12"), (2050, "2050-01-23"), (2100, "2100-02-09"),
        ]

        @Test("falls on the published date", arguments: published)
        func publishedDate(year: Int, expected: String) {
            #expect(tet(year) == date(expected))
            #expect(LunarCalendar.lunarDate(for: date(expected)) == LunarDate(day: 1, month: 1, year: year))
        }

        @Test("differs from China's where the meridian matters")
        func vietnameseNotChinese() {
            // China: 1968-01-30, 1985-02-20, 2007-02-18, 2030-02-03.
            #expect(tet(1968) == date("1968-01-29"))
            #expect(tet(1985) == date("1985-01-21"))
            #expect(tet(2007) == date("2007-02-17"))
            #expect(tet(2030) == date("2030-02-02"))
        }

        @Test("always falls between 21 January and 20 February")
        func window() {
            for year in LunarCalendar.supportedYears {
                guard let tet = tet(year) else {
                    Issue.record("no Tết in \(year)")
                    continue
                }
                #expect(tet.year == year)
                #expect(date("\(year)-01-21") <= tet && tet <= date("\(year)-02-20"), "\(year): \(tet)")
            }
        }
    }

    @Test(
        "Giỗ Tổ Hùng Vương is 10/3 lunar",
        arguments: [
            (2020, "2020-04-02"), (2021, "2021-04-21"), (2022, "2022-04-10"), (2023, "2023-04-29"),
            (2024, "2024-04-18"), (2025, "2025-04-07"), (2026, "2026-04-26"),
        ])
    func hungKings(year: Int, expected: String) {
        #expect(LunarCalendar.solarDate(for: LunarDate(day: 10, month: 3, year: year)) == date(expected))
    }

    @Test(
        "leap months",
        arguments: [
            (2004, 2), (2006, 7), (2009, 5), (2012, 4), (2014, 9), (2017, 6), (2020, 4), (2023, 2), (2025, 6),
            (2028, 5),
        ]
    )
    func leapMonth(year: Int, month: Int) {
        #expect(LunarCalendar.leapMonth(ofYear: year) == month)
        #expect(LunarCalendar.daysInMonth(month: month, year: year, isLeap: true) != nil)
    }

    @Test("years without a leap month", arguments: [1984, 2019, 2021, 2022, 2024, 2026, 2027])
    func noLeapMonth(year: Int) {
        #expect(LunarCalendar.leapMonth(ofYear: year) == nil)
        for month in 1...12 {
            #expect(LunarCalendar.solarDate(for: LunarDate(day: 1, month: month, year: year, isLeapMonth: true)) == nil)
        }
    }

    @Test("the worked examples of Hồ Ngọc Đức's rules (1984 and 2004)")
    func workedExamples() {
        // Month 11 of 1983 starts 4/12/1983, month 12 on 3/1/1984, month 1 on 2/2/1984.
        #expect(LunarCalendar.lunarDate(for: date("1983-12-04")) == LunarDate(day: 1, month: 11, year: 1983))
        #expect(LunarCalendar.lunarDate(for: date("1984-01-02")) == LunarDate(day: 30, month: 11, year: 1983))
        #expect(LunarCalendar.lunarDate(for: date("1984-01-03")) == LunarDate(day: 1, month: 12, year: 1983))
        // 2004: the leap month 2 runs 21/3–18/4/2004. Month 11 of 2003 starts with the new moon of the total
        // solar eclipse of 2003-11-23 22:49 UT, which is 24/11 in Hanoi (the page gives the UT date).
        #expect(LunarCalendar.lunarDate(for: date("2003-11-24")) == LunarDate(day: 1, month: 11, year: 2003))
        #expect(
            LunarCalendar.solarDate(for: LunarDate(day: 1, month: 2, year: 2004, isLeapMonth: true))
                == date("2004-03-21"))
        #expect(
            LunarCalendar.lunarDate(for: date("2004-04-18"))
                == LunarDate(day: 29, month: 2, year: 2004, isLeapMonth: true))
        #expect(LunarCalendar.lunarDate(for: date("2004-04-19")) == LunarDate(day: 1, month: 3, year: 2004))
        // Months starting on the new moons of 8/12/1999, 7/1/2000, 5/2/2000 and 6/3/2000 (Hanoi time).
        for start in ["1999-12-08", "2000-01-07", "2000-02-05", "2000-03-06"] {
            #expect(LunarCalendar.lunarDate(for: date(start))?.day == 1, "\(start)")
        }
    }

    @Test("every day of 1900–2199 converts to lunar and back")
    func roundTrip() {
        let range = LunarCalendar.supportedDates
        #expect(range.lowerBound == date("1900-01-31"))
        #expect(range.upperBound >= date("2199-12-31"))
        var failures = 0
        for dayNumber in range.lowerBound.dayNumber...range.upperBound.dayNumber {
            let solar = CivilDate(dayNumber: dayNumber)
            guard let lunar = LunarCalendar.lunarDate(for: solar), LunarCalendar.solarDate(for: lunar) == solar else {
                failures += 1
                continue
            }
        }
        #expect(failures == 0)
    }

    @Test("months have 29 or 30 days and follow one another without gaps")
    func monthLengths() {
        var previousEnd: CivilDate?
        for year in LunarCalendar.supportedYears {
            let leap = LunarCalendar.leapMonth(ofYear: year)
            for month in 1...12 {
                for isLeap in leap == month ? [false, true] : [false] {
                    let lunar = LunarDate(day: 1, month: month, year: year, isLeapMonth: isLeap)
                    guard let start = LunarCalendar.solarDate(for: lunar),
                        let length = LunarCalendar.daysInMonth(month: month, year: year, isLeap: isLeap)
                    else {
                        Issue.record("missing month \(lunar)")
                        continue
                    }
                    #expect(length == 29 || length == 30, "\(lunar)")
                    if let previousEnd { #expect(previousEnd.adding(days: 1) == start, "\(lunar)") }
                    previousEnd = start.adding(days: length - 1)
                    #expect(
                        LunarCalendar.solarDate(
                            for: LunarDate(day: length + 1, month: month, year: year, isLeapMonth: isLeap)) == nil)
                }
            }
        }
    }

    @Test("a year has 12 or 13 months, 353–385 days")
    func yearLengths() {
        for year in LunarCalendar.supportedYears.dropLast() {
            guard let start = tet(year), let next = tet(year + 1) else {
                Issue.record("no Tết around \(year)")
                continue
            }
            let length = start.days(to: next)
            if LunarCalendar.leapMonth(ofYear: year) == nil {
                #expect((353...355).contains(length), "\(year): \(length)")
            } else {
                #expect((383...385).contains(length), "\(year): \(length)")
            }
        }
    }

    @Test("dates that do not exist or are out of range give nil")
    func invalid() {
        #expect(LunarCalendar.lunarDate(for: date("1900-01-30")) == nil)
        #expect(LunarCalendar.lunarDate(for: date("2300-01-01")) == nil)
        #expect(LunarCalendar.lunarDate(for: CivilDate(dayNumber: Int.min / 2)) == nil)
        #expect(LunarCalendar.solarDate(for: LunarDate(day: 1, month: 1, year: 1899)) == nil)
        #expect(LunarCalendar.solarDate(for: LunarDate(day: 1, month: 1, year: 2200)) == nil)
        #expect(LunarCalendar.solarDate(for: LunarDate(day: 0, month: 1, year: 2026)) == nil)
        #expect(LunarCalendar.solarDate(for: LunarDate(day: 31, month: 1, year: 2026)) == nil)
        #expect(LunarCalendar.solarDate(for: LunarDate(day: 1, month: 13, year: 2026)) == nil)
        #expect(LunarCalendar.solarDate(for: LunarDate(day: 1, month: 0, year: 2026)) == nil)
        #expect(LunarCalendar.solarDate(for: LunarDate(day: 1, month: 5, year: 2025, isLeapMonth: true)) == nil)
        #expect(LunarCalendar.daysInMonth(month: 6, year: 2024, isLeap: true) == nil)
        #expect(LunarCalendar.leapMonth(ofYear: Int.max) == nil)
        // Month 12 of Ất Tỵ has 29 days: no "30 Tết" before Tết Bính Ngọ 2026.
        #expect(LunarCalendar.daysInMonth(month: 12, year: 2025) == 29)
        #expect(LunarCalendar.solarDate(for: LunarDate(day: 30, month: 12, year: 2025)) == nil)
    }

    @Test(
        "can-chi names of years",
        arguments: [
            (1984, "Giáp Tý"), (2025, "Ất Tỵ"), (2026, "Bính Ngọ"), (2027, "Đinh Mùi"), (1968, "Mậu Thân"),
            (2023, "Quý Mão"),
        ])
    func canChi(year: Int, name: String) {
        #expect(LunarCalendar.canChi(ofYear: year) == name)
        #expect(LunarDate(day: 1, month: 1, year: year).yearName == name)
    }

    @Test("can-chi never traps, whatever the year")
    func canChiExtremes() {
        #expect(LunarCalendar.canChi(ofYear: -1) == LunarCalendar.canChi(ofYear: 59))
        #expect(!LunarCalendar.canChi(ofYear: Int.min).isEmpty)
        #expect(!LunarCalendar.canChi(ofYear: Int.max).isEmpty)
    }

    @Test("description names the leap month")
    func description() {
        #expect(LunarDate(day: 1, month: 1, year: 2026).description == "1/1/2026")
        #expect(LunarDate(day: 3, month: 6, year: 2025, isLeapMonth: true).description == "3/6/2025 (tháng 6 nhuận)")
    }
}
