import Testing

@testable import NhacViecCore

private func date(_ text: String) -> CivilDate {
    guard let date = CivilDate(parsing: text) else {
        Issue.record("bad test date \(text)")
        return CivilDate(dayNumber: 0)
    }
    return date
}

private let file = "Config/calendar.yaml"

private func off(_ first: String, _ last: String? = nil, _ name: String, _ kind: DayKind) -> AnnouncedDay {
    AnnouncedDay(first: date(first), last: date(last ?? first), name: name, kind: kind, working: false, file: file)
}

private func work(_ day: String, _ name: String) -> AnnouncedDay {
    AnnouncedDay(first: date(day), last: date(day), name: name, kind: .announced, working: true, file: file)
}

/// The schedules announced for 2025 and 2026.
private let announced2025 = [
    off("2025-01-25", "2025-02-02", "Tết Nguyên Đán", .tet),
    off("2025-04-30", nil, "Ngày Chiến thắng", .reunification),
    off("2025-05-01", nil, "Ngày Quốc tế Lao động", .labour),
    off("2025-05-02", nil, "Nghỉ hoán đổi (làm bù thứ Bảy 26/4)", .announced),
    work("2025-04-26", "Làm bù cho thứ Sáu 2/5"),
    off("2025-09-01", "2025-09-02", "Quốc khánh", .nationalDay),
]

private let hungKings2026 = [
    off("2026-04-26", nil, "Giỗ Tổ Hùng Vương", .hungKings),
    off("2026-04-27", nil, "Nghỉ bù Giỗ Tổ Hùng Vương", .compensatory),
]

private let announced2026 =
    [
        off("2026-01-01", nil, "Tết Dương lịch", .newYear),
        off("2026-01-02", nil, "Nghỉ hoán đổi (làm bù thứ Bảy 10/1)", .announced),
        work("2026-01-10", "Làm bù cho thứ Sáu 2/1"),
        off("2026-02-14", "2026-02-22", "Tết Nguyên Đán", .tet),
        off("2026-04-30", nil, "Ngày Chiến thắng", .reunification),
        off("2026-05-01", nil, "Ngày Quốc tế Lao động", .labour),
    ] + hungKings2026

/// The days of `from...through` that are not working days.
private func daysOff(_ calendar: WorkingCalendar, _ from: String, _ through: String) -> [String] {
    (date(from).dayNumber...date(through).dayNumber).map(CivilDate.init(dayNumber:))
        .filter { !calendar.isWorkingDay($0) }.map(\.iso8601)
}

/// Counts by stepping day by day, the definition `workingDays(from:to:)` must match.
private func naiveWorkingDays(_ calendar: WorkingCalendar, from: CivilDate, to: CivilDate) -> Int {
    if to < from { return -naiveWorkingDays(calendar, from: to, to: from) }
    guard from < to else { return 0 }
    return ((from.dayNumber + 1)...to.dayNumber).filter { calendar.isWorkingDay(CivilDate(dayNumber: $0)) }.count
}

/// Steps one day at a time, the definition `adding(workingDays:to:)` must match.
private func naiveAdding(_ calendar: WorkingCalendar, _ n: Int, to start: CivilDate) -> CivilDate {
    var day = start
    var left = abs(n)
    while left > 0 {
        day = day.adding(days: n > 0 ? 1 : -1)
        if calendar.isWorkingDay(day) { left -= 1 }
    }
    return day
}

@Suite("Working calendar")
struct WorkingCalendarTests {
    static let computed = WorkingCalendar()

    @Suite("Computed statutory holidays")
    struct Computed {
        let calendar = WorkingCalendarTests.computed

