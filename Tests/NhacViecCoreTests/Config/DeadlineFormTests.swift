import Testing

@testable import NhacViecCore

@Suite("Deadline forms of real plans in due:, with starts: and warnings for days left open")
struct DeadlineFormTests {
    static func plan(_ milestones: String) -> String {
        """
        plan: { id: "617/KH-UBND", title: "Kế hoạch", issued: 2025-12-01, period: { from: 2025-12-01, until: 2026-12-31 } }
        tasks:
          - id: "1"
            title: "Xây dựng bộ tiêu chí"
            lead: [so-khcn]
            milestones:
        \(milestones)
        """
    }

    static func compile(_ milestones: String) throws(ConfigErrors) -> (Configuration, [ConfigDiagnostic]) {
        let result = try ConfigCompiler.compile(
            main: ConfigSource(path: "Config/nhacviec.yaml", text: ConfigFixtures.main),
            included: [
                ConfigSource(path: "Config/agencies.yaml", text: ConfigFixtures.agencies),
                ConfigSource(path: "Config/plans/p.yaml", text: plan(milestones)),
            ])
        return (result.configuration, result.warnings)
    }

    static func dues(_ configuration: Configuration) -> [String] {
        Schedule(configuration: configuration).occurrences(
            from: CivilDate(year: 2025, month: 12, day: 1)!, through: CivilDate(year: 2026, month: 12, day: 31)!
        ).map { "\($0.isStart ? "start " : "")\($0.due!.iso8601)" }
    }

    @Test func quarterMonthAndYearEndsAreTheirLastWorkingDays() throws {
        let (configuration, warnings) = try Self.compile(
            """
                  - { id: q, who: lead, due: { by: quarter, quarter: 1, year: 2026 }, text: "Quý I/2026" }
                  - { id: m, who: lead, due: { by: month, month: 5, year: 2026 }, text: "Tháng 5/2026" }
                  - { id: y, who: lead, due: { by: year, year: 2026 }, text: "Năm 2026" }
            """)
        #expect(warnings.isEmpty)
        // 31/3/2026 is a Tuesday; 31/5/2026 a Sunday; 31/12/2026 a Thursday.
        #expect(Self.dues(configuration) == ["2026-03-31", "2026-05-29", "2026-12-31"])
        #expect(
            configuration.plans[0].tasks[0].milestones.map(\.due.summary) == [
                "by end of Q1/2026", "by end of 5/2026", "by end of 2026",
            ])
    }

    @Test func severalDatesAYearInOneRule() throws {
        let (configuration, _) = try Self.compile(
            """
                  - { id: bc, who: lead, due: { every: year, date: ["1/6", "15/11"] } }
            """)
        #expect(Self.dues(configuration) == ["2026-06-01", "2026-11-13"])
    }

    @Test func aStartShowsInUpcomingAndSendsABatDauThucHienNotice() throws {
        let (configuration, _) = try Self.compile(
            """
                  - { id: kk, who: lead, due: 2026-03-31, starts: 2026-01-01, text: "Từ ngày 01/01/2026 đến ngày 31/3/2026" }
            """)
        // 1/1/2026 is New Year's Day: the start notice goes out on the next working day.
        #expect(Self.dues(configuration) == ["start 2026-01-02", "2026-03-31"])
        let reminders = ReminderPlanner(configuration: configuration).reminders(
            from: CivilDate(year: 2026, month: 1, day: 1)!, through: CivilDate(year: 2026, month: 1, day: 31)!)
        #expect(reminders.map(\.kind) == [.start])
        #expect(reminders.first?.occurrence.due == CivilDate(year: 2026, month: 3, day: 31))
        #expect(MessageRenderer.label(.start) == "Bắt đầu thực hiện")
    }

    @Test func ongoingWorkWithAStartAndAnEventKeepTheirWords() throws {
        let (configuration, _) = try Self.compile(
            """
                  - { id: tk, who: lead, due: ongoing, starts: 2026-01-15, text: "Từ tháng 01/2026 đến khi kết thúc Tổng kiểm kê" }
                  - { id: nd, who: lead, due: { when: "Sau khi Nghị định … ban hành" } }
            """)
        let milestones = configuration.plans[0].tasks[0].milestones
        #expect(milestones[1].due == .onEvent("Sau khi Nghị định … ban hành", date: nil))
        #expect(Self.dues(configuration) == ["start 2026-01-15"])
    }

    @Test func aDayThePlanLeavesOpenIsAWarningNamingThePhrase() throws {
        let (configuration, warnings) = try Self.compile(
            """
                  - { id: bc, who: lead, due: { every: quarter }, text: "Định kỳ hằng quý báo cáo" }
            """)
        #expect(
            warnings.map(\.description) == [
                "Config/plans/p.yaml:7:35: warning: 'Định kỳ hằng quý báo cáo' leaves the day of this rule open; reminders use month: 3, day: 20 until you set it (write the day your province's reporting rules set, e.g. { every: quarter, month: 3, day: 20 })"
            ])
        // 20/12/2025, the quarter's last month, is a Saturday.
        #expect(Self.dues(configuration).prefix(2) == ["2025-12-19", "2026-03-20"])
    }

    @Test func aStartAfterTheDeadlineIsAnError() {
        #expect(throws: ConfigErrors.self) {
            try Self.compile(
                """
                      - { id: kk, who: lead, due: 2026-03-31, starts: 2026-04-01 }
                """)
        }
    }
}
