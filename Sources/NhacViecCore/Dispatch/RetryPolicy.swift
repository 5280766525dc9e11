package import Foundation

/// When a failed delivery is tried again, and when trying again no longer makes sense.
package struct RetryPolicy: Sendable {
    package var initial: Duration
    package var maximum: Duration

    package init(initial: Duration = .seconds(300), maximum: Duration = .seconds(4 * 3600)) {
        self.initial = initial
        self.maximum = maximum
    }

    package init(_ settings: DeliverySettings.Retry) {
        self.init(initial: .seconds(settings.initialMinutes * 60), maximum: .seconds(settings.maximumMinutes * 60))
    }

    /// The delay after the `attempts`-th failed attempt: initial, doubling, capped at maximum;
    /// a server's `Retry-After` is honoured when it asks for longer.
    package func delay(afterAttempt attempts: Int, suggested: Duration? = nil) -> Duration {
        var delay = initial
        for _ in 1..<max(1, min(attempts, 32)) {
            delay = delay * 2
            if delay >= maximum { break }
        }
        delay = min(delay, maximum)
        if let suggested, suggested > delay { return min(suggested, .seconds(24 * 3600)) }
        return delay
    }

    /// Whether a reminder that could not be delivered yet is moot at `today`: warnings before a due date that
    /// has passed, and due-day or overdue reminders a week after they were planned (a later one has replaced them).
    package static func isMoot(
        kind: ReminderKind, dueDate: CivilDate?, plannedDate: CivilDate, today: CivilDate
    ) -> Bool {
        switch kind {
        case .before, .due:
            guard let dueDate else { return false }
            return today > dueDate
        case .overdue, .escalation, .nudge, .start:
            return today > plannedDate.adding(days: 7)
        }
    }
}

extension Duration {
    /// Seconds as a floating-point number, for `Date` arithmetic.
    package var timeInterval: TimeInterval {
        let parts = components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }
}
