/// A year whose announced holiday schedule (Tết days off, swapped days, make-up Saturdays) is not in the config yet.
///
/// The government announces year Y's schedule in the autumn of Y−1; until an admin adds it under `Config/calendar/`,
/// nhacviec falls back on the Labour Code's computed days, which miss the long Tết break and the swaps. From
/// 1 October (`noticeMonth`) the coming year is expected, and the current year always is; `check`, `status` and a
/// weekly notice to the supervising office say so, naming the computed Tết so the admin can compare.
package struct MissingHolidaySchedule: Sendable, Hashable {
    /// The Gregorian year with no announced entry.
    package let year: Int
    /// The Tết days off the Labour Code gives that year (lunar New Year's Eve through the 4th day), when the lunar
    /// table covers it.
    package let computedTet: ClosedRange<CivilDate>?
    /// Where the admin adds the entries: the last announced entry of the config, when there is one.
    package let location: SourceLocation?

    /// The month from which the coming year's schedule is expected (October: it is announced in the autumn).
    package static let noticeMonth = 10

    /// The first year `calendar` lacks on `today`, or nil when nothing is missing (or holidays are not computed).
    package init?(calendar: WorkingCalendar, today: CivilDate) {
        guard calendar.statutoryHolidays else { return nil }
        let expected = today.month >= Self.noticeMonth ? [today.year, today.year + 1] : [today.year]
        let covered = Set(calendar.announced.flatMap { [$0.first.year, $0.last.year] })
        guard let year = expected.first(where: { !covered.contains($0) }) else { return nil }
        self.year = year
        let tet = StatutoryHolidays.days(inYear: year).filter { $0.kind == .tet }.map(\.date)
        self.computedTet = tet.min().flatMap { first in tet.max().map { first...$0 } }
        self.location = calendar.announced.compactMap(\.location).max()
    }

    /// The lunar year that starts with this year's Tết, e.g. "Đinh Mùi" for 2027.
    package var lunarYearName: String { LunarCalendar.canChi(ofYear: year) }

    /// One sentence for the terminal, the log and `status`.
    package var message: String {
        let tet =
            computedTet.map {
                "; Tết \(lunarYearName) theo Bộ luật Lao động: \($0.lowerBound.vietnamesePadded)–"
                    + "\($0.upperBound.vietnamesePadded), chưa gồm ngày nghỉ thêm và ngày làm bù"
            } ?? ""
        return "chưa có lịch nghỉ lễ, Tết năm \(year) đã công bố trong calendar.days_off\(tet)"
    }

    /// What to do about it.
    package var fix: String {
        "thêm các ngày nghỉ và ngày làm bù năm \(year) vào \(location?.file ?? "Config/calendar/") "
            + "khi Bộ Nội vụ công bố, rồi chạy nhacviec check"
    }

    /// The warning `check` prints: it does not fail the check, because the computed days still apply.
    package var diagnostic: ConfigDiagnostic {
        ConfigDiagnostic(.warning, at: location, message, fix: fix)
    }

    /// The weekly notice to the office that administers nhacviec (plain text; no template, as it goes to the admins).
    package func notice(to office: String) -> RenderedMessage {
        let tet =
            computedTet.map {
                "Khi chưa có lịch này, hệ thống tính ngày làm việc theo Bộ luật Lao động: Tết \(lunarYearName) nghỉ từ "
                    + "\($0.lowerBound.vietnamesePadded) đến \($0.upperBound.vietnamesePadded). "
            } ?? "Khi chưa có lịch này, hệ thống chỉ tính các ngày lễ theo Bộ luật Lao động. "
        let file = location?.file ?? "Config/calendar/"
        let text = """
            Kính gửi \(office),

            Cấu hình của hệ thống nhắc việc chưa có lịch nghỉ lễ, Tết năm \(year) đã được công bố.

            \(tet)Lịch chính thức thường nghỉ Tết dài hơn và có ngày làm bù, nên các hạn chót quanh dịp nghỉ có thể \
            bị tính lệch.

            Việc cần làm: khi Bộ Nội vụ công bố lịch nghỉ năm \(year), thêm các ngày nghỉ (days_off) và ngày làm bù \
            (working_days) vào \(file), chạy "nhacviec check", rồi tải lại dịch vụ ("systemctl reload nhacviec").

            Thông báo này được gửi mỗi tuần cho đến khi lịch năm \(year) được bổ sung.

            -- 
            nhacviec

            """
        return RenderedMessage(
            subject: "[nhacviec] Chưa có lịch nghỉ lễ, Tết năm \(year) trong cấu hình", text: text, html: "")
    }

    /// The day the next weekly notice is due, given the day the last one went out (nil: never).
    package static func nextNotice(after lastSent: CivilDate?, today: CivilDate) -> CivilDate {
        guard let lastSent else { return today }
        return max(today, lastSent.adding(days: 7))
    }
}
