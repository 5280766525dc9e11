import Foundation
import NhacViecCore
import NhacViecStore
import Testing

@Suite("Delivery ledger")
struct DeliveryLedgerTests {
    @Suite("Recording deliveries")
    struct Recording {
        @Test("The same reminder key and channel recorded twice gives one row")
        func insertIsIdempotent() async throws {
            let ledger = try Ledger.inMemory()
            #expect(try await ledger.insertIfMissing([delivery()], now: morning) == 1)
            #expect(try await ledger.insertIfMissing([delivery(), delivery()], now: morning) == 0)
            #expect(try await ledger.counts()[.pending] == 1)
        }

        @Test("The same reminder on two channels gives two rows")
        func channelsAreSeparateRows() async throws {
            let ledger = try Ledger.inMemory()
            let inserted = try await ledger.insertIfMissing(
                [delivery(channel: .email("vanthu@sotc.gov.vn")), delivery(channel: .webhook)],
                now: morning
            )
            #expect(inserted == 2)
        }

        @Test("A row keeps every field it was recorded with")
        func fieldsRoundTrip() async throws {
            let ledger = try Ledger.inMemory()
            let record = try #require(try await ledger.seed([delivery(stage: "before-3")]).first)
            #expect(record.reminderKey == "\(occurrenceKey):so-tc:before-3")
            #expect(record.channel == .email("vanthu@sotc.gov.vn"))
            #expect(record.occurrenceKey == occurrenceKey)
            #expect(record.agency == AgencyID("so-tc"))
            #expect(record.kind == .before)
            #expect(record.stage == "before-3")
            #expect(record.dueDate == CivilDate(year: 2025, month: 4, day: 25))
            #expect(record.plannedAt == morning)
            #expect(record.status == .pending)
            #expect(record.attempts == 0)
            #expect(record.nextAttemptAt == nil)
            #expect(record.lastError == nil)
            #expect(record.messageID == nil)
            #expect(record.sentAt == nil)
            #expect(record.createdAt == morning)
        }

        @Test("Reminders recorded as skipped keep their reason and are never ready")
        func skippedInsertKeepsReason() async throws {
            let ledger = try Ledger.inMemory()
            try await ledger.insertIfMissing(
                [delivery(stage: "before-7")],
                status: .skipped,
                reason: "catch-up: superseded by due",
                now: morning
            )
            let record = try #require(try await ledger.records(forOccurrence: occurrenceKey).first)
            #expect(record.status == .skipped)
            #expect(record.lastError == "catch-up: superseded by due")
            #expect(try await ledger.ready(at: morning).isEmpty)
        }

        @Test("Existing keys are the reminder keys that already have a row")
        func existingKeysFindsRecordedReminders() async throws {
            let ledger = try Ledger.inMemory()
            let item = delivery()
            let keys = try await ledger.existingKeys(reminderKeys: [item.reminderKey, "other"])
            #expect(keys.isEmpty)
            try await ledger.insertIfMissing([item], now: morning)
            #expect(try await ledger.existingKeys(reminderKeys: [item.reminderKey, "other"]) == [item.reminderKey])
        }

        @Test("Ten thousand deliveries insert in one call and are all found again")
        func tenThousandInserts() async throws {
            let directory = try TemporaryDirectory()
            let ledger = try Ledger(path: directory.ledgerPath)
            let items = (0..<10_000).map { delivery(agency: "agency-\($0)") }
            #expect(try await ledger.insertIfMissing(items, now: morning) == 10_000)
            #expect(try await ledger.insertIfMissing(items, now: morning) == 0)
            #expect(try await ledger.existingKeys(reminderKeys: items.map(\.reminderKey)).count == 10_000)
            #expect(try await ledger.ready(at: morning).count == 10_000)
        }
    }

    @Suite("Choosing what to send")
    struct Ready {
        @Test("Pending rows and rows left sending by a crash are ready; final rows are not")
        func readySelection() async throws {
            let ledger = try Ledger.inMemory()
            let rows = try await ledger.seed(["a", "b", "c", "d", "e"].map { delivery(agency: $0) })
            let id = Dictionary(uniqueKeysWithValues: rows.map { ($0.agency.rawValue, $0.id) })
            try await ledger.markSending(ids: [id["b"]!], messageID: "<b@nhacviec>", now: morning)
            try await ledger.markSending(ids: [id["c"]!, id["d"]!, id["e"]!], messageID: nil, now: morning)
            try await ledger.markSent(ids: [id["c"]!], now: morning)
            try await ledger.markFailed(ids: [id["d"]!], error: "550 no such user", now: morning)
            try await ledger.markSkipped(ids: [id["e"]!], reason: "acknowledged", now: morning)

            let ready = try await ledger.ready(at: morning)
            #expect(ready.map(\.agency.rawValue) == ["a", "b"])
            #expect(ready.map(\.status) == [.pending, .sending])
            #expect(ready[1].messageID == "<b@nhacviec>")
        }

