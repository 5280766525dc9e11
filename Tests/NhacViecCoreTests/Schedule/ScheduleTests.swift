import Testing

@testable import NhacViecCore

@Suite("Due dates expand within the plan period and move off days off")
struct ScheduleTests {
    static let period = CivilDate(year: 2025, month: 4, day: 15)!...CivilDate(year: 2026, month: 12, day: 31)!

    static func configuration(_ rule: DueRule, policy: DayOffPolicy = .previousWorkingDay) -> Configuration {
        let milestone = Milestone(
            id: MilestoneID("m"), who: [.agency(AgencyID("a"))], assignees: [AgencyID("a")], due: rule,
            dayOffPolicy: policy)
        let task = PlanTask(
            id: TaskID("t"), title: "T", lead: [.agency(AgencyID("a"))], support: [], milestones: [milestone])
        let plan = Plan(id: PlanID("P"), title: "P", period: period, tasks: [task], file: "p.yaml")
        return Configuration(
            directory: Directory(agencies: [Agency(id: AgencyID("a"), name: "A")], groups: []), plans: [plan])
    }

    static func dues(_ rule: DueRule, policy: DayOffPolicy = .previousWorkingDay) -> [String] {
        Schedule(configuration: configuration(rule, policy: policy))
            .occurrences(from: period.lowerBound, through: period.upperBound)
            .map { "\($0.nominalDue!)→\($0.due!)" }
    }

    @Test func yearlyDeadlineRepeatsEachYearOfThePlan() {
        #expect(
            Self.dues(.recurring(.yearly(month: 6, day: 15), from: nil, until: nil)) == [
                "2025-06-15→2025-06-13", "2026-06-15→2026-06-15",
            ])
    }

    @Test func deadlineOnAHolidayMovesToThePreviousWorkingDay() {
        #expect(Self.dues(.once(CivilDate(year: 2025, month: 4, day: 30)!)) == ["2025-04-30→2025-04-29"])
    }
}

extension ScheduleTests {
    @Test func deadlineDuringTetMovesBeforeTet() {
        let dues = Self.dues(.recurring(.monthly(day: .day(15)), from: nil, until: nil))
        #expect(dues.contains("2026-02-15→2026-02-13"))
        #expect(dues.count == 21)
    }

    @Test func nextWorkingDayPolicyMovesAfterTheHoliday() {
        #expect(
            Self.dues(.once(CivilDate(year: 2026, month: 2, day: 15)!), policy: .nextWorkingDay) == [
                "2026-02-15→2026-02-23"
            ])
    }

    @Test func keepPolicyLeavesTheDateAlone() {
        #expect(Self.dues(.once(CivilDate(year: 2025, month: 4, day: 30)!), policy: .keep) == ["2025-04-30→2025-04-30"])
    }

    @Test func missingDayOfMonthMeansTheLastDay() {
        let dues = Self.dues(
            .recurring(.monthly(day: .day(31)), from: nil, until: CivilDate(year: 2025, month: 7, day: 31)!),
            policy: .keep)
        #expect(
            dues == [
                "2025-04-30→2025-04-30", "2025-05-31→2025-05-31", "2025-06-30→2025-06-30", "2025-07-31→2025-07-31",
            ])
    }

    @Test func quarterlyRuleUsesTheGivenMonthOfEachQuarter() {
        let dues = Self.dues(
            .recurring(.quarterly(monthInQuarter: 3, day: .last), from: nil, until: nil), policy: .keep)
        #expect(
            dues == [
                "2025-06-30→2025-06-30", "2025-09-30→2025-09-30", "2025-12-31→2025-12-31", "2026-03-31→2026-03-31",
                "2026-06-30→2026-06-30", "2026-09-30→2026-09-30", "2026-12-31→2026-12-31",
            ])
    }

    @Test func weeklyRuleGivesEveryWeekday() {
        let until = CivilDate(year: 2025, month: 5, day: 10)!
        #expect(
            Self.dues(.recurring(.weekly(.friday), from: nil, until: until)) == [
                "2025-04-18→2025-04-18", "2025-04-25→2025-04-25", "2025-05-02→2025-05-02", "2025-05-09→2025-05-09",
            ])
    }

    @Test func undatedWorkIsListedOnlyWhenAsked() {
        let configuration = Self.configuration(.onRequest(by: "Văn phòng Chính phủ", date: nil))
        let schedule = Schedule(configuration: configuration)
        #expect(schedule.occurrences(from: Self.period.lowerBound, through: Self.period.upperBound).isEmpty)
        let all = schedule.occurrences(
            from: Self.period.lowerBound, through: Self.period.upperBound, filter: .init(includeUndated: true))
        #expect(all.count == 1)
        #expect(all.first?.due == nil)
    }
}
