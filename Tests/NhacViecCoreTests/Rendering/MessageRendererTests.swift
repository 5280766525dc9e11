import Foundation
import Testing

@testable import NhacViecCore

@Suite("Reminder messages read like a letter from the provincial office")
struct MessageRendererTests {
    static let templatesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Config/templates")

    static func templates() throws -> MessageTemplates {
        func source(_ name: String) throws -> ConfigSource {
            ConfigSource(
                path: "Config/templates/" + name,
                text: try String(contentsOf: templatesDirectory.appendingPathComponent(name), encoding: .utf8))
        }
        var sources: [MessageTemplates.Name: ConfigSource] = [:]
        for name in MessageTemplates.Name.allCases { sources[name] = try source(name.rawValue) }
        return try MessageTemplates(sources: sources)
    }

    static func digests(on date: CivilDate, agency: String) throws -> (MessageRenderer, [Digest]) {
        let configuration = try ConfigFixtures.compile()
        let reminders = ReminderPlanner(configuration: configuration).reminders(
            from: date, through: date, agency: AgencyID(agency))
        return (MessageRenderer(configuration: configuration, templates: try templates()), Digest.group(reminders))
    }

    @Test func singleReminderNamesTheTaskTheDueDateAndTheWorkingDaysLeft() throws {
        let (renderer, digests) = try Self.digests(on: CivilDate(year: 2026, month: 6, day: 10)!, agency: "so-tu-phap")
        let digest = try #require(digests.first)
        let message = renderer.render(digest)
        #expect(message.subject == "Nhắc việc: Cắt giảm TTHC (Kế hoạch 949/KH-UBND, mục 1.2.a) – hạn 15/6/2026")
        #expect(message.text.contains("Kính gửi: Sở Tư pháp"))
        #expect(message.text.contains("Hạn hoàn thành: Thứ Hai, ngày 15/6/2026 (còn 3 ngày làm việc)"))
        #expect(message.text.contains("Gửi về: Văn phòng UBND tỉnh"))
        #expect(message.text.contains("“Gửi phương án trước ngày 15/6 hàng năm.”"))
        #expect(message.html.contains("<strong>Thứ Hai, ngày 15/6/2026</strong> (còn 3 ngày làm việc)"))
    }

    @Test func subjectStaysTheSameAcrossTheRemindersOfOneDeadline() throws {
        var subjects: Set<String> = []
        for day in [4, 10, 12, 15] {
            let (renderer, digests) = try Self.digests(
                on: CivilDate(year: 2026, month: 6, day: day)!, agency: "so-tu-phap")
            subjects.insert(renderer.render(try #require(digests.first)).subject)
        }
        #expect(subjects.count == 1)
    }

    @Test func escalationListsTheAgenciesThatHaveNotReported() throws {
        let (renderer, digests) = try Self.digests(on: CivilDate(year: 2026, month: 6, day: 18)!, agency: "vp-ubnd")
        let message = renderer.render(try #require(digests.first))
        #expect(message.subject == "Báo cáo quá hạn: 1 nhiệm vụ chưa hoàn thành")
        #expect(message.text.contains("Đơn vị chưa hoàn thành:\n    - Sở Khoa học và Công nghệ\n    - Sở Tư pháp"))
    }

    @Test func htmlEscapesConfigText() throws {
        let plan = ConfigFixtures.plan.replacingOccurrences(
            of: "title: \"Cắt giảm TTHC\"", with: "title: \"<b>Cắt giảm</b> & TTHC\"")
        let configuration = try ConfigFixtures.compile(plan: plan)
        let date = CivilDate(year: 2026, month: 6, day: 10)!
        let reminders = ReminderPlanner(configuration: configuration).reminders(
            from: date, through: date, agency: AgencyID("so-tu-phap"))
        let message = MessageRenderer(configuration: configuration, templates: try Self.templates()).render(
            try #require(Digest.group(reminders).first))
        #expect(message.html.contains("&lt;b&gt;Cắt giảm&lt;/b&gt; &amp; TTHC"))
        #expect(message.text.contains("<b>Cắt giảm</b> & TTHC"))
    }

    @Test func brokenTemplateIsReportedWithItsLine() throws {
        var sources: [MessageTemplates.Name: ConfigSource] = [:]
        for name in MessageTemplates.Name.allCases { sources[name] = ConfigSource(path: name.rawValue, text: "ok") }
        sources[.text] = ConfigSource(path: "t.mustache", text: "a\n{{#items}}\nb")
        let error = try #require(throws: ConfigErrors.self) { try MessageTemplates(sources: sources) }
        #expect(error.diagnostics.map { $0.location?.file } == ["t.mustache"])
    }

    @Test func digestKeyIsStableAndDependsOnItsItems() throws {
        let (_, first) = try Self.digests(on: CivilDate(year: 2026, month: 6, day: 10)!, agency: "so-tu-phap")
        let (_, again) = try Self.digests(on: CivilDate(year: 2026, month: 6, day: 10)!, agency: "so-tu-phap")
        let (_, other) = try Self.digests(on: CivilDate(year: 2026, month: 6, day: 12)!, agency: "so-tu-phap")
        #expect(first.map(\.key) == again.map(\.key))
        #expect(first.first?.key != other.first?.key)
    }
}
