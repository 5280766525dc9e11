package import Foundation
import GRDB
import NhacViecCore

extension Ledger {
    /// Between the agency ids of one compact skipped record (agency ids never contain it).
    static let agencySeparator: Character = ","

    /// Records what one pass found due, in one transaction: `due` as pending rows, and `skipped` (by reason) compactly,
    /// one row per occurrence, stage and reason listing the agencies, instead of one row per agency and channel.
    ///
    /// A compact skipped record keeps the promise of a skipped row: ``existingKeys(reminderKeys:)`` finds its
    /// reminders, so they are never recorded (or sent) again. Its channels are not kept: a reminder skipped is skipped
    /// on every channel.
    ///
    /// - Important: Pass only reminders that ``existingKeys(reminderKeys:)`` did not find; due rows already present
    ///   are left as they are, skipped ones are not checked again.
    /// - Returns: How many due rows were inserted, and how many reminders were recorded as skipped.
    package func record(
        due: [NewDelivery], skipped: [String: [NewDelivery]], now: Date
    ) async throws -> (due: Int, skipped: Int) {
        guard !due.isEmpty || skipped.values.contains(where: { !$0.isEmpty }) else { return (0, 0) }
        return try await write { db in
            let inserted = try Ledger.insertRows(db, due, status: .pending, reason: nil, now: now)
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO skipped_reminders (occurrence_key, stage, kind, due_date, planned_at, reason, agencies,
                        count, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            )
            var skippedCount = 0
            for (reason, items) in skipped.sorted(by: { $0.key < $1.key }) {
                for group in Ledger.slots(of: items) {
                    try statement.execute(arguments: [
                        group.occurrenceKey, group.stage, group.kind.rawValue, group.dueDate?.iso8601,
                        group.plannedAt.unixSeconds, reason,
                        group.agencies.map(\.rawValue).joined(separator: String(Ledger.agencySeparator)),
                        group.agencies.count, now.unixSeconds,
                    ])
                    skippedCount += group.agencies.count
                }
            }
            return (inserted, skippedCount)
        }
    }

    /// One send of one occurrence and the agencies it was skipped for.
    private struct SkippedSlot {
        var occurrenceKey: String
        var stage: String
        var kind: ReminderKind
        var dueDate: CivilDate?
        var plannedAt: Date
        var agencies: [AgencyID]
    }

    /// `items` grouped by occurrence and stage, each agency once, in a stable order.
    private static func slots(of items: [NewDelivery]) -> [SkippedSlot] {
        var slots: [String: SkippedSlot] = [:]
        var seen: Set<String> = []
        for item in items where seen.insert(item.reminderKey).inserted {
            let id = item.occurrenceKey + "\n" + item.stage
            var slot =
                slots[id]
                ?? SkippedSlot(
                    occurrenceKey: item.occurrenceKey, stage: item.stage, kind: item.kind, dueDate: item.dueDate,
                    plannedAt: item.plannedAt, agencies: [])
            slot.agencies.append(item.agency)
            slot.plannedAt = min(slot.plannedAt, item.plannedAt)
            slots[id] = slot
        }
        return slots.keys.sorted().compactMap { id in
            slots[id].map { slot in
                var slot = slot
                slot.agencies.sort()
                return slot
            }
        }
    }
}
