import Foundation
import Logging
import NhacViecConfigFiles
import NhacViecCore
import NhacViecDelivery
import NhacViecService
import NhacViecStore
import NhacViecSystemd
import Synchronization
import Testing

/// The scheduling loop in-process: injected sleep, reload requests, reloads and notifier, so wakes, reloads,
/// watchdog pings and shutdown are seen in milliseconds (the process tests keep what only a process shows).
@Suite("The reminder loop, in-process")
struct ReminderServiceTests {
    /// Records every notification the loop sends.
    final class RecordingNotifier: ServiceNotifier {
        private let log = Mutex<[String]>([])
        let watchdogInterval: Duration?

        init(watchdog: Duration? = nil) {
            watchdogInterval = watchdog
        }

        var events: [String] { log.withLock { $0 } }
        var watchdogPingInterval: Duration? { watchdogInterval.map { $0 / 2 } }
        func ready(status: String?) { log.withLock { $0.append("READY \(status ?? "")") } }
        func reloading() { log.withLock { $0.append("RELOADING") } }
        func stopping() { log.withLock { $0.append("STOPPING") } }
        func status(_ text: String) { log.withLock { $0.append("STATUS \(text)") } }
        func watchdog() { log.withLock { $0.append("WATCHDOG") } }
    }

    let loaded: LoadedConfiguration
    let mail = RecordingMail()
    let runtime: ServiceRuntime
    let notifier: RecordingNotifier
    let wakes = WakeRequests()

    init() throws {
        loaded = try ConfigLoader.load(path: Repository.root.appendingPathComponent("Config/nhacviec.yaml").path)
        runtime = ServiceRuntime(
            loaded: loaded, ledger: try Ledger.inMemory(), channels: DeliveryChannels(mail: mail, webhook: nil),
            logger: Logger.quiet)
        notifier = RecordingNotifier(watchdog: .milliseconds(40))
    }

    /// Runs the loop at 17/11/2026 08:00:10 (reminders are due) until `until` holds, then cancels it.
    func run(
        reload: (@Sendable (ServiceRuntime) async throws -> ServiceRuntime)? = nil,
        reloaded: @escaping @Sendable (ServiceRuntime) async -> Void = { _ in },
        until done: @Sendable () async throws -> Bool
    ) async throws {
        let service = ReminderService(
            configPath: "Config/nhacviec.yaml", runtime: runtime,
            clock: ServiceClock(startingAt: Date(timeIntervalSince1970: 1_794_877_210)), notifier: notifier,
            logger: Logger.quiet, wakes: wakes, reloaded: reloaded,
            parts: .init(
                sleep: { _ in try await Task.sleep(for: .milliseconds(5)) }, reloadRequests: { _ in }, reload: reload))
        let task = Task { try await service.run() }
        let clock = ContinuousClock()
        let start = clock.now
        // Milliseconds alone; the bound is only a safety net. In the full parallel run, the process tests block the
        // cooperative pool's threads while their children run, and this loop waits for a free thread at every step.
        while try await !done(), clock.now - start < .seconds(600) { try await Task.sleep(for: .milliseconds(10)) }
        task.cancel()
        try await task.value
    }

    @Test func aPassRequestSendsTheReceiptAtOnce() async throws {
        let mail = mail
        let ledger = runtime.ledger
        let wakes = wakes
        try await run {
            guard mail.sent.count >= 20 else { return false }
            let recorded = try await ledger.acknowledgement(
                occurrenceKey: "949/KH-UBND:VI.1:bao-cao-thang:2026-11-15", agency: AgencyID("so-tu-phap"))
            if recorded == nil {
                try await ledger.acknowledge(
                    Acknowledgement(
                        occurrenceKey: "949/KH-UBND:VI.1:bao-cao-thang:2026-11-15", agency: AgencyID("so-tu-phap"),
                        source: .link, recordedAt: Date()),
                    receiptChannels: [.email("so-tu-phap@gialai.example")])
                await wakes.request(.receipts)
            }
            return mail.sent.contains { $0.text.contains("đã ghi nhận Sở Tư pháp hoàn thành") }
        }
        #expect(mail.sent.contains { $0.text.contains("đã ghi nhận Sở Tư pháp hoàn thành") })
        #expect(notifier.events.first?.hasPrefix("READY started; next wake") == true)
        #expect(notifier.events.contains("WATCHDOG"))
        #expect(notifier.events.last == "STOPPING")
    }

    @Test func aPassRequestSendsADeliveryTheDashboardQueuedAgainAtOnce() async throws {
        mail.script([.permanent(code: 550, reason: "550 mailbox unavailable")])
        let ledger = runtime.ledger
        let wakes = wakes
        let resent = Mutex<Int64?>(nil)
        /// Failed, or queued and not yet sent.
        @Sendable func waiting(_ id: Int64) async throws -> Bool {
            let failed = try await ledger.failures(limit: 1_000).contains { $0.id == id }
            let queued = try await ledger.ready(at: Date()).contains { $0.id == id }
            return failed || queued
        }
        try await run {
            guard let id = resent.withLock({ $0 }) else {
                guard let failed = try await ledger.failures(limit: 1).first else { return false }
                _ = try await ledger.resend(deliveryID: failed.id, by: "chanh-van-phong", now: Date())
                resent.withLock { $0 = failed.id }
                await wakes.request(.pass)
                return false
            }
            return try await !waiting(id)
        }
        let id = try #require(resent.withLock { $0 })
        #expect(try await ledger.failures(limit: 1_000).allSatisfy { $0.id != id })
        #expect(
            try await ledger.ready(at: Date()).allSatisfy { $0.id != id },
            "the reminder queued again left before the next planned pass")
    }

    @Test func aBrokenReloadKeepsTheRunningConfigurationAndAGoodOneReplacesIt() async throws {
        let attempts = Mutex(0)
        let replaced = Mutex(0)
        let wakes = wakes
        let notifier = notifier
        let fresh = runtime
        try await run(
            reload: { _ in
                let attempt = attempts.withLock { count -> Int in
                    count += 1
                    return count
                }
                if attempt == 1 {
                    throw ConfigErrors([
                        ConfigDiagnostic(
                            at: SourceLocation(file: "Config/nhacviec.yaml", line: 3, column: 1), "broken")
                    ])
                }
                return fresh
            },
            reloaded: { _ in replaced.withLock { $0 += 1 } },
            until: {
                let events = notifier.events
                if events.contains(where: { $0.hasPrefix("READY started") }) && attempts.withLock({ $0 }) == 0 {
                    await wakes.request(.reload)
                } else if events.contains(where: { $0.contains("reload failed") }) && attempts.withLock({ $0 }) == 1 {
                    await wakes.request(.reload)
                }
                return replaced.withLock { $0 } == 1
            })
        let events = notifier.events
        #expect(events.filter { $0 == "RELOADING" }.count == 2)
        #expect(events.contains("READY reload failed (1 errors); running the previous configuration"))
        #expect(
            events.contains {
                $0.hasPrefix("STATUS reload failed (1 errors); running the previous configuration; next wake")
            },
            "the status line keeps the failure until a reload succeeds")
        #expect(events.contains { $0.hasPrefix("READY reloaded: OK: ") })
        #expect(replaced.withLock { $0 } == 1)
    }
}
