import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NhacViecConfigFiles
import NhacViecCore
import NhacViecHTTP
import NhacViecStore
import Testing

@Suite("An agency subscribes its calendar to its deadlines")
struct FeedRouteTests {
    /// What python3-icalendar reads from a feed (Tests/Support/check_feed.py).
    struct Parsed: Decodable {
        struct Event: Decodable {
            let uid: String
            let summary: String
            let start: String
            let end: String
            let startIsDate: Bool
            let sequence: Int
            let status: String
            let lastModified: String
            let alarms: Int
        }

        let refreshInterval: String
        let publishedTTL: String
        let name: String
        let events: [Event]

        func event(_ uid: String) throws -> Event {
            try #require(events.first { $0.uid == uid }, "no event \(uid)")
        }
    }

    /// The monthly report of December 2026: Tuesday 15/12, inside every window of these tests.
    static let december = OccurrenceReference(
        plan: PlanID("949/KH-UBND"), task: TaskID("VI.1"), milestone: MilestoneID("bao-cao-thang"),
        nominalDue: CivilDate(year: 2026, month: 12, day: 15))
    static let decemberUID = "949_KH-UBND_VI.1_bao-cao-thang_2026-12-15@nhacviec"

    static let icalendar = DebianTool.hasPythonModule("icalendar")

    struct Fetched {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: String
    }

    static func get(
        _ client: any TestClientProtocol, _ uri: String, method: HTTPRequest.Method = .get, headers: HTTPFields = [:]
    ) async throws -> Fetched {
        try await client.execute(uri: uri, method: method, headers: headers) { response in
            Fetched(status: response.status, headers: response.headers, body: String(buffer: response.body))
        }
    }

    static func parse(_ body: String) throws -> Parsed {
        try DebianTool.pythonJSON("check_feed.py", input: body, as: Parsed.self)
    }

    @Test(.enabled(if: icalendar, "python3-icalendar is missing: run `make test`, which installs it"))
    func feedIsACalendarOfAllDayDeadlinesWithTheUIDsOfUpcoming() async throws {
        let fixture = try WebFixture()
        let token = try await fixture.ledger.feedToken(for: .agency(AgencyID("so-tu-phap")), now: WebFixture.now)
        let fetched = try await fixture.test { try await Self.get($0, "/cal/\(token.text).ics") }
        #expect(fetched.status == .ok)
        #expect(fetched.headers[.contentType] == "text/calendar; charset=utf-8")
        #expect(fetched.headers[.contentEncoding] == nil)
        let lines = fetched.body.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        #expect(lines.dropLast().allSatisfy { $0.last == UInt8(ascii: "\r") }, "every line ends with CRLF")
        #expect(lines.allSatisfy { $0.count <= 76 }, "75 octets and the CR")
        #expect(!fetched.body.contains("VALARM"))

        let parsed = try Self.parse(fetched.body)
        #expect(parsed.refreshInterval == "PT6H")
        #expect(parsed.publishedTTL == "PT6H")
        #expect(parsed.name == "Hạn nhiệm vụ – Sở Tư pháp")
        let december = try parsed.event(Self.decemberUID)
        #expect(december.start == "2026-12-15")
        #expect(december.end == "2026-12-16")
        #expect(december.startIsDate)
        #expect(december.sequence == 0)
        #expect(december.status == "CONFIRMED")
        #expect(december.summary.hasPrefix("Hạn: "))
        #expect(parsed.events.allSatisfy { $0.alarms == 0 && $0.startIsDate })

        // The same occurrences, as `upcoming --agency so-tu-phap --format ics` exports them, have the same UIDs.
        let today = CivilDate(year: 2026, month: 11, day: 17)!
        let window = CalendarFeed.window(today: today)
        let occurrences = Schedule(configuration: fixture.configuration).occurrences(
            from: window.lowerBound, through: window.upperBound,
            filter: Schedule.Filter(agencies: [AgencyID("so-tu-phap")]))
        let exported = try Self.parse(
            OccurrenceListing(configuration: fixture.configuration, occurrences: occurrences).ics())
        #expect(Set(parsed.events.map(\.uid)) == Set(exported.events.map(\.uid)))
        #expect(parsed.events.count >= 3)
        #expect(parsed.events.map(\.start).min() ?? "" >= "2026-09-18")
    }

    @Test func secondRenderIsTheSameAndRevalidatesWith304() async throws {
        let fixture = try WebFixture()
        let token = try await fixture.ledger.feedToken(for: .agency(AgencyID("so-tu-phap")), now: WebFixture.now)
        let uri = "/cal/\(token.text).ics"
        try await fixture.test { client in
            let first = try await Self.get(client, uri)
            let second = try await Self.get(client, uri)
            let etag = try #require(first.headers[.eTag])
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""))
            #expect(second.headers[.eTag] == etag)
            #expect(second.body == first.body)

            let revalidated = try await Self.get(client, uri, headers: [.ifNoneMatch: etag])
            #expect(revalidated.status == .notModified)
            #expect(revalidated.body.isEmpty)
            #expect(revalidated.headers[.eTag] == etag)

            let stale = try await Self.get(client, uri, headers: [.ifNoneMatch: "\"0000\""])
            #expect(stale.status == .ok)

            // Calendar clients send no Accept header (these requests), or odd ones: the answer is the calendar.
            let odd = try await Self.get(client, uri, headers: [.accept: "application/json", .acceptEncoding: "gzip"])
            #expect(odd.status == .ok)
            #expect(odd.body == first.body)
            #expect(odd.headers[.contentEncoding] == nil)

