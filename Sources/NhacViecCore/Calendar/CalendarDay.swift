/// A day that is not an ordinary day of the week: a holiday, compensatory or announced day off, or a weekend day
/// swapped into a working day.
package struct CalendarDay: Sendable, Hashable {
    package var date: CivilDate
    /// The Vietnamese name, e.g. "Tết Nguyên Đán (Mùng 1 Tết)" or "Nghỉ bù Giỗ Tổ Hùng Vương".
    package var name: String
    package var kind: DayKind
    /// `true` only for a day announced as a working day (usually a Saturday worked in exchange for a bridge day).
    package var working: Bool
    package var source: DaySource

    package init(date: CivilDate, name: String, kind: DayKind, working: Bool, source: DaySource) {
        self.date = date
        self.name = name
        self.kind = kind
        self.working = working
        self.source = source
    }
}
