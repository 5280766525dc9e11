import Foundation
import Testing

@testable import NhacViecCore

/// The overview's numbers, from the small config: "Gửi phương án" due Monday 15/6/2026 for Sở Tư pháp and Sở KHCN,
/// and "Trình Chủ tịch" due Tuesday 30/6/2026 for the provincial office.
@Suite("The dashboard's overview counts agencies' deadlines on the working-day calendar")
struct DeadlineBoardTests {
    let configuration: Configuration
    let localTime = LocalTime(identifier: "Asia/Ho_Chi_Minh")

    init() throws {
        configuration = try ConfigFixtures.compile()
    }

    static func june(_ day: Int) -> CivilDate {
        guard let date = CivilDate(year: 2026, month: 6, day: day) else { preconditionFailure("no 2026-06-\(day)") }
        return date
    }

    func board(
        today: CivilDate, reported: [(String, CivilDate)] = [], filter: DashboardFilter = DashboardFilter()
    ) -> DeadlineBoard {
        let window = filter.window(today: today)
        let occurrences = Schedule(configuration: configuration).occurrences(
            from: window.lowerBound, through: window.upperBound)
        let key = "949/KH-UBND:1.2.a:gui-vp:2026-06-15"
        let acknowledgements = reported.map { agency, day in
            Acknowledgement(
                occurrenceKey: key, agency: AgencyID(agency), source: .link,
                recordedAt: localTime.instant(of: day, at: TimeOfDay(hour: 9, minute: 0)).date)
        }
        return DeadlineBoard(
            occurrences: occurrences, acknowledgements: [key: acknowledgements], calendar: configuration.calendar,
            localTime: localTime, today: today, filter: filter)
    }

    @Test func anUnreportedAgencyIsOverdueByTheWorkingDaysSinceTheDueDate() {
        let board = board(
            today: Self.june(18),
            reported: [("so-khcn", Self.june(12))])
        let overdue = board.overdueByAgency { $0.rawValue }
        #expect(overdue.map(\.agency) == [AgencyID("so-tu-phap")])
        #expect(overdue.first?.items.first?.workingDaysLate == 3)
        #expect(board.counts.overdue == 1)
        #expect(board.counts.doneOnTimeThisMonth == 1)
        #expect(board.counts.doneLateThisMonth == 0)
    }

    @Test func progressCountsTheAgenciesThatReported() {
        let board = board(
            today: Self.june(10),
            reported: [("so-khcn", Self.june(9))])
        let deadline = board.upcoming.first { $0.occurrence.milestone.id == MilestoneID("gui-vp") }
        #expect(deadline?.progress == "1/2 cơ quan")
    }

    @Test func aReportAfterTheDueDateCountsAsLate() {
        let board = board(
            today: Self.june(18),
            reported: [("so-tu-phap", Self.june(17))])
        #expect(board.counts.doneLateThisMonth == 1)
        #expect(board.counts.overdue == 1, "Sở KHCN has not reported")
    }

    @Test func aDeadlineWithinThreeWorkingDaysIsDueSoon() {
        let board = board(today: Self.june(26))
        #expect(board.counts.dueSoon == 1)
        let soon = board.deadlines.flatMap(\.assignments).filter { $0.state == .dueSoon }
        #expect(soon.map(\.agency) == [AgencyID("vp-ubnd")])
    }

    @Test func filtersKeepOneAgencyAndOneStatusAndRoundTripThroughTheQueryString() {
        let filter = DashboardFilter(query: [
            "agency": "so-tu-phap", "status": "overdue", "from": "2026-06-01", "to": "",
        ])
        #expect(
            filter.queryItems.map { "\($0.name)=\($0.value)" } == [
                "agency=so-tu-phap", "status=overdue", "from=2026-06-01",
            ])
        let board = board(today: Self.june(18), filter: filter)
        #expect(board.deadlines.flatMap(\.assignments).map(\.agency) == [AgencyID("so-tu-phap")])
        #expect(board.deadlines.flatMap(\.assignments).allSatisfy { $0.state == .overdue })
    }
}