        @Test("Ready rows come in planned order, then by agency and key")
        func readyOrder() async throws {
            let ledger = try Ledger.inMemory()
            let later = morning.addingTimeInterval(3600)
            try await ledger.insertIfMissing(
                [
                    delivery(agency: "b", channel: .webhook, plannedAt: later),
                    delivery(agency: "b"),
                    delivery(agency: "a", stage: "due"),
                    delivery(agency: "a", stage: "before-1"),
                ],
                now: later
            )
            let ready = try await ledger.ready(at: later)
            #expect(
                ready.map { "\($0.agency):\($0.stage):\($0.channel)" } == [
                    "a:before-1:email:vanthu@sotc.gov.vn", "a:due:email:vanthu@sotc.gov.vn",
                    "b:due:email:vanthu@sotc.gov.vn", "b:due:webhook",
                ]
            )
            #expect(ready.map(\.plannedAt) == [morning, morning, morning, later])
        }

        @Test("A retry is ready only once its time has come")
        func retryWaitsForItsTime() async throws {
            let ledger = try Ledger.inMemory()
            let row = try #require(try await ledger.seed([delivery()]).first)
            let retryAt = morning.addingTimeInterval(300)
            try await ledger.markSending(ids: [row.id], messageID: "<1@nhacviec>", now: morning)
            try await ledger.markRetry(ids: [row.id], error: "421 try later", nextAttemptAt: retryAt, now: morning)

            #expect(try await ledger.ready(at: morning.addingTimeInterval(299)).isEmpty)
            #expect(try await ledger.nextAttemptTime() == retryAt)
            let retry = try #require(try await ledger.ready(at: retryAt).first)
            #expect(retry.status == .pending)
            #expect(retry.attempts == 1)
            #expect(retry.lastError == "421 try later")
            #expect(retry.messageID == "<1@nhacviec>")
        }

        @Test("A retried row keeps its Message-ID when the next attempt gives none")
        func messageIDKeptAcrossAttempts() async throws {
            let ledger = try Ledger.inMemory()
            let row = try #require(try await ledger.seed([delivery()]).first)
            try await ledger.markSending(ids: [row.id], messageID: "<1@nhacviec>", now: morning)
            try await ledger.markRetry(ids: [row.id], error: "timeout", nextAttemptAt: morning, now: morning)
            try await ledger.markSending(ids: [row.id], messageID: nil, now: morning)
            let again = try #require(try await ledger.ready(at: morning).first)
            #expect(again.attempts == 2)
            #expect(again.messageID == "<1@nhacviec>")
            #expect(again.nextAttemptAt == nil)
        }

