import Foundation
import NhacViecCore
import NhacViecStore
import Testing

@Suite("Acknowledgements, threads, endpoints and settings")
struct LedgerRecordsTests {
    @Suite("Acknowledgements")
    struct Acknowledgements {
        @Test("An acknowledgement is recorded once, listed, and can be undone")
        func roundTripAndUndo() async throws {
            let ledger = try Ledger.inMemory()
            let other = "kh-2025:bao-cao-quy:q2:2025-07-25"
            #expect(
                try await ledger.acknowledge(
                    occurrenceKey: occurrenceKey, agency: AgencyID("so-tc"), note: "CV 123", now: morning))
            #expect(
                !(try await ledger.acknowledge(
                    occurrenceKey: occurrenceKey,
                    agency: AgencyID("so-tc"),
                    note: "again",
                    now: morning.addingTimeInterval(60)
                ))
            )
            try await ledger.acknowledge(
                occurrenceKey: occurrenceKey,
                agency: AgencyID("so-yt"),
                note: nil,
                now: morning.addingTimeInterval(120)
            )
            try await ledger.acknowledge(occurrenceKey: other, agency: AgencyID("so-tc"), note: nil, now: morning)

            let acknowledged = try await ledger.acknowledgedAgencies(occurrenceKeys: [occurrenceKey, other, "none"])
            #expect(
                acknowledged == [occurrenceKey: [AgencyID("so-tc"), AgencyID("so-yt")], other: [AgencyID("so-tc")]])

            let latest = try await ledger.acknowledgements(limit: 2)
            #expect(latest.map(\.agency) == [AgencyID("so-yt"), AgencyID("so-tc")])
            let first = try #require(try await ledger.acknowledgements(limit: 10).first { $0.note != nil })
            #expect(first.note == "CV 123")
            #expect(first.recordedAt == morning)

            #expect(try await ledger.undoAcknowledgement(occurrenceKey: occurrenceKey, agency: AgencyID("so-tc")))
            #expect(!(try await ledger.undoAcknowledgement(occurrenceKey: occurrenceKey, agency: AgencyID("so-tc"))))
            let after = try await ledger.acknowledgedAgencies(occurrenceKeys: [occurrenceKey])
            #expect(after == [occurrenceKey: [AgencyID("so-yt")]])
        }
    }

    @Suite("Threads")
    struct Threads {
        @Test("A thread is the Message-IDs of the emails sent about an occurrence, oldest first, each once")
        func threadOrder() async throws {
            let ledger = try Ledger.inMemory()
            let other = "kh:t:m:2025-05-25"
            try await ledger.sendEmail("<3@x>", about: [occurrenceKey, other], stage: "before-3")
            try await ledger.sendEmail("<1@x>", stage: "due", now: morning.addingTimeInterval(3600))
            try await ledger.sendEmail("<2@x>", stage: "overdue-1", now: morning.addingTimeInterval(7200))
            try await ledger.sendEmail("<9@x>", to: "so-yt")
            let unsent = try await ledger.seed([delivery(stage: "overdue-2")])
            try await ledger.markSending(ids: unsent.map(\.id), messageID: "<4@x>", now: morning)
            let webhook = try await ledger.seed([delivery(stage: "overdue-3", channel: .webhook)])
            try await ledger.markSending(ids: webhook.map(\.id), messageID: "hook", now: morning)
            try await ledger.markSent(ids: webhook.map(\.id), now: morning)

            let agency = AgencyID("so-tc")
            #expect(
                try await ledger.thread(occurrenceKey: occurrenceKey, agency: agency) == ["<3@x>", "<1@x>", "<2@x>"],
                "an email not yet sent and a webhook are no part of it")
            #expect(
                try await ledger.threads(occurrenceKeys: [occurrenceKey, other, "none"], agency: agency)
                    == [occurrenceKey: ["<3@x>", "<1@x>", "<2@x>"], other: ["<3@x>"]])
            #expect(try await ledger.thread(occurrenceKey: occurrenceKey, agency: AgencyID("so-yt")) == ["<9@x>"])
        }
    }

    @Suite("Disabled endpoints and settings")
    struct EndpointsAndMeta {
        @Test("A webhook URL that answered 410 stays disabled")
        func disabledEndpoints() async throws {
            let ledger = try Ledger.inMemory()
            #expect(try await ledger.disabledEndpoints().isEmpty)
            try await ledger.disableEndpoint(url: "https://hook.example/a", reason: "410 Gone", now: morning)
            try await ledger.disableEndpoint(url: "https://hook.example/a", reason: "410 Gone", now: morning)
            #expect(try await ledger.disabledEndpoints() == ["https://hook.example/a"])
        }

        @Test("A setting is stored, replaced, and absent until set")
        func metaValues() async throws {
            let ledger = try Ledger.inMemory()
            #expect(try await ledger.meta(.lastPass) == nil)
            try await ledger.setMeta(.lastPass, "2025-04-25T08:00:00+07:00")
            try await ledger.setMeta(.lastPass, "2025-04-28T08:00:00+07:00")
            #expect(try await ledger.meta(.lastPass) == "2025-04-28T08:00:00+07:00")
        }
    }
}
