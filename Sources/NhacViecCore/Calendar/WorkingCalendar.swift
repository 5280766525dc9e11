/// The working-day calendar of an agency: weekly rest days, Vietnam's public holidays (Labour Code 2019,
/// Art. 112) with their compensatory days (Art. 111(3)), and the days off and working days announced in the config.
///
/// Everything is computed in `init` for the days of `span` (1900-01-01 through 2199-12-31): which days are
/// worked and a running count of working days, so `isWorkingDay(_:)` and `workingDays(from:to:)` take constant
/// time and moving by n working days takes O(log n). Outside `span` only the weekend counts: no holidays are
/// known there and announced days there are ignored.
///
/// How the days are decided:
/// - Statutory holidays (when `statutoryHolidays`): 1/1; Tết, lunar New Year's Eve through the 4th day of month 1;
///   Giỗ Tổ Hùng Vương, 10/3 lunar; 30/4; 1/5; 2/9 and 1/9.
/// - An announced day off of a statutory kind (`DayKind.isStatutoryHoliday`) replaces the computed days of that
///   kind in the Gregorian year of the entry's `last` day, together with their compensatory days.
/// - A statutory holiday on a weekly rest day gives a compensatory day off on the next day that is neither a rest
///   day nor a day off (searching at most 60 days ahead); several move to successive days. When that day is an
///   announced compensatory day off, the announced day stands for it instead.
/// - Announced working days are working days whatever else falls on them.
package struct WorkingCalendar: Sendable {
    package let weekend: Set<Weekday>
    package let statutoryHolidays: Bool
    package let announced: [AnnouncedDay]

    /// The days whose holidays are computed; outside it only `weekend` makes a day off.
    package static let span: ClosedRange<CivilDate> =
        CivilDate(
            dayNumber: CivilDate.daysFromCivil(year: 1900, month: 1, day: 1))...CivilDate(
            dayNumber: CivilDate.daysFromCivil(year: 2199, month: 12, day: 31))

    /// `dayNumber` of the first day of `span`.
    private let first: Int
    /// `workingBefore[i]` is the number of working days from the start of `span` up to, not including, day `first + i`.
    private let workingBefore: [Int32]
    /// Every day of `span` that is a holiday, compensatory or announced day off, or announced working day, by date.
    private let specialDays: [CalendarDay]
    /// The index in `specialDays` of each of its days, by `dayNumber`.
    private let specialIndex: [Int: Int]
    /// Whether each weekday is worked, by `phase(_:)` of its day numbers.
    private let workedByPhase: [Bool]
    /// `weekdayCount[i]` is the number of worked phases among `0..<i`, phases taken modulo 7 (14 entries).
    private let weekdayCount: [Int]

    package init(
        weekend: Set<Weekday> = [.saturday, .sunday], statutoryHolidays: Bool = true, announced: [AnnouncedDay] = []
    ) {
        self.weekend = weekend
        self.statutoryHolidays = statutoryHolidays
        self.announced = announced
        let first = Self.span.lowerBound.dayNumber
        let last = Self.span.upperBound.dayNumber
        let worked = (0..<7).map { !weekend.contains(CivilDate(dayNumber: $0).weekday) }
        self.first = first
        self.workedByPhase = worked
        self.weekdayCount = (0...13).map { end in (0..<end).filter { worked[$0 % 7] }.count }

        func inSpan(_ entry: AnnouncedDay) -> ClosedRange<Int>? {
            let low = max(entry.first.dayNumber, first)
            let high = min(entry.last.dayNumber, last)
            return low <= high ? low...high : nil
        }
        let announcedWorking = Set(announced.filter(\.working).compactMap(inSpan).joined())
        var special: [Int: CalendarDay] = [:]

        let replaced = Set(
            announced.filter { !$0.working && $0.kind.isStatutoryHoliday && $0.first <= $0.last }.map {
                Replacement(kind: $0.kind, year: $0.last.year)
            })
        var holidays: [CalendarDay] = []
        if statutoryHolidays {
            for year in Self.span.lowerBound.year...Self.span.upperBound.year {
                holidays += StatutoryHolidays.days(inYear: year).filter {
                    !replaced.contains(Replacement(kind: $0.kind, year: year))
                }
            }
        }
        for holiday in holidays { special[holiday.date.dayNumber] = holiday }

        var announcedCompensatory: Set<Int> = []
        for entry in announced where !entry.working {
            guard let days = inSpan(entry) else { continue }
            for day in days {
                special[day] = CalendarDay(
                    date: CivilDate(dayNumber: day), name: entry.name, kind: entry.kind, working: false,
                    source: .announced(file: entry.file))
                if entry.kind == .compensatory { announcedCompensatory.insert(day) }
            }
        }

        func isRestDay(_ day: Int) -> Bool { !worked[Self.phase(day)] }
        for holiday in holidays
        where isRestDay(holiday.date.dayNumber) && !announcedWorking.contains(holiday.date.dayNumber) {
            let start = holiday.date.dayNumber + 1
            for day in stride(from: start, through: min(start + 59, last), by: 1) {
                if announcedCompensatory.remove(day) != nil { break }
                if !isRestDay(day) && special[day] == nil && !announcedWorking.contains(day) {
                    special[day] = CalendarDay(
                        date: CivilDate(dayNumber: day), name: "Nghỉ bù " + holiday.name, kind: .compensatory,
                        working: false, source: .compensatory)
                    break
                }
            }
        }

        for entry in announced where entry.working {
            guard let days = inSpan(entry) else { continue }
            for day in days {
                special[day] = CalendarDay(
                    date: CivilDate(dayNumber: day), name: entry.name, kind: entry.kind, working: true,
                    source: .announced(file: entry.file))
            }
        }

        var isWorking = (first...last).map { worked[Self.phase($0)] }
        for (day, entry) in special { isWorking[day - first] = entry.working }
        var workingBefore = [Int32](repeating: 0, count: isWorking.count + 1)
        for (index, working) in isWorking.enumerated() {
            workingBefore[index + 1] = workingBefore[index] + (working ? 1 : 0)
        }
        self.workingBefore = workingBefore
        let sorted = special.values.sorted { $0.date < $1.date }
        self.specialDays = sorted
        self.specialIndex = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1.date.dayNumber, $0) })
    }

    /// Whether `date` is a working day.
    package func isWorkingDay(_ date: CivilDate) -> Bool {
        let index = date.dayNumber - first
        guard index >= 0, index + 1 < workingBefore.count else { return workedByPhase[Self.phase(date.dayNumber)] }
        return workingBefore[index + 1] > workingBefore[index]
    }

    /// `date` if it is a working day, else the first working day after it.
    package func nextWorkingDay(onOrAfter date: CivilDate) -> CivilDate {
        isWorkingDay(date) ? date : adding(workingDays: 1, to: date)
    }

    /// The first working day after `date`.
    package func nextWorkingDay(after date: CivilDate) -> CivilDate {
        adding(workingDays: 1, to: date)
    }

    /// `date` if it is a working day, else the last working day before it.
    package func previousWorkingDay(onOrBefore date: CivilDate) -> CivilDate {
        isWorkingDay(date) ? date : adding(workingDays: -1, to: date)
    }

    /// The last working day before `date`.
    package func previousWorkingDay(before date: CivilDate) -> CivilDate {
        adding(workingDays: -1, to: date)
    }

    /// The `n`-th working day after `date` (before it when `n` is negative); `date` itself when `n` is 0.
    ///
    /// `date` need not be a working day: adding 1 to a Saturday gives the next working day.
    /// For `n >= 0`, `workingDays(from: date, to: adding(workingDays: n, to: date)) == n`.
    /// - Important: With a weekend of all seven days there may be no such day; then `date` is returned.
    package func adding(workingDays n: Int, to date: CivilDate) -> CivilDate {
        let day = date.dayNumber
        if n > 0, let bound = firstBound(reaching: workingDaysBefore(day + 1) + n, above: day + 1) {
            return CivilDate(dayNumber: bound - 1)
        }
        if n < 0, let found = lastDay(withCountAtMost: workingDaysBefore(day) + n, below: day) {
            return CivilDate(dayNumber: found)
        }
        return date
    }

    /// The number of working days `d` with `from < d <= to`; when `to` is before `from`, minus the number with
    /// `to < d <= from`.
    ///
    /// So the count from a due date's eve to the due date is 1 when the due date is worked, and
    /// `workingDays(from: a, to: b) == -workingDays(from: b, to: a)`.
    package func workingDays(from: CivilDate, to: CivilDate) -> Int {
        workingDaysBefore(to.dayNumber + 1) - workingDaysBefore(from.dayNumber + 1)
    }

    /// Every day from `from` through `through` that is a holiday, a compensatory or announced day off, or an
    /// announced working day, sorted by date; plain weekends are left out.
    package func days(from: CivilDate, through: CivilDate) -> [CalendarDay] {
        var low = 0
        var high = specialDays.count
        while low < high {
            let middle = (low + high) / 2
            if specialDays[middle].date < from { low = middle + 1 } else { high = middle }
        }
        return Array(specialDays[low...].prefix { $0.date <= through })
    }

    /// The holiday, day off or working day announced or computed for `date`; `nil` for an ordinary day or weekend.
    package func day(_ date: CivilDate) -> CalendarDay? {
        specialIndex[date.dayNumber].map { specialDays[$0] }
    }

    // MARK: - Counting

    /// A statutory holiday kind in a Gregorian year, replaced by announced days.
    private struct Replacement: Hashable {
        var kind: DayKind
        var year: Int
    }

    /// 0–6, the same for all days with the same weekday.
    private static func phase(_ dayNumber: Int) -> Int {
        (dayNumber % 7 + 7) % 7
    }

    /// The number of working days before `dayNumber`, counted from the start of `span` (negative before it).
    /// It grows by one after each working day, so differences count working days.
    private func workingDaysBefore(_ dayNumber: Int) -> Int {
        let index = dayNumber - first
        if index <= 0 { return -weekdaysWorked(from: dayNumber, count: -index) }
        let inside = workingBefore.count - 1
        if index <= inside { return Int(workingBefore[index]) }
        return Int(workingBefore[inside]) + weekdaysWorked(from: first + inside, count: index - inside)
    }

    /// The number of worked weekdays among the `count` days from `dayNumber`, by the weekend alone.
    private func weekdaysWorked(from dayNumber: Int, count: Int) -> Int {
        let phase = Self.phase(dayNumber)
        let perWeek = weekdayCount[7]
        return count / 7 * perWeek + weekdayCount[phase + count % 7] - weekdayCount[phase]
    }

    /// The smallest `bound > low` with `workingDaysBefore(bound) >= target`, given that `low` is below target;
    /// `nil` when there is none (no working days ahead).
    private func firstBound(reaching target: Int, above low: Int) -> Int? {
        var low = low
        var step = max(2, (target - workingDaysBefore(low)) * 3 / 2)
        var high = low + step
        while workingDaysBefore(high) < target {
            if high - first >= workingBefore.count && weekdayCount[7] == 0 { return nil }
            low = high
            step *= 2
            high = low + step
        }
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if workingDaysBefore(middle) >= target { high = middle } else { low = middle }
        }
        return high
    }

    /// The largest `day < high` with `workingDaysBefore(day) <= target`, given that `high` is above target;
    /// `nil` when there is none (no working days behind).
    private func lastDay(withCountAtMost target: Int, below high: Int) -> Int? {
        var high = high
        var step = max(2, (workingDaysBefore(high) - target) * 3 / 2)
        var low = high - step
        while workingDaysBefore(low) > target {
            if low < first && weekdayCount[7] == 0 { return nil }
            high = low
            step *= 2
            low = high - step
        }
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if workingDaysBefore(middle) <= target { low = middle } else { high = middle }
        }
        return low
    }
}
