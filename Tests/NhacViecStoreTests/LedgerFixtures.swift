import Foundation
import NhacViecCore
import NhacViecStore

/// A fresh directory under the system's temporary directory, removed when the value is released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("nhacviec-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of the ledger a daemon with this directory as `state_dir` would use.
    var ledgerPath: String { url.appendingPathComponent("state.sqlite").path }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

/// 2025-04-25 08:00 in Hà Nội (01:00 UTC).
let morning = Date(timeIntervalSince1970: 1_745_542_800)

let occurrenceKey = "kh-2025:bao-cao-quy:q1:2025-04-25"

/// One delivery of the Q1 report reminder; vary `agency`, `stage` and `channel` to get distinct rows.
func delivery(
    agency: String = "so-tc",
    stage: String = "due",
    channel: DeliveryChannel = .email("vanthu@sotc.gov.vn"),
    occurrence: String = occurrenceKey,
    plannedAt: Date = morning
) -> NewDelivery {
    NewDelivery(
        reminderKey: "\(occurrence):\(agency):\(stage)",
        channel: channel,
        occurrenceKey: occurrence,
        agency: AgencyID(agency),
        kind: stage == "due" ? .due : .before,
        stage: stage,
        dueDate: CivilDate(year: 2025, month: 4, day: 25),
        plannedAt: plannedAt
    )
}

extension Ledger {
    /// Inserts `items` as pending and returns their rows, in `ready` order.
    func seed(_ items: [NewDelivery], now: Date = morning) async throws -> [DeliveryRecord] {
        try await insertIfMissing(items, now: now)
        let keys = Set(items.map(\.reminderKey))
        return try await ready(at: now).filter { keys.contains($0.reminderKey) }
    }

    /// One email, `messageID`, sent at `now` to `agency` about `occurrences` (one delivery row each, stage `stage`).
    func sendEmail(
        _ messageID: String, about occurrences: [String] = [occurrenceKey], to agency: String = "so-tc",
        stage: String = "due", now: Date = morning
    ) async throws {
        let rows = try await seed(occurrences.map { delivery(agency: agency, stage: stage, occurrence: $0) }, now: now)
        try await markSending(ids: rows.map(\.id), messageID: messageID, now: now)
        try await markSent(ids: rows.map(\.id), now: now)
    }
}
