import Foundation
import Testing

@Suite("nhacviec import")
struct ImportCommandTests {
    static let dongThap = CommandRunner.repositoryRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/plans/617-KH-UBND-Dong-Thap.txt")

    @Test(
        .enabled(
            if: FileManager.default.fileExists(atPath: dongThap.path),
            "../shared/plans/617-KH-UBND-Dong-Thap.txt is absent: skipped"))
    func draftOfARealPlanPassesCheckWithWarningsAndFailsStrictCheck() throws {
        let directory = try CommandRunner.copyOfShippedConfig()
        defer { try? FileManager.default.removeItem(at: directory) }
        let imported = try CommandRunner.run(
            ["import", Self.dongThap.path, "-o", "Config/plans/617-KH-UBND.yaml"], in: directory)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.hasPrefix("617/KH-UBND: "), "\(imported.stderr)")
        let draft = try String(
            contentsOf: directory.appendingPathComponent("Config/plans/617-KH-UBND.yaml"), encoding: .utf8)
        #expect(draft.contains("due: { by: quarter, quarter: 4, year: 2025 }"))
        #expect(draft.contains("text: \"Quí IV-2025\""))
        let check = try CommandRunner.run(["check"], in: directory)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr.contains("warning: "))
        let strict = try CommandRunner.run(["check", "--strict"], in: directory)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("treated as error"))
        let again = try CommandRunner.run(
            ["import", Self.dongThap.path, "-o", "Config/plans/617-KH-UBND.yaml"], in: directory)
        #expect(again.status != 0)
        #expect(again.stderr.contains("--force"))
    }

    @Test func anUnknownKindOfFileSaysWhichOnesAreRead() throws {
        let directory = try CommandRunner.copyOfShippedConfig()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("x".utf8).write(to: directory.appendingPathComponent("plan.doc"))
        let result = try CommandRunner.run(["import", "plan.doc"], in: directory)
        #expect(result.status != 0)
        #expect(result.stderr.contains(".docx"))
    }
}