            let head = try await Self.get(client, uri, method: .head)
            #expect(head.status == .ok)
            #expect(head.body.isEmpty)
            #expect(head.headers[.eTag] == etag)
            #expect(head.headers[.contentType] == "text/calendar; charset=utf-8")
        }
    }

    @Test(.enabled(if: icalendar, "python3-icalendar is missing: run `make test`, which installs it"))
    func movedDueDateRaisesSequenceAndLastModifiedButKeepsTheUID() async throws {
        let fixture = try WebFixture()
        let token = try await fixture.ledger.feedToken(for: .agency(AgencyID("so-tu-phap")), now: WebFixture.now)
        let uri = "/cal/\(token.text).ics"
        let moved = try WebFixture.load(dayOff: CivilDate(year: 2026, month: 12, day: 15))
        let (before, after, untouched) = try await fixture.test { client in
            let before = try Self.parse(try await Self.get(client, uri).body)
            fixture.clock.advance(days: 1)
            await fixture.state.replace(configuration: moved.configuration, templates: moved.templates)
            let after = try await Self.get(client, uri)
            let again = try await Self.get(client, uri)
            #expect(again.headers[.eTag] == after.headers[.eTag])
            return (before, try Self.parse(after.body), try Self.parse(again.body))
        }
        let old = try before.event(Self.decemberUID)
        let new = try after.event(Self.decemberUID)
        #expect(new.start == "2026-12-14")
        #expect(new.sequence == old.sequence + 1)
        #expect(new.lastModified > old.lastModified)
        #expect(try untouched.event(Self.decemberUID).sequence == new.sequence)
        // Nothing else moved, so nothing else changed revision.
        let others = after.events.filter { $0.uid != Self.decemberUID }
        #expect(others.allSatisfy { $0.sequence == 0 })
    }

    @Test(.enabled(if: icalendar, "python3-icalendar is missing: run `make test`, which installs it"))
    func doneDeadlineKeepsItsUIDWithACheckMark() async throws {
        let fixture = try WebFixture()
        let token = try await fixture.ledger.feedToken(for: .agency(AgencyID("so-tu-phap")), now: WebFixture.now)
        let uri = "/cal/\(token.text).ics"
        let (before, after) = try await fixture.test { client in
            let before = try Self.parse(try await Self.get(client, uri).body)
            try await fixture.ledger.acknowledge(
                occurrenceKey: Self.december.key, agency: AgencyID("so-tu-phap"), note: nil, now: WebFixture.now)
            return (before, try Self.parse(try await Self.get(client, uri).body))
        }
        let done = try after.event(Self.decemberUID)
        #expect(done.summary == "✓ " + (try before.event(Self.decemberUID)).summary)
        #expect(done.sequence == 1)
        #expect(done.status == "CONFIRMED")
    }

    @Test func rotatedTokenIsRefusedAtOnce() async throws {
        let fixture = try WebFixture()
        let scope = FeedScope.agency(AgencyID("so-tu-phap"))
        let old = try await fixture.ledger.feedToken(for: scope, now: WebFixture.now)
        #expect(try await fixture.ledger.feedToken(for: scope, now: WebFixture.now) == old)
        try await fixture.test { client in
            #expect(try await Self.get(client, "/cal/\(old.text).ics").status == .ok)
            let new = try await fixture.ledger.feedToken(for: scope, rotate: true, now: WebFixture.now)
            #expect(new != old)
            let refused = try await Self.get(client, "/cal/\(old.text).ics")
            #expect(refused.status == .notFound)
            #expect(!refused.body.contains("BEGIN:VCALENDAR"))
            #expect(try await Self.get(client, "/cal/\(new.text).ics").status == .ok)
        }
    }

    @Test func linkTokensAndMalformedNamesFindNoFeed() async throws {
        let fixture = try WebFixture()
        let acknowledgement = try await fixture.token()
        let feed = try await fixture.ledger.feedToken(for: .province, now: WebFixture.now)
        try await fixture.test { client in
            for uri in [
                "/cal/\(acknowledgement.text).ics", "/cal/\(feed.text)", "/cal/\(feed.text).ics.ics",
                "/cal/nvf_00000000000000000000000000000000.ics",
            ] {
                let status = try await Self.get(client, uri).status
                #expect(status == .notFound, "\(uri)")
            }
        }
    }

    @Test(.enabled(if: icalendar, "python3-icalendar is missing: run `make test`, which installs it"))
    func provinceFeedShowsEveryAgencysDeadlinesDoneOnlyWhenAllReported() async throws {
        let fixture = try WebFixture()
        let token = try await fixture.ledger.feedToken(for: .province, now: WebFixture.now)
        try await fixture.ledger.acknowledge(
            occurrenceKey: Self.december.key, agency: AgencyID("so-tu-phap"), note: nil, now: WebFixture.now)
        let parsed = try await fixture.test { try Self.parse(try await Self.get($0, "/cal/\(token.text).ics").body) }
        #expect(parsed.name == "Hạn nhiệm vụ – toàn tỉnh")
        #expect(try parsed.event(Self.decemberUID).summary.hasPrefix("Hạn: "))
        let agency = try await fixture.ledger.feedToken(for: .agency(AgencyID("so-tu-phap")), now: WebFixture.now)
        let own = try await fixture.test { try Self.parse(try await Self.get($0, "/cal/\(agency.text).ics").body) }
        #expect(parsed.events.count > own.events.count)
    }
}
