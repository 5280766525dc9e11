import Synchronization

/// Remembers the last working calendars built, so a reload (or a check) with an unchanged calendar section
/// does not recompute three centuries of holidays.
enum CalendarCache {
    private struct Key: Hashable {
        var weekend: Set<Weekday>
        var statutoryHolidays: Bool
        var announced: [AnnouncedDay]
    }

    private static let entries = Mutex<[Key: WorkingCalendar]>([:])
    private static let capacity = 8

    static func calendar(weekend: Set<Weekday>, statutoryHolidays: Bool, announced: [AnnouncedDay]) -> WorkingCalendar {
        let key = Key(weekend: weekend, statutoryHolidays: statutoryHolidays, announced: announced)
        if let hit = entries.withLock({ $0[key] }) { return hit }
        let calendar = WorkingCalendar(weekend: weekend, statutoryHolidays: statutoryHolidays, announced: announced)
        entries.withLock { cache in
            if cache.count >= capacity { cache.removeAll() }
            cache[key] = calendar
        }
        return calendar
    }
}
