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

    @Test func footerOffersTheAgencysCalendarInBothFormsOnlyWithAFeed() throws {
        let (renderer, digests) = try Self.digests(on: CivilDate(year: 2026, month: 6, day: 10)!, agency: "so-tu-phap")
        let digest = try #require(digests.first)
        let settings = HTTPSettings(
            listen: .tcp(host: "127.0.0.1", port: 8080), publicURL: "https://nhacviec.gialai.gov.vn")
        let token = AccessToken.generate(.feed)
        let calendar = FeedLinks(token: token, settings: settings)
        #expect(calendar.https == "https://nhacviec.gialai.gov.vn/cal/\(token.text).ics")
        #expect(calendar.webcal == "webcal://nhacviec.gialai.gov.vn/cal/\(token.text).ics")
        let message = renderer.render(digest, links: AcknowledgementLinks(calendar: calendar))
        #expect(message.text.contains("Thêm vào lịch"))
        #expect(message.text.contains("  \(calendar.webcal)\n"))
        #expect(message.text.contains("Google Calendar (Thêm lịch khác → Từ URL): \(calendar.https)"))
        #expect(message.html.contains("<a href=\"\(calendar.webcal)\">"))
        #expect(message.html.contains("<a href=\"\(calendar.https)\">"))
        let plain = renderer.render(digest)
        #expect(!plain.text.contains("Thêm vào lịch"))
        #expect(!plain.html.contains("Thêm vào lịch"))
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

extension MessageRendererTests {
    /// The fixture plan with a second task of 949/KH-UBND that is also due 15/6/2026 for Sở Tư pháp.
    static let planWithTwoTasksDue =
        ConfigFixtures.plan + """

              - id: "2.1"
                title: "Công bố TTHC nội bộ"
                lead: [so-tu-phap]
                milestones:
                  - { id: bao-cao, who: lead, to: vp-ubnd, due: "15/6/2026" }
            """

    static let otherPlan = """
        plan: { id: "25/KH-UBND", title: "Kế hoạch chuyển đổi số năm 2026", issued: 2026-01-05, period: { from: 2026-01-05, until: 2026-12-31 } }
        tasks:
          - id: "3"
            title: "Báo cáo chuyển đổi số"
            lead: [so-tu-phap]
            milestones:
              - { id: bao-cao, who: lead, to: vp-ubnd, due: "15/6/2026" }
        """

    /// The message `agency` gets on `date`, with a link on every item when `links` is set.
    static func message(
        on date: CivilDate = CivilDate(year: 2026, month: 6, day: 10)!, agency: String = "so-tu-phap",
        plan: String = ConfigFixtures.plan, morePlans: [String] = [], links: Bool = false
    ) throws -> RenderedMessage {
        let configuration = try ConfigFixtures.compile(plan: plan, morePlans: morePlans)
        let reminders = ReminderPlanner(configuration: configuration).reminders(
            from: date, through: date, agency: AgencyID(agency))
        let digest = try #require(Digest.group(reminders).first)
        let renderer = MessageRenderer(configuration: configuration, templates: try templates())
        guard links else { return renderer.render(digest) }
        let urls = Dictionary(uniqueKeysWithValues: digest.items.map { ($0.key, "https://nhacviec.example/a/nva_1") })
        return renderer.render(digest, links: AcknowledgementLinks(items: urls))
    }

    @Suite("The email speaks the plan's language, not nhacviec's")
    struct PlanWording {
        /// Task 1.2.a with the plan's own section number, as the shipped 949/KH-UBND writes it.
        static let planWithSection = ConfigFixtures.plan.replacingOccurrences(
            of: "    title: \"Cắt giảm TTHC\"", with: "    section: \"III.1.2.a\"\n    title: \"Cắt giảm TTHC\"")

        @Test func itemIsNumberedAsThePlanNumbersItWithoutMilestoneIDs() throws {
            let message = try MessageRendererTests.message(plan: Self.planWithSection)
            #expect(message.subject == "Nhắc việc: Cắt giảm TTHC (Kế hoạch 949/KH-UBND, mục III.1.2.a) – hạn 15/6/2026")
            #expect(message.text.contains("\n  Mục: III.1.2.a\n"))
            #expect(message.html.contains(">Mục</td><td style=\"padding: 4px 6px;\">III.1.2.a</td>"))
            #expect(!message.text.contains("gui-vp") && !message.html.contains("gui-vp"))
        }

        @Test func taskWithoutASectionIsNumberedByItsID() throws {
            let message = try MessageRendererTests.message()
            #expect(message.text.contains("\n  Mục: 1.2.a\n"))
            #expect(!message.text.contains("1.2.a / gui-vp"))
        }

        @Test func longPlanTitleIsPrintedOnceAboveTheItemsOfThatPlan() throws {
            let title = "Kế hoạch triển khai thực hiện Nghị quyết số 66/NQ-CP về cắt giảm, đơn giản hóa TTHC"
            let plan = Self.withTitle(title, MessageRendererTests.planWithTwoTasksDue)
            let message = try MessageRendererTests.message(plan: plan, morePlans: [MessageRendererTests.otherPlan])
            #expect(message.subject == "Nhắc việc: 3 nhiệm vụ của Sở Tư pháp – hạn gần nhất 15/6/2026")
            for text in [message.text, message.html] {
                #expect(text.components(separatedBy: title).count == 2)
                #expect(text.components(separatedBy: "Kế hoạch chuyển đổi số năm 2026").count == 2)
            }
            let plans = message.text.components(separatedBy: "\nKế hoạch ").dropFirst()
            #expect(plans.map { String($0.prefix { $0 != ":" }) } == ["25/KH-UBND", "949/KH-UBND"])
            #expect(plans.first?.contains("Báo cáo chuyển đổi số") == true)
            #expect(plans.last?.contains("Cắt giảm TTHC") == true)
            #expect(plans.last?.contains("Công bố TTHC nội bộ") == true)
            #expect(message.html.components(separatedBy: "<h3").count == 3)
        }

        @Test(arguments: [
            (CivilDate(year: 2026, month: 6, day: 10)!, "so-tu-phap"),
            (CivilDate(year: 2026, month: 6, day: 18)!, "vp-ubnd"),
        ])
        func htmlTitleIsTheSubject(date: CivilDate, agency: String) throws {
            let message = try MessageRendererTests.message(on: date, agency: agency)
            #expect(message.html.contains("<title>\(message.subject)</title>"))
        }

        @Test func htmlTitleOfAManyItemDigestIsItsSubject() throws {
            let message = try MessageRendererTests.message(plan: MessageRendererTests.planWithTwoTasksDue)
            #expect(
                message.html.contains("<title>Nhắc việc: 2 nhiệm vụ của Sở Tư pháp – hạn gần nhất 15/6/2026</title>"))
        }

        @Test func receiptNumbersTheTaskTheSameWayAndItsHTMLTitleIsItsSubject() throws {
            let configuration = try ConfigFixtures.compile(plan: Self.planWithSection)
            let date = CivilDate(year: 2026, month: 6, day: 10)!
            let agency = AgencyID("so-tu-phap")
            let reminders = ReminderPlanner(configuration: configuration).reminders(
                from: date, through: date, agency: agency)
            let occurrence = try #require(reminders.first).occurrence
            let receipt = MessageRenderer(configuration: configuration, templates: try MessageRendererTests.templates())
                .renderReceipt(
                    OccurrenceContext.values(occurrence: occurrence, agency: agency, configuration: configuration))
            #expect(
                receipt.subject
                    == "Đã ghi nhận hoàn thành: Cắt giảm TTHC (Kế hoạch 949/KH-UBND, mục III.1.2.a) – hạn 15/6/2026")
            #expect(receipt.text.contains("\n  Mục: III.1.2.a\n"))
            #expect(receipt.html.contains("<title>\(receipt.subject)</title>"))
            #expect(receipt.text.contains("xin báo ngay Văn phòng UBND tỉnh để huỷ ghi nhận."))
        }

        static func withTitle(_ title: String, _ plan: String) -> String {
            plan.replacingOccurrences(of: "title: \"Kế hoạch\"", with: "title: \"\(title)\"")
        }
    }

    @Suite("The footer names the office the plan says reports go to")
    struct ReportOfficeFooter {
        static let planReportingToKHCN = ConfigFixtures.plan.replacingOccurrences(
            of: "to: vp-ubnd", with: "to: so-khcn")

        @Test func withoutLinksTheAgencyIsToldToReportToThatOffice() throws {
            let message = try MessageRendererTests.message(plan: Self.planReportingToKHCN)
            #expect(message.text.contains("đơn vị đã hoàn thành xin báo lại Sở Khoa học và Công nghệ để dừng nhắc."))
            #expect(message.html.contains("đơn vị đã hoàn thành xin báo lại Sở Khoa học và Công nghệ để dừng nhắc."))
            #expect(!message.text.contains("Văn phòng UBND tỉnh"))
        }

        @Test func withLinksTheFooterStillNamesTheOfficeAndEveryLinkStays() throws {
            let message = try MessageRendererTests.message(plan: Self.planReportingToKHCN, links: true)
            #expect(message.text.contains("xin liên hệ Sở Khoa học và Công nghệ."))
            #expect(message.html.contains("xin liên hệ Sở Khoa học và Công nghệ."))
            #expect(message.text.contains("  Báo cáo đã hoàn thành: https://nhacviec.example/a/nva_1\n"))
            #expect(message.html.contains("<a href=\"https://nhacviec.example/a/nva_1\""))
        }

        @Test func anEscalationToTheOfficeItselfDoesNotTellItToReportToItself() throws {
            let message = try MessageRendererTests.message(
                on: CivilDate(year: 2026, month: 6, day: 18)!, agency: "vp-ubnd")
            #expect(message.text.contains("đơn vị đã hoàn thành xin trả lời thư này để dừng nhắc."))
            #expect(!message.text.contains("báo lại Văn phòng UBND tỉnh"))
        }
    }
}
