/// Where a `CalendarDay` comes from: computed from the Labour Code, or announced in a config file.
package enum DaySource: Sendable, Hashable {
    /// A holiday of Art. 112 computed for the year.
    case statutory
    /// A day off computed under Art. 111(3) because a holiday fell on a weekly rest day.
    case compensatory
    /// An entry of `calendar.days_off` or `calendar.working_days` in the config file at `file`.
    case announced(file: String)
}

extension DaySource: CustomStringConvertible {
    /// `statutory`, `compensatory`, or the config file path: the `source` column of `nhacviec holidays`.
    package var description: String {
        switch self {
        case .statutory: "statutory"
        case .compensatory: "compensatory"
        case .announced(let file): file
        }
    }
}
