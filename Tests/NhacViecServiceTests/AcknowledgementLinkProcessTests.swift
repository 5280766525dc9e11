import Foundation
import NhacViecCore
import NhacViecStore
import Testing

/// The link in a reminder, followed by hand: the daemon on a copy of the shipped config (plan 949/KH-UBND) with its
/// web server on a loopback port, the reminder read from the outbox, the page fetched and posted like a browser
/// does, and (in one test) pressed in a real headless Chromium.
@Suite("An agency reports done through the link in its reminder", .serialized)
struct AcknowledgementLinkProcessTests {
    /// Monday 15/6/2026, 08:00: VI.1/bao-cao-thang (monthly report, day 15) and 1.2.a/gui-vp are due for every
    /// "sở, ban, ngành"; each gets one digest with both items.
    static let dueMorning = "2026-06-15T08:00:05+07:00"
    /// Wednesday 17/6: the first overdue reminder (overdue_every: 2 working days).
    static let overdueMorning = "2026-06-17T08:00:05+07:00"
    /// Thursday 18/6: the escalation to Văn phòng UBND tỉnh (escalate_after: 3 working days).
    static let escalationMorning = "2026-06-18T08:00:05+07:00"
    static let agency = "so-tu-phap"
    static let agencyName = "Sở Tư pháp"
    static let address = "so-tu-phap@gialai.example"
    static let supervisorAddress = "vp-ubnd@gialai.example"
    /// The item acknowledged, as its plain-text part numbers it, in the plan's own words ("Mục: VI.1").
    static let item = "VI.1"
    /// The item left open: its reminders must go on.
    static let otherItem = "III.1.2.a"

    /// The daemon on the shipped config at `dueMorning`, once its first pass has written the reminders.
    final class RunningService {
        let scratch: Scratch
        let config: ShippedConfig
        let daemon: Daemon
        let notify: NotifySocket

        init() throws {
            scratch = try Scratch()
            config = try ShippedConfig(scratch: scratch)
            (daemon, notify) = try Daemon.serve(
                configPath: config.configPath, now: AcknowledgementLinkProcessTests.dueMorning, in: scratch)
            guard notify.receive(until: { $0.contains("READY=1") }) != nil,
                notify.receive(until: { $0.hasPrefix("STATUS=") }, timeout: .seconds(120)) != nil
            else { throw SetupError("the daemon did not finish its first pass:\n\(daemon.log)") }
        }

        /// The link of `item` in the reminder to `address`, from its plain-text part; the HTML part must carry the
        /// same link behind the button.
        func link(to address: String, item: String) throws -> String {
            let reminder = try #require(try config.messages().first { $0.recipients == [address] })
            #expect(reminder.defects.isEmpty, "\(reminder.defects)")
            let text = try #require(
                AcknowledgementLinkProcessTests.itemText(item, in: reminder.plainText),
                "no item \(item) in:\n\(reminder.plainText)")
            let prefix = "Báo cáo đã hoàn thành: "
            let line = try #require(text.split(separator: "\n").first { $0.contains(prefix) }, "no link in:\n\(text)")
            let link = String(line[line.range(of: prefix)!.upperBound...]).trimmingCharacters(in: .whitespaces)
            #expect(link.hasPrefix(config.publicURL + "/a/nva_"), "\(link)")
            #expect(reminder.html.contains("href=\"\(link)\""), "the HTML part lacks \(link)")
            #expect(reminder.html.contains("Báo cáo đã hoàn thành"))
            return link
        }

        func acknowledgements() async throws -> [Acknowledgement] {
            try await Ledger(path: config.ledgerPath).acknowledgements(limit: 100)
        }

