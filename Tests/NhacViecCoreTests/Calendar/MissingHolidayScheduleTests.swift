import Testing

@testable import NhacViecCore

@Suite("Next year's holiday schedule is asked for from 1 October")
struct MissingHolidayScheduleTests {
    static let where2026 = SourceLocation(file: "Config/calendar/vietnam.yaml", line: 52, column: 7)
    static let calendar2026 = WorkingCalendar(announced: [
        AnnouncedDay(
            first: date("2026-02-14"), last: date("2026-02-22"), name: "Tết Nguyên Đán Bính Ngọ", kind: .tet,
            working: false, file: "Config/calendar/vietnam.yaml", location: where2026)
    ])

    static func date(_ text: String) -> CivilDate { CivilDate(parsing: text)! }

    @Test func nothingIsMissingBeforeOctoberWhenThisYearIsAnnounced() {
        #expect(MissingHolidaySchedule(calendar: Self.calendar2026, today: Self.date("2026-09-30")) == nil)
    }

    @Test func fromOctoberFirstNextYearIsMissingWithItsComputedTet() throws {
        let missing = try #require(MissingHolidaySchedule(calendar: Self.calendar2026, today: Self.date("2026-10-01")))
        #expect(missing.year == 2027)
        #expect(missing.lunarYearName == "Đinh Mùi")
        #expect(missing.computedTet == Self.date("2027-02-05")...Self.date("2027-02-09"))
        #expect(
            missing.diagnostic.description
                == "Config/calendar/vietnam.yaml:52:7: warning: chưa có lịch nghỉ lễ, Tết năm 2027 đã công bố trong "
                + "calendar.days_off; Tết Đinh Mùi theo Bộ luật Lao động: 05/02/2027–09/02/2027, chưa gồm ngày nghỉ "
                + "thêm và ngày làm bù (thêm các ngày nghỉ và ngày làm bù năm 2027 vào Config/calendar/vietnam.yaml "
                + "khi Bộ Nội vụ công bố, rồi chạy nhacviec check)")
        #expect(missing.diagnostic.severity == .warning)
    }

    @Test func anyEntryOfTheYearStopsTheWarning() {
        var announced = Self.calendar2026.announced
        announced.append(
            AnnouncedDay(
                first: Self.date("2027-01-01"), last: Self.date("2027-01-01"), name: "Tết Dương lịch 2027",
                kind: .newYear, working: false, file: "Config/calendar/vietnam.yaml"))
        let calendar = WorkingCalendar(announced: announced)
        #expect(MissingHolidaySchedule(calendar: calendar, today: Self.date("2026-12-03")) == nil)
    }

    @Test func aCurrentYearWithNoEntryIsMissingAllYear() throws {
        let missing = try #require(MissingHolidaySchedule(calendar: Self.calendar2026, today: Self.date("2027-03-01")))
        #expect(missing.year == 2027)
    }

    @Test func aCalendarWithoutStatutoryHolidaysNeverAsks() {
        let calendar = WorkingCalendar(statutoryHolidays: false)
        #expect(MissingHolidaySchedule(calendar: calendar, today: Self.date("2026-10-01")) == nil)
    }

    @Test func theNoticeIsWeekly() {
        let today = Self.date("2026-10-05")
        #expect(MissingHolidaySchedule.nextNotice(after: nil, today: today) == today)
        #expect(
            MissingHolidaySchedule.nextNotice(after: Self.date("2026-10-01"), today: today) == Self.date("2026-10-08"))
        #expect(MissingHolidaySchedule.nextNotice(after: Self.date("2026-09-20"), today: today) == today)
    }

    @Test func theNoticeTellsTheOfficeWhatToDoInVietnamese() throws {
        let missing = try #require(MissingHolidaySchedule(calendar: Self.calendar2026, today: Self.date("2026-10-01")))
        let notice = missing.notice(to: "Văn phòng UBND tỉnh")
        #expect(notice.subject == "[nhacviec] Chưa có lịch nghỉ lễ, Tết năm 2027 trong cấu hình")
        #expect(notice.text.hasPrefix("Kính gửi Văn phòng UBND tỉnh,"))
        #expect(notice.text.contains("Tết Đinh Mùi nghỉ từ 05/02/2027 đến 09/02/2027"))
        #expect(notice.text.contains("Config/calendar/vietnam.yaml"))
    }
}
