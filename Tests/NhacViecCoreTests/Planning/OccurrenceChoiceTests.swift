import Foundation
import Testing

@testable import NhacViecCore

@Suite("done without --occurrence means the earliest occurrence still being reminded")
struct OccurrenceChoiceTests {
    static let plan = """
        plan: { id: "949/KH-UBND", title: "Kế hoạch", issued: 2025-04-15, period: { from: 2025-04-15, until: 2026-12-31 } }
        tasks:
          - id: "VI.1"
            title: "Báo cáo tháng"
            lead: [so-khcn]
            milestones:
              - { id: bao-cao-thang, who: lead, due: { every: month, day: 15 } }
        """

    /// On 3/12/2026 the November report (due Friday 13/11) is still reminded: overdue every 5 working days,
    /// three times, runs to 4/12.
    static func choose(reported: [String] = [], undo: Bool = false) throws -> OccurrenceChoice? {
        let main = ConfigFixtures.main.replacingOccurrences(
            of: "reminders: { before: [7, 3, 1],", with: "reminders: { before: [3], overdue_every: 5, overdue_max: 3,")
        let configuration = try ConfigFixtures.compile(main: main, plan: plan)
        let plan = try #require(configuration.plans.first)
        let task = plan.tasks[0]
        let occurrences = Schedule(configuration: configuration).occurrences(
            of: task.milestones[0], task: task, in: plan)
        return OccurrenceChoice(
            among: occurrences, of: plan, planner: ReminderPlanner(configuration: configuration),
            reported: Set(reported), today: CivilDate(year: 2026, month: 12, day: 3)!, undo: undo)
    }

    @Test func theOverdueReportIsChosenOverTheNearerFutureOne() throws {
        let choice = try #require(try Self.choose())
        #expect(choice.occurrence.nominalDue == CivilDate(year: 2026, month: 11, day: 15))
        #expect(choice.reason == .earliestOpen)
    }

    @Test func onceReportedTheNextOneIsChosen() throws {
        let choice = try #require(try Self.choose(reported: ["949/KH-UBND:VI.1:bao-cao-thang:2026-11-15"]))
        #expect(choice.occurrence.nominalDue == CivilDate(year: 2026, month: 12, day: 15))
    }

    @Test func undoChoosesTheLatestReported() throws {
        let choice = try #require(
            try Self.choose(
                reported: ["949/KH-UBND:VI.1:bao-cao-thang:2026-10-15", "949/KH-UBND:VI.1:bao-cao-thang:2026-11-15"],
                undo: true))
        #expect(choice.occurrence.nominalDue == CivilDate(year: 2026, month: 11, day: 15))
        #expect(choice.reason == .latestReported)
    }
}
