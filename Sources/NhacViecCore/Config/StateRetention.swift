package import Foundation

/// How long the ledger keeps one row per delivery (`state.retention_days`) before summarising it into the
/// per-occurrence history and deleting it.
///
/// Acknowledgements are never pruned, and neither are the message threads and access tokens of anything still
/// inside the window or still valid: retention only forgets what no pass, link or page can ask about again.
package struct StateRetention: Sendable, Hashable {
    /// `state.retention_days` when the config names none: a year and a bit, so last year's deadline is still there.
    package static let defaultDays = 400
    /// The dashboard shows 90 days of per-occurrence history, so no shorter retention is accepted.
    package static let historyDays = 90
    /// What `state.retention_days` accepts.
    package static let allowedDays = historyDays...36_500

    package var days: Int

    package init(days: Int = StateRetention.defaultDays) {
        self.days = days
    }

    /// Rows planned before this instant are summarised and deleted by a pass at `now`.
    package func cutoff(now: Date) -> Date {
        now.addingTimeInterval(-Double(days) * 86_400)
    }
}
