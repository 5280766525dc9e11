import Foundation
import NhacViecCore
import NhacViecStore

/// What `nhacviec status` shows, read once from the ledger and rendered as a table or as JSON: counts, the last and
/// next pass, what the next wake will send (and what acknowledgements suppress), failures, retries and reports.
struct StatusReport {
    var counts: [DeliveryStatus: Int]
    var failures: [DeliveryRecord]
    var retries: [DeliveryRecord]
    var lastSent: [DeliveryChannel.Kind: Date]
    var acknowledgements: [Acknowledgement]
    var nextWake: Date?
    var lastPass: Date?
    var configFile: String
    var configLoadedAt: Date?
    var reloadError: String?
    var atWake: AcknowledgedReminders
    var holidaySchedule: MissingHolidaySchedule?
    var holidayNoticeSentOn: String?
    var localTime: LocalTime

    static func gather(
        configuration: Configuration, mainFile: String, ledger: Ledger, limit: Int
    ) async throws
        -> StatusReport
    {
        func instant(_ key: ServiceMeta) async throws -> Date? {
            try await ledger.meta(key).flatMap { ISO8601DateFormatter().date(from: $0) }
        }
        let nextWake = try await instant(.nextWake)
        return StatusReport(
            counts: try await ledger.counts(),
            failures: try await ledger.failures(limit: limit),
            retries: try await ledger.pendingRetries(limit: limit),
            lastSent: try await ledger.lastSent(),
            acknowledgements: try await ledger.acknowledgements(limit: limit),
            nextWake: nextWake,
            lastPass: try await instant(.lastPass),
            configFile: try await ledger.meta(.configFile) ?? mainFile,
            configLoadedAt: try await instant(.configLoadedAt),
            reloadError: try await ledger.meta(.lastReloadError).flatMap { $0.isEmpty ? nil : $0 },
            atWake: try await remindersDue(configuration, at: nextWake, ledger: ledger),
            holidaySchedule: MissingHolidaySchedule(calendar: configuration.calendar, today: configuration.today),
            holidayNoticeSentOn: try await ledger.meta(.holidayNoticeSentOn),
            localTime: LocalTime(identifier: configuration.timeZone))
    }

    private var dueAtWake: [String] { atWake.send.map(Self.line) }

