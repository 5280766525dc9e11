/// Renders planned reminders for `nhacviec reminders` as a table or JSON.
package struct ReminderListing: Sendable {
    package let reminders: [PlannedReminder]
    package let localTime: LocalTime

    package init(reminders: [PlannedReminder], timeZone: String) {
        self.reminders = reminders
        self.localTime = LocalTime(identifier: timeZone)
    }

    package func json() -> JSONValue {
        .array(
            reminders.map { reminder in
                let occurrence = reminder.occurrence
                var members: [(String, JSONValue)] = [
                    ("send_at", .string(localTime.iso8601(reminder.sendDate, at: reminder.sendAt))),
                    ("agency", .string(reminder.agency.rawValue)),
                    ("kind", .string(reminder.kind.rawValue)),
                    ("stage", .string(reminder.stage)),
                    ("plan", .string(occurrence.plan.rawValue)),
                    ("task", .string(occurrence.task.id.rawValue)),
                    ("milestone", .string(occurrence.milestone.id.rawValue)),
                    ("title", .string(occurrence.task.title)),
                    ("due", .optional(occurrence.due?.iso8601)),
                    ("nominal_due", .optional(occurrence.nominalDue?.iso8601)),
                    ("working_days_left", reminder.workingDaysLeft.map(JSONValue.int) ?? .null),
                    ("key", .string(reminder.key)),
                ]
                if reminder.kind == .escalation {
                    members.append(("overdue_agencies", .array(reminder.overdueAgencies.map { .string($0.rawValue) })))
                }
                return .object(members)
            })
    }

    package func table() -> String {
        let rows = reminders.map { reminder -> [String] in
            let occurrence = reminder.occurrence
            return [
                localTime.display(localTime.instant(of: reminder.sendDate, at: reminder.sendAt).date),
                reminder.agency.rawValue, reminder.stage,
                occurrence.due?.iso8601 ?? "", reminder.workingDaysLeft.map(String.init) ?? "",
                "\(occurrence.plan) \(occurrence.task.id)/\(occurrence.milestone.id)",
            ]
        }
        return TextTable(headers: ["SEND", "AGENCY", "STAGE", "DUE", "LEFT", "MILESTONE"], rows: rows).render()
    }
}
