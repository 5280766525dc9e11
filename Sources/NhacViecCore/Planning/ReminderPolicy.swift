/// When reminders go out around a due date; set globally and overridable per plan, task and milestone.
package struct ReminderPolicy: Sendable, Hashable {
    /// Working days before the effective due date, e.g. `[7, 3, 1]`.
    package var before: [Int]
    package var onDueDate: Bool
    /// Working days between two overdue reminders; 0 disables them.
    package var overdueEvery: Int
    package var overdueMax: Int
    /// Working days after the due date when the supervising office is told; nil disables escalation.
    package var escalateAfter: Int?
    package var escalateTo: AgencyID?
    package var sendAt: TimeOfDay
    /// How many days back a missed send time is still sent on start-up.
    package var catchUpDays: Int

    package init(
        before: [Int] = [7, 3, 1], onDueDate: Bool = true, overdueEvery: Int = 2, overdueMax: Int = 5,
        escalateAfter: Int? = nil, escalateTo: AgencyID? = nil, sendAt: TimeOfDay = TimeOfDay(hour: 8, minute: 0),
        catchUpDays: Int = 2
    ) {
        self.before = before
        self.onDueDate = onDueDate
        self.overdueEvery = overdueEvery
        self.overdueMax = overdueMax
        self.escalateAfter = escalateAfter
        self.escalateTo = escalateTo
        self.sendAt = sendAt
        self.catchUpDays = catchUpDays
    }
}

/// A wall-clock time in the configured time zone, `HH:MM`.
package struct TimeOfDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var hour: Int
    package var minute: Int

    package init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    /// Parses `H:MM` or `HH:MM`, 00:00…23:59.
    package init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    package var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    package static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool {
        (lhs.hour, lhs.minute) < (rhs.hour, rhs.minute)
    }
}
