import Foundation
import Testing

@Suite("nhacviec done resolves what it can and says what it chose")
struct DoneCommandTests {
    /// A copy of the shipped config with a second plan whose only task is "1".
    static func twoPlans() throws -> URL {
        let directory = try CommandRunner.copyOfShippedConfig()
        let plan = """
            plan: { id: "12/KH-UBND", title: "Kế hoạch thử", issuer: "UBND tỉnh Gia Lai", issued: 2026-01-05, period: { from: 2026-01-05, until: 2026-12-31 } }
            tasks:
              - id: "1"
                title: "Báo cáo chuyển đổi số"
                lead: [so-khcn]
                milestones:
                  - { id: bao-cao, who: lead, due: 2026-12-15, text: "Gửi báo cáo trước ngày 15/12/2026." }
              - id: "VI.1"
                title: "Báo cáo tháng"
                lead: [so-khcn]
                milestones:
                  - { id: bao-cao-thang, who: lead, due: { every: month, day: 20 } }
            """
        try plan.write(
            to: directory.appendingPathComponent("Config/plans/12-KH-UBND.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    @Test func aTaskInOnlyOnePlanNeedsNoPlanOption() throws {
        let directory = try Self.twoPlans()
        defer { try? FileManager.default.removeItem(at: directory) }
        let done = try CommandRunner.run(
            ["done", "--task", "1", "--milestone", "bao-cao", "--agency", "so-khcn"], in: directory)
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.stdout.contains("Recorded: so-khcn delivered 12/KH-UBND 1/bao-cao due 15/12/2026"))
        #expect(done.stdout.contains("No --occurrence given: chose the one due 15/12/2026"))
        let ambiguous = try CommandRunner.run(
            ["done", "--task", "VI.1", "--milestone", "bao-cao-thang", "--agency", "so-khcn"], in: directory)
        #expect(ambiguous.status != 0)
        #expect(
            ambiguous.stderr.contains(
                "task 'VI.1' is in several plans; choose one with --plan (12/KH-UBND, 949/KH-UBND)"),
            "\(ambiguous.stderr)")
    }

    @Test func aGroupIsRefusedWithItsSize() throws {
        let done = try CommandRunner.run([
            "done", "--config", CommandRunner.shippedConfig, "--task", "VI.1", "--milestone", "bao-cao-thang",
            "--agency", "so-ban-nganh",
        ])
        #expect(done.status != 0)
        #expect(done.stderr.contains("'so-ban-nganh' is a group of 14 agencies; name one (bql-kkt, "), "\(done.stderr)")
    }
}
