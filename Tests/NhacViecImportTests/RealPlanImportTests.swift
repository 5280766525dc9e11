import Foundation
import NhacViecConfigFiles
import NhacViecCore
import NhacViecImport
import Testing

@Suite("Importing the real plans of Gia Lai, Đồng Tháp and Sơn La")
struct RealPlanImportTests {
    static let gialai = "plan/949-KH-UBND.md"
    static let others = ["plans/617-KH-UBND-Dong-Thap.txt", "plans/2954-QD-UBND-Son-La.txt"]

    /// Imports `document` and loads it as the only plan of a copy of the shipped config, as `check` would.
    static func load(_ document: URL) throws -> (ImportedPlan, LoadedConfiguration) {
        let plan = PlanImporter(directory: try Fixtures.shippedDirectory())
            .importPlan(try PlanDocumentReader.read(path: document.path), name: "plan")
        let draft = PlanDraftWriter(plan: plan, source: document.lastPathComponent).render()
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(
            at: Fixtures.repositoryRoot.appendingPathComponent("Config"), to: directory.appendingPathComponent("Config")
        )
        let plans = directory.appendingPathComponent("Config/plans")
        try FileManager.default.removeItem(at: plans.appendingPathComponent("949-KH-UBND.yaml"))
        try draft.write(to: plans.appendingPathComponent("imported.yaml"), atomically: true, encoding: .utf8)
        do {
            return (plan, try ConfigLoader.load(path: directory.appendingPathComponent("Config/nhacviec.yaml").path))
        } catch {
            Issue.record("the draft does not pass check:\n\(error)\n\(draft)")
            throw error
        }
    }

    /// `task due-date` of every deadline in 2025–2026, the way `upcoming --format json` lists them.
    static func dueDates(_ configuration: Configuration) -> [String] {
        Schedule(configuration: configuration).occurrences(
            from: CivilDate(year: 2025, month: 1, day: 1)!, through: CivilDate(year: 2026, month: 12, day: 31)!
        ).filter { !$0.isStart }.compactMap { occurrence in occurrence.due.map { "\(occurrence.task.id) \($0.iso8601)" }
        }
    }

    @Test(.enabled(if: Fixtures.sharedFile(gialai) != nil, "../shared/plan/949-KH-UBND.md is absent: skipped"))
    func gialaiPlanRoundTripsToTheHandWrittenDeadlines() throws {
        let (plan, imported) = try Self.load(try #require(Fixtures.sharedFile(Self.gialai)))
        let shipped = try ConfigLoader.load(
            path: Fixtures.repositoryRoot.appendingPathComponent("Config/nhacviec.yaml").path)
        let handTasks = try #require(shipped.configuration.plans.first).tasks
        let importedTasks = try #require(imported.configuration.plans.first).tasks
        #expect(plan.id == "949/KH-UBND")
        #expect(plan.issuer == "UBND tỉnh Gia Lai")
        #expect(importedTasks.map(\.id) == handTasks.map(\.id))
        let directory = shipped.configuration.directory
        for (hand, draft) in zip(handTasks, importedTasks) {
            #expect(directory.expand(draft.lead) == directory.expand(hand.lead), "lead of \(hand.id)")
        }
        var expected = Self.dueDates(shipped.configuration)
        let actual = Self.dueDates(imported.configuration)
        var matched = 0
        for date in actual {
            if let index = expected.firstIndex(of: date) {
                expected.remove(at: index)
                matched += 1
            }
        }
        let total = max(Self.dueDates(shipped.configuration).count, actual.count)
        let share = Double(matched) / Double(total)
        print("949/KH-UBND round trip: \(matched) of \(total) due dates of 2025–2026 match (\(Int(share * 100))%)")
        #expect(share >= 0.95, "missing: \(expected)")
    }

    @Test(arguments: others)
    func otherProvincesPlansGiveDraftsThatPassCheck(path: String) throws {
        guard let document = Fixtures.sharedFile(path) else {
            print("../shared/\(path) is absent: skipped")
            return
        }
        let (plan, loaded) = try Self.load(document)
        let summary = PlanDraftWriter(plan: plan, source: path).summary
        print(summary)
        #expect(plan.tasks.count >= 10)
        #expect(plan.deadlinesUnderstood >= 3)
        #expect(loaded.configuration.plans.first?.tasks.count == plan.tasks.count)
    }
}
