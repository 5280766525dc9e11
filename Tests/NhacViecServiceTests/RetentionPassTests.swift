import Foundation
import Logging
import NhacViecConfigFiles
import NhacViecCore
import NhacViecService
import NhacViecStore
import Testing

/// Months of daily passes in-process (the shipped Gia Lai config, an in-memory ledger, a recording mail transport) with
/// the shortest retention, so that pruning runs many times: nothing may be sent twice, catch-up must decide as it
/// would on a ledger that forgot nothing, and acknowledgements, threads and recent history must survive.
@Suite("Retention keeps every promise of the ledger")
struct RetentionPassTests {
    /// One simulated daemon: its ledger, what it sent, and the runtime that runs its passes.
    struct Simulation {
        let ledger: Ledger
        let mail = RecordingMail()
        let runtime: ServiceRuntime

        init(retentionDays: Int) throws {
            var loaded = try ConfigLoader.load(
                path: Repository.root.appendingPathComponent("Config/nhacviec.yaml").path)
            loaded.configuration.retention = StateRetention(days: retentionDays)
            ledger = try Ledger.inMemory()
            runtime = ServiceRuntime(
                loaded: loaded, ledger: ledger, channels: DeliveryChannels(mail: mail, webhook: nil),
                logger: Logger.quiet)
        }

        /// One pass at 08:00:10 on each day of `days` (days after 4 May 2026), as the daemon wakes.
        func run(days: Range<Int>) async throws {
            for day in days { _ = try await runtime.runPass(now: RetentionPassTests.morning(day)) }
        }

        /// The Message-ID of every message sent, in order (the header may be folded).
        var messageIDs: [String] {
            mail.sent.compactMap { sent in
                guard let header = sent.text.range(of: "Message-ID:"),
                    let end = sent.text[header.upperBound...].firstIndex(of: ">")
                else { return nil }
                return sent.text[header.upperBound...end].trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
    }

    /// 08:00:10 in Hà Nội, `day` days after Monday 4 May 2026 (the shipped plan runs until the end of 2026).
    static func morning(_ day: Int) -> Date {
        Date(timeIntervalSince1970: 1_777_856_400 + Double(day * 86_400) + 10)
    }

    static let mayReport = "949/KH-UBND:VI.1:bao-cao-thang:2026-05-15"
    static let shortest = StateRetention.historyDays

    @Test func dailyPassesThatPruneNeverSendAMessageTwice() async throws {
        let simulation = try Simulation(retentionDays: Self.shortest)
        try await simulation.run(days: 0..<150)
        let ids = simulation.messageIDs
        #expect(ids.count == simulation.mail.sent.count)
        #expect(ids.count > 100)
        #expect(Set(ids).count == ids.count, "a Message-ID sent twice is a reminder resent")
        #expect(try await simulation.ledger.records(forOccurrence: Self.mayReport).isEmpty, "pruned")
    }

    @Test func catchUpAfterPruningDecidesAsOnALedgerThatForgotNothing() async throws {
        let pruned = try Simulation(retentionDays: Self.shortest)
        let kept = try Simulation(retentionDays: StateRetention.allowedDays.upperBound)
        for simulation in [pruned, kept] {
            try await simulation.run(days: 0..<120)
            // Down for a week, then one pass: only the latest stage of what was missed within catch_up_days goes out.
            try await simulation.run(days: 127..<128)
        }
        #expect(pruned.mail.sent.count == kept.mail.sent.count)
        #expect(pruned.messageIDs == kept.messageIDs)
        let prunedCounts = try await pruned.ledger.counts()
        #expect(prunedCounts[.pending] == 0)
        #expect(try await kept.ledger.counts()[.skipped] ?? 0 > 0)
    }

    @Test func acknowledgementsThreadsAndTheNinetyDayHistoryOutliveTheRows() async throws {
        let simulation = try Simulation(retentionDays: Self.shortest)
        let agency = AgencyID("so-tu-phap")
        try await simulation.run(days: 0..<15)
        try await simulation.ledger.acknowledge(
            occurrenceKey: Self.mayReport, agency: agency, note: "Công văn 12/STP", now: Self.morning(15))
        try await simulation.run(days: 15..<150)

        let report = try #require(
            try await simulation.ledger.acknowledgement(occurrenceKey: Self.mayReport, agency: agency))
        #expect(report.note == "Công văn 12/STP")
        let history = try await simulation.ledger.deliveryHistory(occurrenceKey: Self.mayReport)
        #expect(history.contains { $0.status == .sent && $0.count > 0 }, "pruned rows live on as history")

        // What the last 90 days sent is still there row by row, with its thread for the next message.
        let recent = "949/KH-UBND:VI.1:bao-cao-thang:2026-09-15"
        let rows = try await simulation.ledger.records(forOccurrence: recent)
        #expect(rows.contains { $0.status == .sent })
        let cutoff = Self.morning(149).addingTimeInterval(-Double(Self.shortest) * 86_400)
        let old = try await simulation.ledger.records(forOccurrence: Self.mayReport)
        #expect(old.allSatisfy { $0.createdAt >= cutoff })
        #expect(try await simulation.ledger.thread(occurrenceKey: recent, agency: agency).isEmpty == false)
    }
}
