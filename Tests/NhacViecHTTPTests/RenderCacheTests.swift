import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NhacViecConfigFiles
import NhacViecCore
import NhacViecHTTP
import NhacViecStore
import Testing

@Suite("Rendered feeds and pages are reused only while nothing they show has changed")
struct RenderCacheTests {
    static let agency = AgencyID("so-tu-phap")

    /// The ledger file of `fixture` opened a second time, as `nhacviec done` in another process opens it: its writes
    /// reach the daemon only through the file.
    static func otherProcess(_ ledger: Ledger) throws -> Ledger {
        try Ledger(path: ledger.path)
    }

    @Test func aFeedPolledTwiceIsTheSameAndShowsAReportAnotherProcessRecorded() async throws {
        let fixture = try WebFixture(onDisk: true)
        let token = try await fixture.ledger.feedToken(for: .agency(Self.agency), now: WebFixture.now)
        let uri = "/cal/\(token.text).ics"
        let other = try Self.otherProcess(fixture.ledger)
        let (first, second, afterReport) = try await fixture.test { client in
            // The first render records what it published; the second reads that and is kept.
            _ = try await FeedRouteTests.get(client, uri)
            let first = try await FeedRouteTests.get(client, uri)
            let second = try await FeedRouteTests.get(client, uri)
            _ = try await other.acknowledge(
                occurrenceKey: FeedRouteTests.december.key, agency: Self.agency, note: nil, now: WebFixture.now)
            return (first, second, try await FeedRouteTests.get(client, uri))
        }
        #expect(first.body == second.body)
        #expect(first.headers[.eTag] == second.headers[.eTag])
        #expect(!first.body.contains("SUMMARY:✓"))
        #expect(afterReport.body.contains("SUMMARY:✓"))
        #expect(afterReport.headers[.eTag] != first.headers[.eTag])
    }

    @Test func aFeedFollowsAReloadedPlanAtOnce() async throws {
        let fixture = try WebFixture(onDisk: true)
        let token = try await fixture.ledger.feedToken(for: .agency(Self.agency), now: WebFixture.now)
        let uri = "/cal/\(token.text).ics"
        let moved = try WebFixture.load(dayOff: CivilDate(year: 2026, month: 12, day: 15))
        let (before, after) = try await fixture.test { client in
            _ = try await FeedRouteTests.get(client, uri)
            let before = try await FeedRouteTests.get(client, uri)
            await fixture.state.replace(configuration: moved.configuration, templates: moved.templates)
            return (before, try await FeedRouteTests.get(client, uri))
        }
        #expect(before.body.contains("DTSTART;VALUE=DATE:20261215"))
        #expect(!after.body.contains("DTSTART;VALUE=DATE:20261215"))
        #expect(after.body.contains("DTSTART;VALUE=DATE:20261214"))
    }

    @Test func aFeedIsRenderedAgainWhenTheDayChanges() async throws {
        let fixture = try WebFixture(onDisk: true)
        let token = try await fixture.ledger.feedToken(for: .agency(Self.agency), now: WebFixture.now)
        let uri = "/cal/\(token.text).ics"
        let (today, later) = try await fixture.test { client in
            _ = try await FeedRouteTests.get(client, uri)
            let today = try await FeedRouteTests.get(client, uri)
            // 61 days on, November's report has left the window of 60 days back.
            fixture.clock.advance(days: 61)
            return (today, try await FeedRouteTests.get(client, uri))
        }
        let november = "DTSTART;VALUE=DATE:202611"
        #expect(today.body.contains(november))
        #expect(!later.body.contains(november))
    }

    @Test func theDashboardShowsAReportAnotherProcessRecordedRightAfterThePageWasShown() async throws {
        let dashboard = try DashboardFixture(onDisk: true)
        let other = try Self.otherProcess(dashboard.ledger)
        let uri = "/dashboard/agency/so-tu-phap"
        let (first, second, afterReport, asViewer) = try await dashboard.test { client in
            let first = try await DashboardFixture.page(uri, client: client)
            let second = try await DashboardFixture.page(uri, client: client)
            _ = try await other.acknowledge(
                occurrenceKey: WebFixture.monthlyReport.key, agency: Self.agency, note: nil, now: WebFixture.now)
            let afterReport = try await DashboardFixture.page(uri, client: client)
            let asViewer = try await DashboardFixture.page(uri, as: DashboardFixture.viewer, client: client)
            return (first, second, afterReport, asViewer)
        }
        #expect(first == second)
        #expect(!first.contains("Hoàn thành trễ hạn"))
        #expect(afterReport.contains("Hoàn thành trễ hạn"))
        // Each user gets a page of their own, never the admin's page from the cache.
        #expect(asViewer.contains(DashboardFixture.viewer.name))
        #expect(!asViewer.contains(DashboardFixture.admin.name))
    }

