import Foundation
import Logging
import NhacViecConfigFiles
import NhacViecCore
import NhacViecDelivery
import NhacViecService
import NhacViecStore
import Testing

/// The delivery pass in-process: the shipped Gia Lai config, an in-memory ledger and a recording mail transport, so
/// each test drives several passes in milliseconds.
@Suite("A delivery pass, in-process")
struct DeliveryPassTests {
    let loaded: LoadedConfiguration
    let ledger: Ledger
    let mail = RecordingMail()
    let pass: DeliveryPass

    init() throws {
        loaded = try ConfigLoader.load(path: Repository.root.appendingPathComponent("Config/nhacviec.yaml").path)
        ledger = try Ledger.inMemory()
        pass = DeliveryPass(
            configuration: loaded.configuration, templates: loaded.templates, ledger: ledger,
            channels: DeliveryChannels(mail: mail, webhook: nil), logger: Logger.quiet)
    }

    /// 08:00:10 in Hà Nội on `day` of November 2026.
    static func morning(_ day: Int) -> Date {
        Date(timeIntervalSince1970: 1_794_877_200 + Double((day - 17) * 86_400) + 10)
    }

    static let monthlyReport = "949/KH-UBND:VI.1:bao-cao-thang:2026-11-15"

    func sent(to agency: String) -> [RecordingMail.Sent] {
        mail.sent.filter { $0.recipient == "\(agency)@gialai.example" }
    }

    @Test func everyItemCarriesAWorkingLinkForItsOwnAgencyAndOccurrence() async throws {
        _ = try await pass.run(now: Self.morning(17))
        let message = try #require(sent(to: "so-tu-phap").first)
        let text = try #require(message.text.acknowledgementTokens.first)
        let token = try #require(AccessToken(parsing: text, purpose: .acknowledge))
        let grant = try #require(try await ledger.grant(of: token, now: Self.morning(17)))
        #expect(grant.agency == AgencyID("so-tu-phap"))
        #expect(grant.occurrenceKey == Self.monthlyReport)
        #expect(grant.expiresAt > Self.morning(17).addingTimeInterval(14 * 86_400 - 60))
    }

    @Test func anAcknowledgementBetweenPassesStopsTheAgencysRemindersAndLeavesTheEscalation() async throws {
        _ = try await pass.run(now: Self.morning(17))
        #expect(sent(to: "so-tu-phap").count == 1)
        try await ledger.acknowledge(
            Acknowledgement(
                occurrenceKey: Self.monthlyReport, agency: AgencyID("so-tu-phap"), source: .link,
                reporter: "Nguyễn Văn A", recordedAt: Self.morning(17)),
            receiptChannels: [.email("so-tu-phap@gialai.example")])
        _ = try await pass.run(now: Self.morning(18))
        _ = try await pass.run(now: Self.morning(19))
        let toAgency = sent(to: "so-tu-phap")
        #expect(toAgency.count == 2, "one reminder before the report, then only the receipt")
        #expect(toAgency.last?.text.contains("đã ghi nhận Sở Tư pháp hoàn thành") == true)
        let escalation = try #require(sent(to: "vp-ubnd").first { $0.text.contains("Đơn vị chưa hoàn thành:") })
        #expect(escalation.text.contains("Sở Tài chính"))
        #expect(!escalation.text.contains("Sở Tư pháp"))
        #expect(escalation.text.acknowledgementTokens.count > 1, "one on-behalf link per overdue agency")
    }

    @Test func theReceiptLeavesOnceAtTheNextPass() async throws {
        try await ledger.acknowledge(
            Acknowledgement(
                occurrenceKey: Self.monthlyReport, agency: AgencyID("so-tu-phap"), source: .link,
                recordedAt: Self.morning(17)),
            receiptChannels: [.email("so-tu-phap@gialai.example")])
        _ = try await pass.run(now: Self.morning(17))
        _ = try await pass.run(now: Self.morning(17).addingTimeInterval(60))
        let messages = sent(to: "so-tu-phap")
        #expect(messages.count == 1, "the receipt, and no overdue reminder for a reported occurrence")
        #expect(messages.first?.text.contains("Ghi nhận lúc: 08:00 ngày 17/11/2026") == true)
    }

    @Test func aRefusedMailboxIsRetriedWithBackoffThenDelivered() async throws {
        mail.script([.retryable(code: 421, reason: "try later")])
        let first = try await pass.run(now: Self.morning(17))
        #expect(first.retrying == 1)
        let next = try #require(try await pass.nextWake(after: Self.morning(17)))
        #expect(next == Self.morning(17).addingTimeInterval(5 * 60))
        let second = try await pass.run(now: next)
        #expect(second.sent == 1)
        #expect(second.retrying == 0)
        #expect((try await ledger.counts()[.pending] ?? 0) == 0)
    }
}
