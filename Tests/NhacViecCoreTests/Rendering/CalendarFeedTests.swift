import Foundation
import Testing

@testable import NhacViecCore

@Suite("A subscribed calendar tells clients what changed")
struct CalendarFeedTests {
    static let today = CivilDate(year: 2026, month: 6, day: 1)!
    static let now = Date(timeIntervalSince1970: 1_780_272_000)
    static let agency = FeedScope.agency(AgencyID("so-tu-phap"))

    static func publication(
        _ configuration: Configuration, published: [String: PublishedEvent] = [:], now: Date = now,
        acknowledged: [String: [Acknowledgement]] = [:]
    ) -> CalendarFeed.Publication {
        let window = CalendarFeed.window(today: today)
        let occurrences = Schedule(configuration: configuration).occurrences(
            from: window.lowerBound, through: window.upperBound,
            filter: Schedule.Filter(agencies: [AgencyID("so-tu-phap")]))
        return CalendarFeed(scope: agency, configuration: configuration).publication(
            occurrences: occurrences, acknowledged: acknowledged, published: published, today: today, now: now)
    }

    static func remembered(_ publication: CalendarFeed.Publication) -> [String: PublishedEvent] {
        Dictionary(uniqueKeysWithValues: publication.changed.map { ($0.uid, $0) })
    }

    @Test func firstRenderPublishesEveryEventAtRevisionZeroAndTheNextChangesNothing() throws {
        let configuration = try ConfigFixtures.compile()
        let first = Self.publication(configuration)
        #expect(!first.changed.isEmpty)
        #expect(first.changed.allSatisfy { $0.sequence == 0 && $0.cancelledAt == nil })
        let second = Self.publication(
            configuration, published: Self.remembered(first), now: Self.now.addingTimeInterval(3600))
        #expect(!second.changesLedger)
        #expect(second.calendar.render() == first.calendar.render())
        let text = first.calendar.render()
        #expect(text.contains("\r\nREFRESH-INTERVAL;VALUE=DURATION:PT6H\r\nX-PUBLISHED-TTL:PT6H\r\n"))
        #expect(text.contains("\r\nSEQUENCE:0\r\nLAST-MODIFIED:20260601T000000Z\r\nSTATUS:CONFIRMED\r\n"))
    }

    @Test func withdrawnDeadlineStaysCancelledForThirtyDaysThenGoes() throws {
        let configuration = try ConfigFixtures.compile()
        let first = Self.publication(configuration)
        let withoutTask = try ConfigFixtures.compile(
            plan: ConfigFixtures.plan.replacingOccurrences(
                of:
                    "{ id: gui-vp, who: lead, to: vp-ubnd, due: { every: year, date: \"15/6\" }, text: \"Gửi phương án trước ngày 15/6 hàng năm.\" }",
                with: "{ id: gui-vp, who: [vp-ubnd], due: { every: year, date: \"15/6\" } }"))
        let withdrawnUID = "949_KH-UBND_1.2.a_gui-vp_2026-06-15@nhacviec"
        #expect(first.calendar.events.contains { $0.uid == withdrawnUID })

        let later = Self.now.addingTimeInterval(86_400)
        let cancelled = Self.publication(withoutTask, published: Self.remembered(first), now: later)
        let event = try #require(cancelled.calendar.events.first { $0.uid == withdrawnUID })
        #expect(event.revision == ICalendar.Revision(sequence: 1, modified: "20260602T000000Z", cancelled: true))
        #expect(cancelled.calendar.render().contains("STATUS:CANCELLED"))

        var remembered = Self.remembered(first)
        for record in cancelled.changed { remembered[record.uid] = record }
        let month = Self.publication(withoutTask, published: remembered, now: later.addingTimeInterval(29 * 86_400))
        #expect(month.calendar.events.contains { $0.uid == withdrawnUID && $0.revision?.cancelled == true })
        let gone = Self.publication(withoutTask, published: remembered, now: later.addingTimeInterval(30 * 86_400))
        #expect(!gone.calendar.events.contains { $0.uid == withdrawnUID })
        #expect(gone.removed == [withdrawnUID])
    }

    @Test func longVietnameseLinesFoldWithoutSplittingACharacter() {
        let title = String(repeating: "Báo cáo kết quả thực hiện nhiệm vụ cải cách hành chính ", count: 3)
        let event = ICalendar.Event(
            uid: "x@nhacviec", date: Self.today, summary: title,
            revision: ICalendar.Revision(sequence: 2, modified: ICalendar.utc(Self.now), cancelled: false))
        let text = ICalendar(name: "Lịch", events: [event], stamp: "20260601T000000Z", refreshInterval: "PT6H").render()
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.allSatisfy { String(validating: Array($0.utf8), as: UTF8.self) != nil })
        #expect(text.replacing("\r\n ", with: "").contains("SUMMARY:" + title))
        #expect(ICalendar.utc(Self.now) == "20260601T000000Z")
    }

    @Test func etagFollowsTheBytes() {
        #expect(CalendarFeed.etag(of: "a") == CalendarFeed.etag(of: "a"))
        #expect(CalendarFeed.etag(of: "a") != CalendarFeed.etag(of: "b"))
    }
}