    private var sentByKind: [(DeliveryChannel.Kind, Date)] {
        lastSent.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key, $0.value) }
    }

    func json() -> JSONValue {
        .object([
            ("counts", .object(DeliveryStatus.allCases.map { ($0.rawValue, .int(counts[$0] ?? 0)) })),
            ("next_wake", .optional(nextWake.map(localTime.iso8601))),
            ("due_at_next_wake", .array(dueAtWake.map { .string($0) })),
            (
                "suppressed_at_next_wake",
                .array(atWake.suppressed.map { .string("\(Self.line($0.reminder)): \($0.reason)") })
            ),
            ("last_pass", .optional(lastPass.map(localTime.iso8601))),
            ("last_sent", .object(sentByKind.map { ($0.0.rawValue, .string(localTime.iso8601($0.1))) })),
            ("failures", .array(failures.map(json))),
            ("retries", .array(retries.map(json))),
            (
                "acknowledgements",
                .array(
                    acknowledgements.map { ack in
                        .object([("occurrence", .string(ack.occurrenceKey))] + ack.jsonMembers(in: localTime))
                    })
            ),
            ("config_file", .string(configFile)),
            ("config_loaded_at", .optional(configLoadedAt.map(localTime.iso8601))),
            ("last_reload_error", .optional(reloadError)),
            (
                "holiday_schedule",
                holidaySchedule.map { missing in
                    .object([
                        ("missing_year", .int(missing.year)),
                        ("computed_tet_from", .optional(missing.computedTet?.lowerBound.iso8601)),
                        ("computed_tet_to", .optional(missing.computedTet?.upperBound.iso8601)),
                        ("message", .string(missing.message)),
                        ("fix", .string(missing.fix)),
                        ("last_notice", .optional(holidayNoticeSentOn)),
                    ])
                } ?? .null
            ),
        ])
    }

    func table() -> String {
        var out = ""
        func line(_ text: String) { out += text + "\n" }
        line(
            "Deliveries: " + DeliveryStatus.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", ")
        )
        line("Last pass:  \(lastPass.map(localTime.display) ?? "never")")
        line(
            "Next wake:  \(nextWake.map(localTime.display) ?? "nothing planned")"
                + (dueAtWake.isEmpty ? "" : " — \(dueAtWake.count) reminder(s)")
                + (atWake.suppressed.isEmpty
                    ? "" : "; \(atWake.suppressed.count) not sent because the agencies reported done"))
        for due in dueAtWake.prefix(10) { line("  " + due) }
        if dueAtWake.count > 10 { line("  … and \(dueAtWake.count - 10) more") }
        line(
            "Last sent:  "
                + (lastSent.isEmpty
                    ? "nothing yet"
                    : sentByKind.map { "\($0.0.rawValue) \(localTime.display($0.1))" }.joined(separator: ", ")))
        line(
            "Config:     \(configFile)"
                + (configLoadedAt.map { ", loaded by the service at \(localTime.display($0))" } ?? ""))
        if let reloadError { line("Last reload FAILED; the service kept the previous config:\n" + reloadError) }
        if let holidaySchedule {
            line("Lịch nghỉ:  CẢNH BÁO: \(holidaySchedule.message)")
            line("            \(holidaySchedule.fix)")
            if let holidayNoticeSentOn { line("            (đã nhắc Văn phòng lần cuối ngày \(holidayNoticeSentOn))") }
        }
        let headers = ["AGENCY", "CHANNEL", "STAGE", "DUE", "ATTEMPTS", "LAST ERROR"]
        if !failures.isEmpty {
            line("\nFailed (\(counts[.failed] ?? 0)):")
            out += TextTable(headers: headers, rows: failures.map(row)).render()
        }
        if !retries.isEmpty {
            line("\nWaiting to retry:")
            out += TextTable(headers: headers, rows: retries.map(row)).render()
        }
        if !acknowledgements.isEmpty {
            line("\nReported done:")
            let rows = acknowledgements.map {
                [
                    $0.agency.rawValue, $0.occurrenceKey, $0.source.rawValue + ($0.onBehalfBy.map { " (\($0))" } ?? ""),
                    $0.reporter ?? "", $0.note ?? "", localTime.display($0.recordedAt),
                ]
            }
            out += TextTable(headers: ["AGENCY", "OCCURRENCE", "SOURCE", "REPORTER", "NOTE", "RECORDED"], rows: rows)
                .render()
        }
        return out
    }

    private func row(_ record: DeliveryRecord) -> [String] {
        [
            record.agency.rawValue, record.channel.encoded, "\(record.occurrenceKey) \(record.stage)",
            record.dueDate?.iso8601 ?? "",
            String(record.attempts), record.lastError ?? "",
        ]
    }

    private func json(_ record: DeliveryRecord) -> JSONValue {
        .object([
            ("key", .string(record.reminderKey)), ("channel", .string(record.channel.encoded)),
            ("agency", .string(record.agency.rawValue)),
            ("status", .string(record.status.rawValue)), ("attempts", .int(record.attempts)),
            ("last_error", .optional(record.lastError)), ("due", .optional(record.dueDate?.iso8601)),
            ("next_attempt_at", .optional(record.nextAttemptAt.map(localTime.iso8601))),
        ])
    }

    /// The reminders planned for the instant of the next wake, split by the acknowledgements in the ledger.
    private static func remindersDue(
        _ configuration: Configuration, at instant: Date?, ledger: Ledger
    ) async throws
        -> AcknowledgedReminders
    {
        guard let instant else { return AcknowledgedReminders([], acknowledged: [:]) }
        let localTime = LocalTime(identifier: configuration.timeZone)
        let day = localTime.civilDate(of: instant)
        let planned = ReminderPlanner(configuration: configuration).reminders(from: day, through: day)
            .filter { abs(localTime.instant(of: $0.sendDate, at: $0.sendAt).date.timeIntervalSince(instant)) < 1 }
        let acknowledged = try await ledger.acknowledgedAgencies(
            occurrenceKeys: Array(Set(planned.map(\.occurrence.key))))
        return AcknowledgedReminders(planned, acknowledged: acknowledged)
    }

    private static func line(_ reminder: PlannedReminder) -> String {
        "\(reminder.agency) \(reminder.stage) \(reminder.occurrence.plan) \(reminder.occurrence.task.id)/\(reminder.occurrence.milestone.id)"
    }
}
