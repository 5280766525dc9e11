/// Renders the days of `WorkingCalendar.days(from:through:)` for `nhacviec holidays`: a table, JSON, CSV or an
/// iCalendar file to import into a mail client's calendar.
package struct HolidayListing: Sendable {
    package let days: [CalendarDay]

    package init(days: [CalendarDay]) {
        self.days = days
    }

    /// One object per day: `date` (YYYY-MM-DD), `name`, `kind`, `working`, `source`.
    package func json() -> JSONValue {
        .array(
            days.map { day in
                .object([
                    ("date", .string(day.date.iso8601)), ("name", .string(day.name)),
                    ("kind", .string(day.kind.rawValue)),
                    ("working", .bool(day.working)), ("source", .string(day.source.description)),
                ])
            })
    }

    /// Aligned columns, the weekday in English and Vietnamese.
    package func table() -> String {
        let rows = days.map { day in
            [
                day.date.iso8601, "\(day.date.weekday.englishAbbreviation) \(day.date.weekday.vietnameseName)",
                day.working ? "working" : "off", day.kind.rawValue, day.name, day.source.description,
            ]
        }
        return TextTable(headers: ["DATE", "WEEKDAY", "STATUS", "KIND", "NAME", "SOURCE"], rows: rows).render()
    }

    /// RFC 4180 CSV with the JSON fields.
    package func csv() -> String {
        CSV.render(
            headers: ["date", "name", "kind", "working", "source"],
            rows: days.map { [$0.date.iso8601, $0.name, $0.kind.rawValue, String($0.working), $0.source.description] })
    }

    /// One all-day event per day; the UID depends only on the date and kind, so re-imports update in place.
    package func ics(stamp: String = "20250101T000000Z") -> String {
        let events = days.map { day in
            ICalendar.Event(
                uid: "holiday-\(day.date.iso8601)-\(day.kind.rawValue)@nhacviec",
                date: day.date, summary: day.working ? "Làm việc: \(day.name)" : day.name,
                description: (day.working ? "Ngày làm việc" : "Ngày nghỉ")
                    + " (\(day.kind.rawValue)); nguồn: \(day.source)",
                categories: [day.working ? "working_day" : "day_off", day.kind.rawValue])
        }
        return ICalendar(name: "Ngày nghỉ – nhacviec", events: events, stamp: stamp).render()
    }
}