    // MARK: The cache itself

    static func version(_ ledger: Ledger, generation: Int = 1) throws -> RenderCache.Version {
        try #require(RenderCache.Version(configuration: generation, ledger: ledger))
    }

    static func entry(_ text: String) -> RenderCache.Entry {
        RenderCache.Entry(body: ByteBuffer(string: text), etag: "\"\(text.count)\"")
    }

    @Test func anInMemoryLedgerIsNeverCached() throws {
        #expect(RenderCache.Version(configuration: 1, ledger: try Ledger.inMemory()) == nil)
    }

    @Test func anEntryServesOnlyItsVersionAndForAMinute() async throws {
        let ledger = try Ledger(path: WebFixture.temporaryLedgerPath())
        let cache = RenderCache()
        let version = try Self.version(ledger)
        let now = WebFixture.now
        await cache.store("feed", version: version, entry: Self.entry("a"), now: now)
        #expect(await cache.entry("feed", version: version, now: now.addingTimeInterval(59))?.etag == "\"1\"")
        #expect(await cache.entry("feed", version: version, now: now.addingTimeInterval(60)) == nil)
        #expect(await cache.entry("feed", version: try Self.version(ledger, generation: 2), now: now) == nil)
        _ = try await ledger.feedToken(for: .province, now: now)
        #expect(await cache.entry("feed", version: try Self.version(ledger), now: now) == nil)
    }

    @Test func requestsArrivingDuringARenderWaitForItInsteadOfRenderingAgain() async throws {
        let ledger = try Ledger(path: WebFixture.temporaryLedgerPath())
        let cache = RenderCache()
        let version = try Self.version(ledger)
        let renders = Counter()
        let bodies = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    let entry = try await cache.entry("feed", version: version, now: WebFixture.now) {
                        renders.increment()
                        try await Task.sleep(for: .milliseconds(200))
                        return Self.entry("rendered")
                    }
                    return String(buffer: entry.body)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(bodies == Array(repeating: "rendered", count: 8))
        #expect(renders.count == 1)
    }

    @Test func aFailedRenderIsNotKept() async throws {
        struct Broken: Error {}
        let ledger = try Ledger(path: WebFixture.temporaryLedgerPath())
        let cache = RenderCache()
        let version = try Self.version(ledger)
        await #expect(throws: Broken.self) {
            try await cache.entry("page", version: version, now: WebFixture.now) { throw Broken() }
        }
        let entry = try await cache.entry("page", version: version, now: WebFixture.now) { Self.entry("ok") }
        #expect(String(buffer: entry.body) == "ok")
    }

    @Test func theLeastRecentlyUsedEntriesGoOnceTheBytesPassTheLimit() async throws {
        let ledger = try Ledger(path: WebFixture.temporaryLedgerPath())
        let cache = RenderCache(byteLimit: 10)
        let version = try Self.version(ledger)
        let now = WebFixture.now
        await cache.store("a", version: version, entry: Self.entry("aaaa"), now: now)
        await cache.store("b", version: version, entry: Self.entry("bbbb"), now: now)
        _ = await cache.entry("a", version: version, now: now)
        await cache.store("c", version: version, entry: Self.entry("cccc"), now: now)
        #expect(await cache.entry("a", version: version, now: now) != nil)
        #expect(await cache.entry("b", version: version, now: now) == nil)
        #expect(await cache.entry("c", version: version, now: now) != nil)
        #expect(await cache.size.bytes == 8)
        await cache.store("huge", version: version, entry: Self.entry(String(repeating: "x", count: 11)), now: now)
        #expect(await cache.entry("huge", version: version, now: now) == nil)
    }
}
