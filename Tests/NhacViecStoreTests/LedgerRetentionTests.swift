import Foundation
import NhacViecCore
import NhacViecStore
import Testing

@Suite("A ledger that stops growing")
struct LedgerRetentionTests {
    static let year = 365.0 * 86_400
    static let later = morning.addingTimeInterval(year)

    @Suite("Compact skipped records")
    struct CompactSkips {
        @Test("Reminders skipped together are one record that still counts every reminder as recorded")
        func skippedRemindersStayRecorded() async throws {
            let ledger = try Ledger.inMemory()
            let skipped = ["a", "b", "c"].map { delivery(agency: $0, stage: "before-7") }
            let written = try await ledger.record(
                due: [delivery(agency: "a")], skipped: ["missed by more than catch_up_days (2)": skipped], now: morning)
            #expect(written.due == 1)
            #expect(written.skipped == 3)
            let keys = skipped.map(\.reminderKey) + ["\(occurrenceKey):d:before-7", delivery(agency: "a").reminderKey]
            #expect(try await ledger.existingKeys(reminderKeys: keys) == Set(skipped.map(\.reminderKey) + [keys[4]]))
            #expect(try await ledger.counts()[.skipped] == 3)
            #expect(try await ledger.ready(at: morning).map(\.agency) == [AgencyID("a")], "skipped is never ready")
            let history = try await ledger.deliveryHistory(occurrenceKey: occurrenceKey)
            #expect(history.contains { $0.stage == "before-7" && $0.status == .skipped && $0.count == 3 })
        }
    }

    @Suite("Pruning")
    struct Pruning {
        @Test("Old final rows become per-occurrence history; pending rows and recent rows stay")
        func oldRowsBecomeHistory() async throws {
            let ledger = try Ledger.inMemory()
            let old = try await ledger.seed([delivery(agency: "a"), delivery(agency: "b")])
            try await ledger.markSent(ids: [old[0].id], now: morning)
            _ = try await ledger.record(due: [], skipped: ["superseded": [delivery(agency: "c")]], now: morning)
            let recent = try await ledger.seed(
                [delivery(agency: "d", occurrence: "kh:t:m:2026-04-24")], now: LedgerRetentionTests.later)
            try await ledger.markSent(ids: recent.map(\.id), now: LedgerRetentionTests.later)

            let report = try await ledger.prune(
                before: LedgerRetentionTests.later.addingTimeInterval(-90 * 86_400), now: LedgerRetentionTests.later)
            #expect(report.deliveries == 1)
            #expect(report.skipped == 1)
            let left = try await ledger.records(forOccurrence: occurrenceKey)
            #expect(left.map(\.agency) == [AgencyID("b")], "a pending row is never pruned, however old")
            #expect(try await ledger.records(forOccurrence: "kh:t:m:2026-04-24").map(\.status) == [.sent])
            let history = try await ledger.deliveryHistory(occurrenceKey: occurrenceKey)
            #expect(history.contains { $0.stage == "due" && $0.status == .sent && $0.count == 1 })
            #expect(history.contains { $0.stage == "due" && $0.status == .skipped && $0.count == 1 })
            #expect(history.contains { $0.stage == "due" && $0.status == .pending && $0.count == 1 })
            #expect(try await ledger.prune(before: morning, now: LedgerRetentionTests.later) == PruneReport())
        }

