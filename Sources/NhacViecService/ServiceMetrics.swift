package import Foundation
package import NhacViecCore
import NhacViecHTTP
package import NhacViecStore

/// What the daemon records in ``Telemetry/shared``: one call per notification from the delivery pass, and the state
/// after each pass. Kept apart from ``DeliveryPass`` so that the pass carries only one-line calls.
package enum ServiceMetrics {
    /// How far back an unfinished deadline still counts as overdue (the dashboard's history).
    static let overdueHorizon = 90

    /// An email (a reminder or a receipt) handed to its transport at `start` came back with `outcome`.
    package static func email(_ outcome: DeliveryOutcome, since start: ContinuousClock.Instant) {
        Telemetry.shared.notification(.email, failure: failure(outcome), latency: ContinuousClock.now - start)
    }

    /// A webhook request sent at `start` came back with `outcome`.
    package static func webhook(_ outcome: DeliveryOutcome, since start: ContinuousClock.Instant) {
        Telemetry.shared.notification(.webhook, failure: failure(outcome), latency: ContinuousClock.now - start)
    }

    /// Why `outcome` is a failure, or nil when it was delivered.
    static func failure(_ outcome: DeliveryOutcome) -> Telemetry.FailureReason? {
        switch outcome {
        case .sent: nil
        case .retryable: .retryable
        case .permanent: .permanent
        case .configuration: .configuration
        case .gone: .gone
        }
    }

    /// A pass started at `start` ended at `now`; after a successful one, the backlog and the overdue deadlines are
    /// counted again.
    package static func pass(
        succeeded: Bool, since start: ContinuousClock.Instant, now: Date, configuration: Configuration, ledger: Ledger
    ) async throws {
        Telemetry.shared.pass(succeeded: succeeded, duration: ContinuousClock.now - start, end: now)
        guard succeeded else { return }
        let pending = try await ledger.pendingCount()
        let overdue = try await overdueOccurrences(configuration: configuration, ledger: ledger, now: now)
        Telemetry.shared.backlog(pendingDeliveries: pending, overdueOccurrences: overdue)
    }

    /// Occurrences due in the last ``overdueHorizon`` days, before today, that some assigned agency has not reported.
    static func overdueOccurrences(configuration: Configuration, ledger: Ledger, now: Date) async throws -> Int {
        let today = LocalTime(identifier: configuration.timeZone).civilDate(of: now)
        let occurrences = Schedule(configuration: configuration).occurrences(
            from: today.adding(days: -overdueHorizon), through: today.adding(days: -1))
        let reported = try await ledger.acknowledgedAgencies(occurrenceKeys: occurrences.map(\.key))
        return occurrences.count { occurrence in
            !occurrence.milestone.assignees.allSatisfy { reported[occurrence.key]?.contains($0) ?? false }
        }
    }
}
