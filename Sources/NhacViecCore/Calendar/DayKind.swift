/// What a holiday, day off or swapped working day is for, as written in the config (`kind: tet`).
///
/// The six statutory kinds (Labour Code 2019, Art. 112) matter to `WorkingCalendar`: an announced day off of one
/// of them replaces the computed default days of that holiday for the year.
package enum DayKind: String, Sendable, Hashable, CaseIterable {
    case newYear = "new_year"
    case tet
    case hungKings = "hung_kings"
    case reunification
    case labour
    case nationalDay = "national_day"
    case compensatory
    case announced

    /// Whether this is one of the public holidays of Art. 112 (not a compensatory or otherwise announced day).
    package var isStatutoryHoliday: Bool {
        switch self {
        case .newYear, .tet, .hungKings, .reunification, .labour, .nationalDay: true
        case .compensatory, .announced: false
        }
    }
}
