/// The JSON body of a reminder webhook; the keys are a documented contract for integrators.
package enum WebhookPayload {
    /// One reminder as a JSON object: `type`, `plan`, `task`, `milestone`, `title`, `due`, `nominal_due`,
    /// `working_days_left`, `agency`, `kind`, `stage`, `key`, `send_at`, `text`, `product`, `to`, and `ack_url` (a link
    /// to POST to when the agency has delivered) when the web server is configured.
    package static func json(
        for reminder: PlannedReminder, configuration: Configuration, ackURL: String? = nil
    )
        -> JSONValue
    {
        let occurrence = reminder.occurrence
        let directory = configuration.directory
        let localTime = LocalTime(identifier: configuration.timeZone)
        var members: [(String, JSONValue)] = [
            ("type", .string("reminder.\(reminder.kind.rawValue)")),
            ("plan", .string(occurrence.plan.rawValue)),
            ("task", .string(occurrence.task.id.rawValue)),
            ("milestone", .string(occurrence.milestone.id.rawValue)),
            ("title", .string(occurrence.task.title)),
            ("due", .optional(occurrence.due?.iso8601)),
            ("nominal_due", .optional(occurrence.nominalDue?.iso8601)),
            ("working_days_left", reminder.workingDaysLeft.map(JSONValue.int) ?? .null),
            ("agency", .string(reminder.agency.rawValue)),
            ("kind", .string(reminder.kind.rawValue)),
            ("stage", .string(reminder.stage)),
            ("key", .string(reminder.key)),
            ("send_at", .string(localTime.iso8601(reminder.sendDate, at: reminder.sendAt))),
            ("text", .optional(occurrence.milestone.text)),
            ("product", .optional(occurrence.task.product)),
            ("to", .optional(occurrence.milestone.recipient.map(directory.name(of:)))),
        ]
        if let ackURL { members.append(("ack_url", .string(ackURL))) }
        if reminder.kind == .escalation {
            members.append(("overdue_agencies", .array(reminder.overdueAgencies.map { .string($0.rawValue) })))
        }
        return .object(members)
    }
}
