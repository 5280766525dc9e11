import ArgumentParser
import Foundation
import NhacViecConfigFiles
import NhacViecCore
import NhacViecStore

/// `nhacviec status`: what was sent, what is pending, what failed and why, and when the service wakes next.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what was sent, what is pending, what failed and why.",
        discussion: """
            Reads state_dir/state.sqlite (safe while the service runs).

            Examples:
              nhacviec status
              nhacviec status --format json
            """
    )

    @OptionGroup var options: ConfigOptions
    @Option(help: "table or json.")
    var format: Format = .table
    @Option(help: "How many failures and retries to list.")
    var limit = 20

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    func run() async throws {
        let loaded = try options.load(printWarnings: false)
        let configuration = loaded.configuration
        guard let ledger = try StateAccess.ledger(configuration, create: false) else {
            print(
                "No deliveries yet: \(StateAccess.ledgerPath(configuration)) does not exist (start `nhacviec serve`).")
            return
        }
        let counts = try await ledger.counts()
        let failures = try await ledger.failures(limit: limit)
        let retries = try await ledger.pendingRetries(limit: limit)
        let lastSent = try await ledger.lastSent()
        let acknowledgements = try await ledger.acknowledgements(limit: limit)
        let nextWake = try await ledger.meta(.nextWake).flatMap { $0.isEmpty ? nil : $0 }
        let lastPass = try await ledger.meta(.lastPass)
        let loadedAt = try await ledger.meta(.configLoadedAt)
        let configFile = try await ledger.meta(.configFile)
        let reloadError = try await ledger.meta(.lastReloadError).flatMap { $0.isEmpty ? nil : $0 }
        let localTime = LocalTime(identifier: configuration.timeZone)
        let nextWakeInstant = nextWake.flatMap { ISO8601DateFormatter().date(from: $0) }
        let atWake = try await remindersDue(configuration, at: nextWakeInstant, ledger: ledger)
        let dueAtWake = atWake.send.map(Self.line)
        // A stored UTC instant as a person reads it, or as ISO 8601 with the zone's offset for JSON.
        func shown(_ stored: String?, json: Bool = false) -> String? {
            guard let stored, let instant = ISO8601DateFormatter().date(from: stored) else { return stored }
            return json ? localTime.iso8601(instant) : localTime.display(instant)
        }
        switch format {
        case .json:
            let value = JSONValue.object([
                ("counts", .object(DeliveryStatus.allCases.map { ($0.rawValue, .int(counts[$0] ?? 0)) })),
                ("next_wake", .optional(shown(nextWake, json: true))),
                ("due_at_next_wake", .array(dueAtWake.map { .string($0) })),
                (
                    "suppressed_at_next_wake",
                    .array(atWake.suppressed.map { .string("\(Self.line($0.reminder)): \($0.reason)") })
                ),
                ("last_pass", .optional(shown(lastPass, json: true))),
                (
                    "last_sent",
                    .object(
                        lastSent.sorted { $0.key.rawValue < $1.key.rawValue }.map {
                            ($0.key.rawValue, .string(localTime.iso8601($0.value)))
                        })
                ),
                ("failures", .array(failures.map { json($0, localTime) })),
                ("retries", .array(retries.map { json($0, localTime) })),
                (
                    "acknowledgements",
                    .array(
                        acknowledgements.map { ack in
                            guard case .object(let members) = ack.json(in: localTime) else { return .null }
                            return .object([("occurrence", .string(ack.occurrenceKey))] + members)
                        })
                ),
                ("config_file", .string(configFile ?? loaded.mainFile)),
                ("config_loaded_at", .optional(shown(loadedAt, json: true))),
                ("last_reload_error", .optional(reloadError)),
            ])
            print(value.renderPretty())
        case .table:
            print(
                "Deliveries: "
                    + DeliveryStatus.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", "))
            print("Last pass:  \(shown(lastPass) ?? "never")")
            print(
                "Next wake:  \(shown(nextWake) ?? "nothing planned")"
                    + (dueAtWake.isEmpty ? "" : " — \(dueAtWake.count) reminder(s)")
                    + (atWake.suppressed.isEmpty
                        ? "" : "; \(atWake.suppressed.count) not sent because the agencies reported done"))
            for line in dueAtWake.prefix(10) { print("  " + line) }
            if dueAtWake.count > 10 { print("  … and \(dueAtWake.count - 10) more") }
            print(
                "Last sent:  "
                    + (lastSent.isEmpty
                        ? "nothing yet"
                        : lastSent.sorted { $0.key.rawValue < $1.key.rawValue }.map {
                            "\($0.key.rawValue) \(localTime.display($0.value))"
                        }
                        .joined(separator: ", ")))
            print(
                "Config:     \(configFile ?? loaded.mainFile)"
                    + (shown(loadedAt).map { ", loaded by the service at \($0)" } ?? ""))
            if let reloadError { print("Last reload FAILED; the service kept the previous config:\n" + reloadError) }
            if !failures.isEmpty {
                print("\nFailed (\(counts[.failed] ?? 0)):")
                print(
                    TextTable(
                        headers: ["AGENCY", "CHANNEL", "STAGE", "DUE", "ATTEMPTS", "LAST ERROR"],
                        rows: failures.map(row)
                    ).render(), terminator: "")
            }
            if !retries.isEmpty {
                print("\nWaiting to retry:")
                print(
                    TextTable(
                        headers: ["AGENCY", "CHANNEL", "STAGE", "DUE", "ATTEMPTS", "LAST ERROR"], rows: retries.map(row)
                    ).render(), terminator: "")
            }
            if !acknowledgements.isEmpty {
                print("\nReported done:")
                let rows = acknowledgements.map {
                    [
                        $0.agency.rawValue, $0.occurrenceKey,
                        $0.source.rawValue + ($0.onBehalfBy.map { " (\($0))" } ?? ""),
                        $0.reporter ?? "", $0.note ?? "", localTime.display($0.recordedAt),
                    ]
                }
                print(
                    TextTable(
                        headers: ["AGENCY", "OCCURRENCE", "SOURCE", "REPORTER", "NOTE", "RECORDED"], rows: rows
                    ).render(),
                    terminator: "")
            }
        }
    }

    private func row(_ record: DeliveryRecord) -> [String] {
        [
            record.agency.rawValue, record.channel.encoded, "\(record.occurrenceKey) \(record.stage)",
            record.dueDate?.iso8601 ?? "",
            String(record.attempts), record.lastError ?? "",
        ]
    }

    private func json(_ record: DeliveryRecord, _ localTime: LocalTime) -> JSONValue {
        .object([
            ("key", .string(record.reminderKey)), ("channel", .string(record.channel.encoded)),
            ("agency", .string(record.agency.rawValue)),
            ("status", .string(record.status.rawValue)), ("attempts", .int(record.attempts)),
            ("last_error", .optional(record.lastError)), ("due", .optional(record.dueDate?.iso8601)),
            ("next_attempt_at", .optional(record.nextAttemptAt.map(localTime.iso8601))),
        ])
    }

    /// The reminders planned for the instant of the next wake, split by the acknowledgements in the ledger.
    private func remindersDue(
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
