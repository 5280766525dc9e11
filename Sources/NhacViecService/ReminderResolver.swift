import NhacViecCore
import NhacViecStore

/// Finds the planned reminders behind ledger rows by planning their send days again (keys are stable).
///
/// Each send day is planned once for all agencies: a pass over thousands of rows must not re-plan the whole
/// configuration per row.
struct ReminderResolver {
    private let byKey: [String: PlannedReminder]

    init(configuration: Configuration, localTime: LocalTime, records: [DeliveryRecord]) {
        let planner = ReminderPlanner(configuration: configuration)
        var byKey: [String: PlannedReminder] = [:]
        for day in Set(records.map { localTime.civilDate(of: $0.plannedAt) }) {
            for reminder in planner.reminders(from: day, through: day) { byKey[reminder.key] = reminder }
        }
        self.byKey = byKey
    }

    func reminder(for record: DeliveryRecord) -> PlannedReminder? {
        byKey[record.reminderKey]
    }
}
