/// A day that is not an ordinary day of the week: a holiday, compensatory or announced day off, or a weekend day
/// swapped into a working day.
public struct CalendarDay: Sendable, Hashable {
    public var date: CivilDate
    /// The Vietnamese name, e.g. "Tết Nguyên Đán (Mùng 1 Tết)" or "Nghỉ bù Giỗ Tổ Hùng Vương".
    public var name: String
    public var kind: DayKind
    /// `true` only for a day announced as a working day (usually a Saturday worked in exchange for a bridge day).
    public var working: Bool
    public var source: DaySource

    public init(date: CivilDate, name: String, kind: DayKind, working: Bool, source: DaySource) {
        self.date = date
        self.name = name
        self.kind = kind
        self.working = working
        self.source = source
    }
}
