import Foundation
import Logging
import NhacViecConfigFiles
import NhacViecCore
import NhacViecDelivery
import NhacViecService
import NhacViecStore
import Testing

/// "Gửi lại" on the dashboard puts a failed row back to pending; the scheduler's next pass must really send it.
@Suite("A reminder resent from the dashboard, in-process")
struct DashboardResendTests {
    @Test func aFailedReminderPutBackToPendingIsSentAtTheNextPass() async throws {
        let loaded = try ConfigLoader.load(
            path: Repository.root.appendingPathComponent("Config/nhacviec.yaml").path)
        let ledger = try Ledger.inMemory()
        let mail = RecordingMail()
        let pass = DeliveryPass(
            configuration: loaded.configuration, templates: loaded.templates, ledger: ledger,
            channels: DeliveryChannels(mail: mail, webhook: nil), logger: Logger.quiet)
        let morning = DeliveryPassTests.morning(17)
        mail.script([.permanent(code: 550, reason: "5.1.1 mailbox unavailable")])
        _ = try await pass.run(now: morning)
        let failed = try #require(try await ledger.failures(limit: 10).first)
        let recipient = try #require(failed.channel.address)
        #expect(!mail.sent.contains { $0.recipient == recipient })

        let later = morning.addingTimeInterval(600)
        #expect(try await ledger.resend(deliveryID: failed.id, by: "chanh", now: later))
        _ = try await pass.run(now: later.addingTimeInterval(1))

        #expect(mail.sent.contains { $0.recipient == recipient })
        #expect(try await ledger.failures(limit: 10).isEmpty)
        #expect(try await ledger.dashboardActions(limit: 10).map(\.user) == ["chanh"])
    }
}