        func stop() {
            daemon.signal(SIGTERM)
            #expect(daemon.wait() == 0, "\(daemon.log)")
        }
    }

    /// One item of a digest's plain text: from its "Mục: <item>" line up to the next item's.
    static func itemText(_ item: String, in text: String) -> String? {
        guard let start = text.range(of: "Mục: \(item)\n") else { return nil }
        let end = text[start.upperBound...].range(of: "Mục: ")?.lowerBound ?? text.endIndex
        return String(text[start.lowerBound..<end])
    }

    /// The hidden `form` field of a confirmation page.
    static func formValue(in page: String) throws -> String {
        let pattern = try Regex(#"<input type="hidden" name="form" value="([0-9a-f]+)">"#)
        let match = try #require(page.firstMatch(of: pattern), "no hidden form field in:\n\(page)")
        return String(try #require(match.output[1].substring))
    }

    @Test func followingTheLinkThenConfirmingStopsThatAgencysRemindersAndSendsAReceipt() async throws {
        let service = try RunningService()
        let link = try service.link(to: Self.address, item: Self.item)

        // Opening the link (as a mail scanner or a curious clerk does) shows the page and changes nothing.
        for _ in 0..<5 {
            let page = try await LoopbackHTTP.request("GET", link)
            #expect(page.status == 200)
            #expect(page.body.contains(Self.agencyName))
            #expect(page.body.contains("Xác nhận đã hoàn thành"))
        }
        #expect(try await LoopbackHTTP.request("HEAD", link).status == 200)
        #expect(try await service.acknowledgements().isEmpty)
        let page = try await LoopbackHTTP.request("GET", link)
        #expect(page.header("Cache-Control") == "no-store")
        for fact in ["VI.1", "Định kỳ hằng tháng báo cáo", "15/6/2026", "949/KH-UBND", "Người báo cáo"] {
            #expect(page.body.contains(fact), "the page does not show \(fact)")
        }
        let mailsBefore = try service.config.outboxFiles()

        let posted = try await LoopbackHTTP.postForm(
            link,
            fields: [
                ("form", try Self.formValue(in: page.body)), ("reporter", "Trần Văn Bình"),
                ("note", "Công văn số 45/STP-VP ngày 12/6/2026"),
            ])
        #expect(posted.status == 303)
        let location = try #require(posted.header("Location"))
        #expect(link.hasSuffix(location), "303 to \(location), not back to the page")
        let receiptPage = try await LoopbackHTTP.request("GET", link)
        #expect(receiptPage.body.contains("Đã ghi nhận lúc"))
        #expect(receiptPage.body.contains("Trần Văn Bình"))
        #expect(!receiptPage.body.contains("Xác nhận đã hoàn thành"), "the form is still offered after recording")

        let recorded = try await service.acknowledgements()
        #expect(recorded.count == 1)
        let acknowledgement = try #require(recorded.first)
        #expect(acknowledgement.agency.rawValue == Self.agency)
        #expect(acknowledgement.occurrenceKey == "949/KH-UBND:VI.1:bao-cao-thang:2026-06-15")
        #expect(acknowledgement.source == .link)
        #expect(acknowledgement.reporter == "Trần Văn Bình")
        #expect(acknowledgement.note == "Công văn số 45/STP-VP ngày 12/6/2026")

        // The running daemon writes the receipt within seconds.
        var receipt: OutboxMessage?
        #expect(
            try eventually(timeout: .seconds(30)) {
                receipt = try service.config.messages(except: mailsBefore).first
                return receipt != nil
            }, "no receipt in the outbox:\n\(service.daemon.log)")
        #expect(receipt?.recipients == [Self.address])
        #expect(receipt?.subject?.hasPrefix("Đã ghi nhận") == true, "\(receipt?.subject ?? "")")
        #expect(receipt?.plainText.contains("Công văn số 45/STP-VP ngày 12/6/2026") == true)
        service.stop()

        // status and upcoming show how it was reported, by whom, with the note.
        let config = ["--config", service.config.configPath]
        let status = try AdminCommandTests.json(try Daemon.run(["status", "--format", "json"] + config).output)
        let reported = try #require((status["acknowledgements"] as? [[String: Any]])?.first)
        #expect(reported["agency"] as? String == Self.agency)
        #expect(reported["source"] as? String == "link")
        #expect(reported["reporter"] as? String == "Trần Văn Bình")
        #expect(reported["note"] as? String == "Công văn số 45/STP-VP ngày 12/6/2026")
        let upcoming = try Daemon.run(
            ["upcoming", "--from", "2026-06-15", "--to", "2026-06-15", "--format", "json"] + config)
        let lines = try #require(
            try JSONSerialization.jsonObject(with: Data(upcoming.output.utf8)) as? [[String: Any]], "\(upcoming.output)"
        )
        let monthly = try #require(lines.first { $0["task"] as? String == "VI.1" })
        let reports = try #require(monthly["reports"] as? [[String: Any]], "\(monthly)")
        #expect(reports.map { $0["agency"] as? String } == [Self.agency])
        #expect(reports.first?["source"] as? String == "link")

        // Two days later the overdue reminders go out: Sở Tư pháp's names only the item it did not report.
        let beforeOverdue = try service.config.outboxFiles()
        _ = try ServiceProcessTests.once(configPath: service.config.configPath, at: Self.overdueMorning)
        let overdue = try service.config.messages(except: beforeOverdue)
        let toAgency = try #require(overdue.first { $0.recipients == [Self.address] }, "no overdue reminder at all")
        #expect(Self.itemText(Self.otherItem, in: toAgency.plainText) != nil, "\(toAgency.plainText)")
        #expect(Self.itemText(Self.item, in: toAgency.plainText) == nil, "\(toAgency.plainText)")
        #expect(
            overdue.contains { $0.recipients != [Self.address] && Self.itemText(Self.item, in: $0.plainText) != nil },
            "the agencies that did not report get no overdue reminder for \(Self.item)")

        // The next day's escalation lists the agencies still overdue on VI.1, and Sở Tư pháp no longer.
        let beforeEscalation = try service.config.outboxFiles()
        _ = try ServiceProcessTests.once(configPath: service.config.configPath, at: Self.escalationMorning)
        let escalation = try #require(
            try service.config.messages(except: beforeEscalation).first { $0.recipients == [Self.supervisorAddress] },
            "no escalation digest")
        let overdueAgencies = try #require(
            Self.itemText(Self.item, in: escalation.plainText), "\(escalation.plainText)")
        #expect(overdueAgencies.contains("Đơn vị chưa hoàn thành:"))
        #expect(!overdueAgencies.contains("- \(Self.agencyName)\n"), "\(overdueAgencies)")
        #expect(overdueAgencies.contains("- Sở Nội vụ\n"), "\(overdueAgencies)")
        let stillOpen = try #require(Self.itemText(Self.otherItem, in: escalation.plainText))
        #expect(stillOpen.contains("- \(Self.agencyName)\n"), "\(stillOpen)")
    }

    @Test(
        .enabled(
            if: HeadlessChromium.canBeInstalled,
            "apt has no chromium here: the browser test needs Debian's chromium, chromium-driver, python3-selenium"))
    func aClerkPressesTheButtonInARealBrowserAndTheLedgerKeepsWhatTheyTyped() async throws {
        let service = try RunningService()
        let link = try service.link(to: Self.address, item: Self.item)
        let reporter = "Nguyễn Thị Hồng Nhung – Chánh Văn phòng"
        let note = "Công văn số 123/STP-VP ngày 15/6/2026, gửi qua hệ thống quản lý văn bản"

        let visit = try HeadlessChromium.acknowledge(url: link, reporter: reporter, note: note)

        #expect(visit.confirmation.labels == ["Người báo cáo", "Số, ngày văn bản đã gửi / ghi chú"])
        for fact in [Self.agencyName, "949/KH-UBND", "VI.1", "15/6/2026"] {
            #expect(
                visit.confirmation.text.contains(fact), "the page does not show \(fact):\n\(visit.confirmation.text)")
        }
        #expect(visit.receipt.url == link, "the button led to \(visit.receipt.url)")
        #expect(visit.receipt.text.contains("Đã ghi nhận lúc"))
        #expect(visit.receipt.text.contains(reporter))
        #expect(visit.invalid.text.contains("Liên kết không hợp lệ hoặc đã hết hạn"))
        #expect(!visit.invalid.text.contains(Self.agencyName), "a tampered link reveals the agency")
        for screenshot in visit.screenshots {
            let size = try FileManager.default.attributesOfItem(atPath: screenshot)[.size] as? Int ?? 0
            #expect(size > 1000, "\(screenshot) is empty")
        }
        print("screenshots: \(visit.screenshots.joined(separator: " "))")

        let recorded = try await service.acknowledgements()
        #expect(recorded.count == 1)
        let acknowledgement = try #require(recorded.first)
        #expect(acknowledgement.agency.rawValue == Self.agency)
        #expect(acknowledgement.source == .link)
        #expect(acknowledgement.reporter == reporter)
        #expect(acknowledgement.note == note)
        #expect(
            acknowledgement.userAgent?.contains("Chrome") == true, "\(acknowledgement.userAgent ?? "no user agent")")
        service.stop()
    }
}
