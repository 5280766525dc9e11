import Foundation
import Testing

@testable import NhacViecCore

@Suite("The reminder policy counts working days and never sends on a day off")
struct ReminderPlannerTests {
    static func planner(before: [Int] = [7, 3, 1], escalate: Bool = true) throws -> ReminderPlanner {
        var main = ConfigFixtures.main
        if !escalate {
            main = main.replacingOccurrences(
                of: "escalate_after: 3, escalate_to: vp-ubnd", with: "escalate_after: null")
        }
        main = main.replacingOccurrences(of: "before: [7, 3, 1]", with: "before: \(before)")
        return ReminderPlanner(configuration: try ConfigFixtures.compile(main: main))
    }

    @Test func beforeStagesCountWorkingDaysBackFromTheEffectiveDueDate() throws {
        let reminders = try Self.planner().reminders(
            from: CivilDate(year: 2026, month: 6, day: 1)!, through: CivilDate(year: 2026, month: 6, day: 15)!,
            agency: AgencyID("so-tu-phap"))
        let summary = reminders.map { "\($0.sendDate) \($0.stage) \($0.workingDaysLeft ?? -99)" }
        #expect(
            summary == ["2026-06-04 before-7 7", "2026-06-10 before-3 3", "2026-06-12 before-1 1", "2026-06-15 due 0"])
    }

    @Test func remindersNeverFallOnADayOff() throws {
        let reminders = try Self.planner().reminders(
            from: CivilDate(year: 2025, month: 4, day: 15)!, through: CivilDate(year: 2026, month: 12, day: 31)!)
        let calendar = WorkingCalendar()
        #expect(!reminders.isEmpty)
        #expect(reminders.allSatisfy { calendar.isWorkingDay($0.sendDate) })
    }

    @Test func overdueRemindersFollowEveryNWorkingDaysUpToTheMaximum() throws {
        let reminders = try Self.planner().reminders(
            from: CivilDate(year: 2026, month: 6, day: 16)!, through: CivilDate(year: 2026, month: 7, day: 31)!,
            agency: AgencyID("so-khcn")
        )
        .filter { $0.occurrence.milestone.id == MilestoneID("gui-vp") }
        #expect(reminders.map(\.stage) == ["overdue-1", "overdue-2", "overdue-3", "overdue-4", "overdue-5"])
        #expect(
            reminders.map(\.sendDate.iso8601) == ["2026-06-17", "2026-06-19", "2026-06-23", "2026-06-25", "2026-06-29"])
        #expect(reminders.map(\.workingDaysLeft) == [-2, -4, -6, -8, -10])
    }

    @Test func escalationGoesOnceToTheSupervisorListingTheAssignees() throws {
        let reminders = try Self.planner().reminders(
            from: CivilDate(year: 2026, month: 6, day: 16)!, through: CivilDate(year: 2026, month: 6, day: 30)!,
            agency: AgencyID("vp-ubnd")
        )
        .filter { $0.kind == .escalation }
        #expect(reminders.count == 1)
        #expect(reminders.first?.sendDate == CivilDate(year: 2026, month: 6, day: 18))
        #expect(reminders.first?.overdueAgencies == [AgencyID("so-khcn"), AgencyID("so-tu-phap")])
    }

    @Test func noReminderIsPlannedBeforeThePlanWasIssued() throws {
        let reminders = try Self.planner().reminders(
            from: CivilDate(year: 2025, month: 1, day: 1)!, through: CivilDate(year: 2025, month: 4, day: 30)!,
            agency: AgencyID("so-tu-phap"))
        #expect(reminders.allSatisfy { $0.sendDate >= CivilDate(year: 2025, month: 4, day: 15)! })
        #expect(reminders.map(\.stage).prefix(3) == ["before-7", "before-3", "before-1"])
    }

    @Test func keysAreStableAndDistinct() throws {
        let planner = try Self.planner()
        let window = (CivilDate(year: 2025, month: 4, day: 15)!, CivilDate(year: 2026, month: 12, day: 31)!)
        let first = planner.reminders(from: window.0, through: window.1).map(\.key)
        let second = planner.reminders(from: window.0, through: window.1).map(\.key)
        #expect(first == second)
        #expect(Set(first).count == first.count)
        #expect(first.contains("949/KH-UBND:1.2.a:gui-vp:2026-06-15:so-tu-phap:before-3"))
    }

    @Test func sendTimeCarriesTheVietnamOffset() {
        let time = LocalTime(identifier: "Asia/Ho_Chi_Minh")
        #expect(
            time.iso8601(CivilDate(year: 2026, month: 6, day: 12)!, at: TimeOfDay(hour: 8, minute: 0))
                == "2026-06-12T08:00:00+07:00")
    }
}
