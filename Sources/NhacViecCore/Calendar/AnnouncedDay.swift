/// A day or range of days announced by the government or the agency, from config `calendar.days_off`
/// (`working == false`) or `calendar.working_days` (`working == true`).
///
/// A day off of a statutory kind replaces the computed default days of that holiday in the year of `last`;
/// see `WorkingCalendar`.
package struct AnnouncedDay: Sendable, Hashable {
    /// The first day; equal to `last` for a single date.
    package var first: CivilDate
    /// The last day, included.
    package var last: CivilDate
    package var name: String
    package var kind: DayKind
    package var working: Bool
    /// The config file that announced it, shown as the `source` of the days.
    package var file: String
    /// Where the entry is written, when it came from a config file.
    package var location: SourceLocation?

    package init(
        first: CivilDate, last: CivilDate, name: String, kind: DayKind, working: Bool, file: String,
        location: SourceLocation? = nil
    ) {
        self.location = location
        self.first = first
        self.last = last
        self.name = name
        self.kind = kind
        self.working = working
        self.file = file
    }
}
