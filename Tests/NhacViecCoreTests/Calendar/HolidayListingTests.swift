import Testing

@testable import NhacViecCore

@Suite("Holiday listing")
struct HolidayListingTests {
    static let tet = CalendarDay(
        date: CivilDate(dayNumber: CivilDate.daysFromCivil(year: 2026, month: 2, day: 17)),
        name: "Tết Nguyên Đán (Mùng 1 Tết)", kind: .tet, working: false, source: .statutory)
    static let odd = CalendarDay(
        date: CivilDate(dayNumber: CivilDate.daysFromCivil(year: 2026, month: 1, day: 10)),
        name: "Làm bù, theo Thông báo; số 1\\2 — " + String(repeating: "ngày làm việc bù ", count: 6), kind: .announced,
        working: true, source: .announced(file: "Config/calendar/vietnam.yaml"))

    @Test("JSON has date, name, kind, working and source, in that order")
    func json() {
        #expect(
            HolidayListing(days: [Self.tet]).json().render()
                == #"[{"date":"2026-02-17","name":"Tết Nguyên Đán (Mùng 1 Tết)","kind":"tet","working":false,"source":"statutory"}]"#
        )
    }

    @Test("the table names the weekday in English and Vietnamese and lines up")
    func table() {
        let lines = HolidayListing(days: [Self.odd, Self.tet]).table().split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("DATE        WEEKDAY"))
        #expect(lines[2].hasPrefix("2026-01-10  Sat Thứ Bảy  working  announced"))
        #expect(lines[3].hasPrefix("2026-02-17  Tue Thứ Ba   off      tet"))
    }

    @Test("ICS: all-day events, CRLF, escaped text, folded at 75 octets on character boundaries")
    func ics() {
        let text = HolidayListing(days: [Self.tet, Self.odd]).ics()
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
        for line in lines {
            #expect(line.last == UInt8(ascii: "\r"))
            #expect(line.count - 1 <= 75)
            #expect(String(validating: line.dropLast(), as: UTF8.self) != nil, "a line ends inside a UTF-8 character")
        }
        let unfolded = text.replacing("\r\n ", with: "")
        #expect(unfolded.contains("\r\nDTSTART;VALUE=DATE:20260217\r\nDTEND;VALUE=DATE:20260218\r\n"))
        #expect(unfolded.contains("\r\nUID:holiday-2026-02-17-tet@nhacviec\r\n"))
        #expect(unfolded.contains("\r\nSUMMARY:Làm việc: Làm bù\\, theo Thông báo\\; số 1\\\\2 — ngày làm việc bù"))
        #expect(unfolded.contains("\r\nCATEGORIES:working_day,announced\r\n"))
    }

    @Test("CSV carries the JSON fields, after the byte order mark Excel needs to read UTF-8")
    func csv() {
        #expect(
            HolidayListing(days: [Self.tet]).csv()
                == "\u{FEFF}date,name,kind,working,source\r\n2026-02-17,Tết Nguyên Đán (Mùng 1 Tết),tet,false,statutory\r\n"
        )
    }
}