        @Test("Acknowledgements stay; a thread goes with its rows, unless a valid link or a queued receipt needs it")
        func acknowledgementsAndThreads() async throws {
            let ledger = try Ledger.inMemory()
            let later = LedgerRetentionTests.later
            let agency = AgencyID("so-tc")
            let linked = "kh:t:m:2025-05-25"
            let recent = "kh:t:m:2026-04-24"
            try await ledger.acknowledge(occurrenceKey: occurrenceKey, agency: agency, note: "xong", now: morning)
            try await ledger.sendEmail("<old@nhacviec>")
            try await ledger.sendEmail("<linked@nhacviec>", about: [linked])
            let due = try #require(CivilDate(year: 2025, month: 5, day: 25))
            let milestone = Milestone(id: MilestoneID("m"), who: [], assignees: [agency], due: .once(due))
            let occurrence = Occurrence(
                plan: PlanID("kh"), task: PlanTask(id: TaskID("t"), title: "t", lead: [], support: [], milestones: []),
                milestone: milestone, nominalDue: due, due: due)
            #expect(occurrence.key == linked)
            try await ledger.insertTokens([
                IssuedToken(
                    token: AccessToken.generate(.acknowledge), agency: agency, issuedTo: agency,
                    occurrence: occurrence, createdAt: morning, expiresAt: later.addingTimeInterval(86_400))
            ])
            try await ledger.sendEmail("<new@nhacviec>", about: [recent], now: later)

            let report = try await ledger.prune(before: later.addingTimeInterval(-90 * 86_400), now: later)
            #expect(report.deliveries == 1)
            #expect(try await ledger.acknowledgement(occurrenceKey: occurrenceKey, agency: agency)?.note == "xong")
            #expect(try await ledger.thread(occurrenceKey: occurrenceKey, agency: agency).isEmpty)
            #expect(try await ledger.thread(occurrenceKey: linked, agency: agency) == ["<linked@nhacviec>"])
            #expect(try await ledger.thread(occurrenceKey: recent, agency: agency) == ["<new@nhacviec>"])
        }

        @Test("A link token goes as soon as it has expired; a valid one stays")
        func expiredTokensGo() async throws {
            let ledger = try Ledger.inMemory()
            let due = try #require(CivilDate(year: 2025, month: 4, day: 25))
            let milestone = Milestone(id: MilestoneID("m"), who: [], assignees: [AgencyID("so-tc")], due: .once(due))
            let occurrence = Occurrence(
                plan: PlanID("kh"), task: PlanTask(id: TaskID("t"), title: "t", lead: [], support: [], milestones: []),
                milestone: milestone, nominalDue: due, due: due)
            let tokens = [AccessToken.generate(.acknowledge), AccessToken.generate(.acknowledge)]
            try await ledger.insertTokens(
                zip(tokens, [1.0, 3.0]).map { token, days in
                    IssuedToken(
                        token: token, agency: AgencyID("so-tc"), issuedTo: AgencyID("so-tc"), occurrence: occurrence,
                        createdAt: morning, expiresAt: morning.addingTimeInterval(days * 86_400))
                })
            let now = morning.addingTimeInterval(2 * 86_400)
            let report = try await ledger.prune(before: morning.addingTimeInterval(-400 * 86_400), now: now)
            #expect(report.tokens == 1)
            #expect(try await ledger.grant(of: tokens[0], now: morning) == nil)
            #expect(try await ledger.grant(of: tokens[1], now: now) != nil)
        }

        @Test("The file gives pruned pages back to the file system")
        func fileShrinks() async throws {
            let directory = try TemporaryDirectory()
            let path = directory.ledgerPath
            func size() -> Int {
                ["", "-wal"].reduce(0) { total, suffix in
                    let attributes = try? FileManager.default.attributesOfItem(atPath: path + suffix)
                    return total + ((attributes?[.size] as? Int) ?? 0)
                }
            }
            do {
                let ledger = try Ledger(path: path)
                let rows = try await ledger.seed((0..<5_000).map { delivery(agency: "agency-\($0)") })
                try await ledger.markSent(ids: rows.map(\.id), now: morning)
            }
            let full = size()
            do {
                let ledger = try Ledger(path: path)
                let report = try await ledger.prune(before: LedgerRetentionTests.later, now: LedgerRetentionTests.later)
                #expect(report.deliveries == 5_000)
                #expect(report.freedPages > 0)
            }
            #expect(size() < full / 2)
        }
    }
}