        @Test("No retry pending means no next attempt time")
        func noNextAttemptTime() async throws {
            let ledger = try Ledger.inMemory()
            _ = try await ledger.seed([delivery()])
            #expect(try await ledger.nextAttemptTime() == nil)
        }
    }

    @Suite("Recording outcomes")
    struct Outcomes {
        @Test("A sent row records its time and clears the last error")
        func sentRecordsTime() async throws {
            let ledger = try Ledger.inMemory()
            let row = try #require(try await ledger.seed([delivery()]).first)
            let sentAt = morning.addingTimeInterval(5)
            try await ledger.markSending(ids: [row.id], messageID: "<1@nhacviec>", now: morning)
            try await ledger.markRetry(ids: [row.id], error: "timeout", nextAttemptAt: morning, now: morning)
            try await ledger.markSending(ids: [row.id], messageID: nil, now: morning)
            try await ledger.markSent(ids: [row.id], now: sentAt)
            let sent = try #require(try await ledger.records(forOccurrence: occurrenceKey).first)
            #expect(sent.status == .sent)
            #expect(sent.sentAt == sentAt)
            #expect(sent.updatedAt == sentAt)
            #expect(sent.lastError == nil)
            #expect(sent.attempts == 2)
        }

        @Test("A row in a final state never changes again")
        func finalStatesStay() async throws {
            let ledger = try Ledger.inMemory()
            let rows = try await ledger.seed([delivery(agency: "a"), delivery(agency: "b")])
            try await ledger.markSent(ids: [rows[0].id], now: morning)
            try await ledger.markFailed(ids: [rows[1].id], error: "550", now: morning)
            let ids = rows.map(\.id)
            try await ledger.markSending(ids: ids, messageID: "<x@nhacviec>", now: morning)
            try await ledger.markRetry(ids: ids, error: "late", nextAttemptAt: morning, now: morning)
            try await ledger.markSkipped(ids: ids, reason: "late", now: morning)
            let after = try await ledger.records(forOccurrence: occurrenceKey)
            #expect(after.map(\.status) == [.sent, .failed])
            #expect(after.map(\.attempts) == [0, 0])
            #expect(after[1].lastError == "550")
        }

        @Test("A state change completes even when the calling task is cancelled")
        func writesSurviveCancellation() async throws {
            let ledger = try Ledger.inMemory()
            let row = try #require(try await ledger.seed([delivery()]).first)
            let task = Task {
                while !Task.isCancelled { await Task.yield() }
                try await ledger.markSent(ids: [row.id], now: morning)
            }
            task.cancel()
            try await task.value
            #expect(try await ledger.counts()[.sent] == 1)
        }

        @Test("Counts cover every status")
        func countsByStatus() async throws {
            let ledger = try Ledger.inMemory()
            let rows = try await ledger.seed(["a", "b", "c", "d"].map { delivery(agency: $0) })
            try await ledger.markSending(ids: [rows[1].id, rows[2].id], messageID: nil, now: morning)
            try await ledger.markSent(ids: [rows[2].id], now: morning)
            try await ledger.markFailed(ids: [rows[3].id], error: "550", now: morning)
            let counts = try await ledger.counts()
            #expect(counts == [.pending: 1, .sending: 1, .sent: 1, .failed: 1, .skipped: 0])
        }

        @Test("Failures come newest first with their error; retries soonest first")
        func failuresAndRetries() async throws {
            let ledger = try Ledger.inMemory()
            let rows = try await ledger.seed(["a", "b", "c", "d"].map { delivery(agency: $0) })
            try await ledger.markFailed(ids: [rows[0].id], error: "first", now: morning)
            try await ledger.markFailed(ids: [rows[1].id], error: "second", now: morning.addingTimeInterval(60))
            try await ledger.markRetry(
                ids: [rows[2].id],
                error: "later",
                nextAttemptAt: morning.addingTimeInterval(600),
                now: morning
            )
            try await ledger.markRetry(
                ids: [rows[3].id],
                error: "sooner",
                nextAttemptAt: morning.addingTimeInterval(300),
                now: morning
            )
            #expect(try await ledger.failures(limit: 10).map(\.lastError) == ["second", "first"])
            #expect(try await ledger.failures(limit: 1).count == 1)
            #expect(try await ledger.pendingRetries(limit: 10).map(\.lastError) == ["sooner", "later"])
        }

        @Test("The last delivery is reported per kind of channel")
        func lastSentPerChannelKind() async throws {
            let ledger = try Ledger.inMemory()
            let rows = try await ledger.seed([
                delivery(agency: "a", channel: .email("a@x.gov.vn")),
                delivery(agency: "b", channel: .email("b@x.gov.vn")),
                delivery(agency: "a", channel: .webhook),
                delivery(agency: "c", channel: .webhook),
            ])
            let byKey = Dictionary(uniqueKeysWithValues: rows.map { ("\($0.agency):\($0.channel)", $0.id) })
            try await ledger.markSent(ids: [byKey["a:email:a@x.gov.vn"]!], now: morning.addingTimeInterval(10))
            try await ledger.markSent(ids: [byKey["b:email:b@x.gov.vn"]!], now: morning.addingTimeInterval(20))
            try await ledger.markSent(ids: [byKey["a:webhook"]!], now: morning.addingTimeInterval(5))
            try await ledger.markFailed(ids: [byKey["c:webhook"]!], error: "410", now: morning.addingTimeInterval(99))
            #expect(
                try await ledger.lastSent() == [
                    .email: morning.addingTimeInterval(20), .webhook: morning.addingTimeInterval(5),
                ]
            )
        }
    }
}
