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
        @Test("Message-IDs come back oldest first, each once, per occurrence and agency")
        func threadOrder() async throws {
            let ledger = try Ledger.inMemory()
            let agency = AgencyID("so-tc")
            for id in ["<3@x>", "<1@x>", "<2@x>", "<1@x>"] {
                try await ledger.appendThread(occurrenceKey: occurrenceKey, agency: agency, messageID: id, now: morning)
            }
            try await ledger.appendThread(
                occurrenceKey: occurrenceKey,
                agency: AgencyID("so-yt"),
                messageID: "<9@x>",
                now: morning
            )
            #expect(
                try await ledger.thread(occurrenceKey: occurrenceKey, agency: agency) == ["<3@x>", "<1@x>", "<2@x>"])
            #expect(try await ledger.thread(occurrenceKey: "other", agency: agency).isEmpty)
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