        @Test("2026: Tết is 16/2 (29 Tết) to 20/2, Giỗ Tổ on Sunday 26/4 moves to Monday 27/4")
        func year2026() {
            #expect(
                daysOff(calendar, "2026-01-01", "2026-12-31").filter {
                    !["Sat", "Sun"].contains(date($0).weekday.englishAbbreviation)
                } == [
                    "2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-04-27",
                    "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02",
                ])
            let tet = calendar.days(from: date("2026-02-16"), through: date("2026-02-20"))
            #expect(
                tet.map(\.name) == [
                    "Tết Nguyên Đán (29 Tết)", "Tết Nguyên Đán (Mùng 1 Tết)", "Tết Nguyên Đán (Mùng 2 Tết)",
                    "Tết Nguyên Đán (Mùng 3 Tết)", "Tết Nguyên Đán (Mùng 4 Tết)",
                ])
            #expect(tet.allSatisfy { $0.kind == .tet && $0.source == .statutory && !$0.working })
            #expect(
                calendar.day(date("2026-04-26"))
                    == CalendarDay(
                        date: date("2026-04-26"), name: "Giỗ Tổ Hùng Vương", kind: .hungKings, working: false,
                        source: .statutory))
            #expect(
                calendar.day(date("2026-04-27"))
                    == CalendarDay(
                        date: date("2026-04-27"), name: "Nghỉ bù Giỗ Tổ Hùng Vương", kind: .compensatory,
                        working: false,
                        source: .compensatory))
        }

        @Test("2025: Tết 28/1 to 1/2 (a Saturday) gives Monday 3/2 off")
        func year2025() {
            #expect(
                daysOff(calendar, "2025-01-27", "2025-02-04") == [
                    "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02", "2025-02-03",
                ])
            #expect(calendar.day(date("2025-02-03"))?.name == "Nghỉ bù Tết Nguyên Đán (Mùng 4 Tết)")
            #expect(!calendar.isWorkingDay(date("2025-04-07")))
        }

        @Test("2022: 30/4 and 1/5 on a weekend move to Monday 2/5 and Tuesday 3/5; Giỗ Tổ Sunday 10/4 to 11/4")
        func successiveCompensatoryDays() {
            #expect(
                daysOff(calendar, "2022-04-29", "2022-05-05") == [
                    "2022-04-30", "2022-05-01", "2022-05-02", "2022-05-03",
                ])
            #expect(calendar.day(date("2022-05-02"))?.name == "Nghỉ bù Ngày Chiến thắng")
            #expect(calendar.day(date("2022-05-03"))?.name == "Nghỉ bù Ngày Quốc tế Lao động")
            #expect(daysOff(calendar, "2022-04-08", "2022-04-12") == ["2022-04-09", "2022-04-10", "2022-04-11"])
        }

        @Test("2023: 2/9 on Saturday gives Monday 4/9")
        func nationalDayOnSaturday() {
            #expect(
                daysOff(calendar, "2023-08-31", "2023-09-05") == [
                    "2023-09-01", "2023-09-02", "2023-09-03", "2023-09-04",
                ])
        }

        @Test("statutory holidays can be turned off")
        func none() {
            let plain = WorkingCalendar(statutoryHolidays: false)
            #expect(plain.isWorkingDay(date("2026-02-17")))
            #expect(plain.days(from: date("2026-01-01"), through: date("2026-12-31")).isEmpty)
        }
    }

    @Suite("Announced schedules")
    struct Announced {
        let calendar = WorkingCalendar(announced: announced2025 + announced2026)

        @Test("2025 day by day around Tết, 30/4–1/5 and 2/9")
        func year2025() {
            #expect(calendar.isWorkingDay(date("2025-01-24")))
            #expect(
                daysOff(calendar, "2025-01-24", "2025-02-03") == (25...31).map { "2025-01-\($0)" } + [
                    "2025-02-01", "2025-02-02",
                ])
            #expect(
                calendar.isWorkingDay(date("2025-02-03")),
                "the announced Tết replaces the computed one and its Monday off")
            #expect(calendar.isWorkingDay(date("2025-04-26")), "swapped Saturday")
            #expect(
                daysOff(calendar, "2025-04-25", "2025-05-05") == [
                    "2025-04-27", "2025-04-30", "2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04",
                ])
            #expect(
                daysOff(calendar, "2025-08-29", "2025-09-03") == [
                    "2025-08-30", "2025-08-31", "2025-09-01", "2025-09-02",
                ])
            #expect(!calendar.isWorkingDay(date("2025-01-01")), "1/1 was not announced: the computed default stays")
            #expect(!calendar.isWorkingDay(date("2025-04-07")), "Giỗ Tổ was not announced: the computed default stays")
        }

        @Test("2026 day by day: 1/1–2/1, Tết 14/2–22/2, Giỗ Tổ, 30/4–1/5")
        func year2026() {
            #expect(
                daysOff(calendar, "2025-12-31", "2026-01-05") == [
                    "2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04",
                ])
            #expect(calendar.isWorkingDay(date("2026-01-10")))
            #expect(daysOff(calendar, "2026-02-13", "2026-02-23") == (14...22).map { "2026-02-\($0)" })
            #expect(
                daysOff(calendar, "2026-04-24", "2026-05-04") == [
                    "2026-04-25", "2026-04-26", "2026-04-27", "2026-04-30", "2026-05-01", "2026-05-02", "2026-05-03",
                ])
            #expect(calendar.isWorkingDay(date("2026-04-28")))
            #expect(
                daysOff(calendar, "2026-08-31", "2026-09-03") == ["2026-09-01", "2026-09-02"],
                "2/9 not announced: default 1/9 and 2/9")
        }

        @Test("working-day arithmetic across Tết 2026")
        func arithmeticAcrossTet() {
            #expect(calendar.adding(workingDays: 1, to: date("2026-02-13")) == date("2026-02-23"))
            #expect(calendar.adding(workingDays: -1, to: date("2026-02-23")) == date("2026-02-13"))
            #expect(calendar.adding(workingDays: 5, to: date("2026-02-12")) == date("2026-02-26"))
            #expect(calendar.previousWorkingDay(onOrBefore: date("2026-02-15")) == date("2026-02-13"))
            #expect(calendar.previousWorkingDay(before: date("2026-02-23")) == date("2026-02-13"))
            #expect(calendar.nextWorkingDay(onOrAfter: date("2026-02-14")) == date("2026-02-23"))
            #expect(calendar.nextWorkingDay(onOrAfter: date("2026-02-13")) == date("2026-02-13"))
            #expect(calendar.nextWorkingDay(after: date("2026-02-13")) == date("2026-02-23"))
            #expect(calendar.workingDays(from: date("2026-02-13"), to: date("2026-02-23")) == 1)
            #expect(calendar.workingDays(from: date("2026-02-23"), to: date("2026-02-13")) == -1)
            #expect(calendar.workingDays(from: date("2026-02-01"), to: date("2026-02-28")) == 15)
            #expect(calendar.workingDays(from: date("2026-02-13"), to: date("2026-02-13")) == 0)
        }

        @Test("days lists holidays, days off and swapped working days, not plain weekends")
        func listing() {
            let days = calendar.days(from: date("2026-01-01"), through: date("2026-01-31"))
            #expect(days.map(\.date.iso8601) == ["2026-01-01", "2026-01-02", "2026-01-10"])
            #expect(days.map(\.working) == [false, false, true])
            #expect(days.map(\.source) == Array(repeating: DaySource.announced(file: file), count: 3))
            #expect(days.map(\.kind) == [.newYear, .announced, .announced])
            #expect(calendar.day(date("2026-01-03")) == nil)
            #expect(calendar.day(date("2026-01-05")) == nil)
        }

        @Test("Giỗ Tổ 2026: the announced days and the computed default agree")
        func hungKingsEitherWay() {
            let without = WorkingCalendar(announced: announced2026.filter { !hungKings2026.contains($0) })
            for calendar in [calendar, without] {
                #expect(!calendar.isWorkingDay(date("2026-04-27")))
                #expect(calendar.isWorkingDay(date("2026-04-28")))
                #expect(calendar.day(date("2026-04-27"))?.kind == .compensatory)
            }
            #expect(calendar.day(date("2026-04-27"))?.source == .announced(file: file))
            #expect(without.day(date("2026-04-27"))?.source == .compensatory)
        }

        @Test("an announced compensatory day alone stands for the computed one instead of adding a second")
        func announcedCompensatoryOnly() {
            let calendar = WorkingCalendar(announced: [off("2026-04-27", nil, "Nghỉ bù Giỗ Tổ", .compensatory)])
            #expect(daysOff(calendar, "2026-04-25", "2026-04-29") == ["2026-04-25", "2026-04-26", "2026-04-27"])
            #expect(calendar.day(date("2026-04-26"))?.source == .statutory)
        }

        @Test("a replacement applies only to its kind and year")
        func replacementScope() {
            let calendar = WorkingCalendar(announced: [off("2027-02-05", "2027-02-10", "Tết Nguyên Đán", .tet)])
            #expect(!calendar.isWorkingDay(date("2026-02-16")), "2026 keeps its computed Tết")
            #expect(calendar.isWorkingDay(date("2027-02-11")), "mùng 6 is not a day off in the announced 2027 Tết")
            #expect(!calendar.isWorkingDay(date("2027-04-16")), "2027 keeps its computed Giỗ Tổ")
        }
    }

    @Suite("Arithmetic")
    struct Arithmetic {
        static let calendars = [
            WorkingCalendarTests.computed,
            WorkingCalendar(announced: announced2025 + announced2026),
            WorkingCalendar(weekend: [.friday, .saturday]),
            WorkingCalendar(weekend: [.sunday], statutoryHolidays: false),
        ]

        /// Dates spread over the span and just outside it, where the count falls back to weekends only.
        static let starts = [
            "1899-11-25", "1899-12-31", "1900-01-01", "1900-01-29", "1968-01-27", "2024-12-31", "2025-01-24",
            "2025-04-27", "2026-02-13", "2026-02-14", "2026-04-26", "2026-12-31", "2199-12-20", "2199-12-31",
            "2200-01-01", "2200-03-04",
        ]

        @Test("workingDays(from:to:) counts from < d <= to, negative when reversed")
        func counting() {
            for calendar in Self.calendars {
                for start in Self.starts.map(date) {
                    for length in [0, 1, 2, 6, 7, 13, 40, 400] {
                        let end = start.adding(days: length)
                        #expect(
                            calendar.workingDays(from: start, to: end)
                                == naiveWorkingDays(calendar, from: start, to: end), "\(start) +\(length)")
                        #expect(
                            calendar.workingDays(from: end, to: start) == -naiveWorkingDays(
                                calendar, from: start, to: end))
                    }
                }
            }
        }

        @Test("adding(workingDays:) steps over every day off, both ways")
        func adding() {
            for calendar in Self.calendars {
                for start in Self.starts.map(date) {
                    for n in [-300, -25, -5, -1, 0, 1, 2, 5, 25, 300] {
                        let result = calendar.adding(workingDays: n, to: start)
                        #expect(result == naiveAdding(calendar, n, to: start), "\(start) \(n)")
                        if n > 0 { #expect(calendar.workingDays(from: start, to: result) == n) }
                        if n != 0 { #expect(calendar.isWorkingDay(result)) }
                    }
                }
            }
        }

        @Test("a huge step is as exact as a small one")
        func hugeStep() {
            let calendar = WorkingCalendarTests.computed
            let start = date("2026-01-05")
            let far = calendar.adding(workingDays: 1_000_000, to: start)
            #expect(calendar.workingDays(from: start, to: far) == 1_000_000)
            #expect(calendar.adding(workingDays: -1_000_000, to: far) == start)
        }

        @Test("a weekend of all seven days has no working day, yet nothing hangs")
        func noWorkingDays() {
            let never = WorkingCalendar(weekend: Set(Weekday.allCases))
            let day = date("2026-03-02")
            #expect(!never.isWorkingDay(day))
            #expect(never.nextWorkingDay(after: day) == day)
            #expect(never.previousWorkingDay(before: day) == day)
            #expect(never.workingDays(from: day, to: day.adding(days: 1000)) == 0)
            #expect(never.workingDays(from: date("2300-01-01"), to: date("2400-01-01")) == 0)
            let once = WorkingCalendar(weekend: Set(Weekday.allCases), announced: [work("2026-03-07", "Làm bù")])
            #expect(once.nextWorkingDay(after: day) == date("2026-03-07"))
            #expect(once.previousWorkingDay(before: date("2030-01-01")) == date("2026-03-07"))
            #expect(once.adding(workingDays: 2, to: day) == day)
        }

        @Test("with no weekend every non-holiday is worked and holidays give no compensatory day")
        func noWeekend() {
            let always = WorkingCalendar(weekend: [])
            #expect(always.isWorkingDay(date("2026-03-07")))
            #expect(!always.isWorkingDay(date("2026-04-26")))
            #expect(always.isWorkingDay(date("2026-04-27")))
        }

        @Test("announced days outside the span are ignored and never trap")
        func outsideSpan() {
            let calendar = WorkingCalendar(announced: [
                off("2300-01-05", nil, "Far", .announced), off("2199-12-30", "2200-01-03", "Edge", .announced),
                off("2026-05-05", "2026-05-04", "Reversed", .announced),
            ])
            #expect(calendar.isWorkingDay(date("2300-01-05")))
            #expect(!calendar.isWorkingDay(date("2199-12-30")))
            #expect(calendar.isWorkingDay(date("2026-05-04")))
            #expect(
                calendar.days(from: date("2199-12-01"), through: date("2300-12-31")).map(\.date.iso8601) == [
                    "2199-12-30", "2199-12-31",
                ])
        }
    }

    @Test("init is fast enough to build per configuration load")
    func initTime() {
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = WorkingCalendar(announced: announced2025 + announced2026) }
        // Release builds take a few milliseconds; this bound only catches an accidental blow-up in debug builds.
        #expect(elapsed < .seconds(2))
    }
}
