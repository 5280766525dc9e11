import Foundation
package import Logging
import NhacViecConfigFiles
import NhacViecCore
import NhacViecHTTP
import NhacViecStore
package import NhacViecSystemd
import ServiceLifecycle
import UnixSignals

/// The daemon: at every instant something is due it runs a delivery pass, then sleeps until the next one.
///
/// It wakes early on SIGHUP (reload), on a pass request and on shutdown, and at least every `maximumSleep` to
/// notice wall-clock jumps (suspend, NTP) and to ping the systemd watchdog from the loop itself. Time, sleeping,
/// notifications, reload requests and the reload itself are injected, so tests drive the loop in-process.
package struct ReminderService: Service, CustomStringConvertible {
    private let configPath: String
    private let clock: ServiceClock
    private let notifier: any ServiceNotifier
    private let logger: Logger
    private let initial: ServiceRuntime
    private let wakes: WakeRequests
    private let reloaded: @Sendable (ServiceRuntime) async -> Void
    private let parts: Parts

    /// What tests replace: how to sleep, where reload requests come from, and how a reload loads.
    package struct Parts: Sendable {
        /// Sleeps for a duration (`Task.sleep`); throws when cancelled.
        package var sleep: @Sendable (Duration) async throws -> Void
        /// Forwards reload requests to `wakes` until cancelled (SIGHUP by default).
        package var reloadRequests: @Sendable (WakeRequests) async -> Void
        /// Loads the configuration again, replacing the running runtime (from `configPath` by default).
        package var reload: (@Sendable (ServiceRuntime) async throws -> ServiceRuntime)?

        package init(
            sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
            reloadRequests: @escaping @Sendable (WakeRequests) async -> Void = Parts.hangups,
            reload: (@Sendable (ServiceRuntime) async throws -> ServiceRuntime)? = nil
        ) {
            self.sleep = sleep
            self.reloadRequests = reloadRequests
            self.reload = reload
        }

        /// SIGHUP, as systemd's `ExecReload=` sends it.
        package static let hangups: @Sendable (WakeRequests) async -> Void = { wakes in
            for await _ in await UnixSignalsSequence(trapping: .sighup) { await wakes.request(.reload) }
        }
    }

    /// A short name for logs: ServiceGroup names a service by printing it, and the default print of this value
    /// would render the whole loaded configuration (tens of megabytes at national scale) at every start.
    package var description: String { "ReminderService(\(configPath))" }

    /// Longest single sleep: wall-clock jumps are noticed within this time.
    static let maximumSleep: Duration = .seconds(15 * 60)

    /// - Parameters:
    ///   - runtime: the already-loaded first configuration (so start-up errors surface before `run`).
    ///   - wakes: where others ask for an early pass (the web server, after an acknowledgement); SIGHUP adds reloads.
    ///   - reloaded: called with each configuration a reload put in place (the web server renders from it).
    package init(
        configPath: String, runtime: ServiceRuntime, clock: ServiceClock, notifier: any ServiceNotifier,
        logger: Logger, wakes: WakeRequests = WakeRequests(),
        reloaded: @escaping @Sendable (ServiceRuntime) async -> Void = { _ in }, parts: Parts = Parts()
    ) {
        self.configPath = configPath
        self.initial = runtime
        self.clock = clock
        self.notifier = notifier
        self.logger = logger
        self.wakes = wakes
        self.reloaded = reloaded
        self.parts = parts
    }

    /// What ends a sleep: the deadline or a pass request (a whole pass), a reload, or a receipts-only request.
    private enum Wake {
        case pass, reload, receipts
    }

    package func run() async throws {
        let (wakes, requests) = (wakes, parts.reloadRequests)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await requests(wakes) }
            defer { group.cancelAll() }
            do {
                try await runLoop()
            } catch is CancellationError {
                // Graceful shutdown (SIGTERM/SIGINT) cancels the loop; deliveries in flight were recorded for retry.
            }
        }
        notify { () throws(SystemdNotifierError) in try notifier.stopping() }
        logger.notice("Stopped")
    }

    private func runLoop() async throws {
        try await cancelWhenGracefulShutdown {
            var current = initial
            var reloadFailure: String?
            // Config, state and plan are loaded: tell systemd before the first pass, which may be a long catch-up.
            let planned = try await current.pass.nextWake(after: clock.now())
            let wake = planned.map(Self.localTime(of: current).display) ?? "none planned"
            notify { () throws(SystemdNotifierError) in try notifier.ready(status: "started; next wake \(wake)") }
            logger.notice("Ready", metadata: ["config.summary": "\(current.loaded.configuration.summary)"])
            var woke = Wake.pass
            var next: Date?
            while !Task.isCancelled {
                if woke == .receipts, let planned = next {
                    // An acknowledgement arrived: its receipt leaves now, without re-planning the whole configuration.
                    let report = try await current.pass.sendReceipts(now: clock.now())
                    if report != PassReport() { logger.info("Receipts sent", metadata: ["pass": "\(report)"]) }
                    next = min(planned, try await current.pass.nextWake(afterReceiptsAt: clock.now()) ?? planned)
                } else {
                    let report: PassReport
                    (report, next) = try await current.runPass(now: clock.now())
                    if report != PassReport() {
                        logger.info("Delivery pass finished", metadata: ["pass": "\(report)"])
                    }
                }
                let status =
                    (reloadFailure.map { $0 + "; " } ?? "")
                    + (next.map { "next wake \(Self.localTime(of: current).display($0))" } ?? "nothing planned")
                notify { () throws(SystemdNotifierError) in try notifier.status(status) }
                woke = try await sleep(until: next)
                if woke == .reload {
                    (current, reloadFailure) = await reload(current)
                }
            }
        }
    }

    /// STATUS= is read by people (`systemctl status`): times are in the configured zone with its offset.
    static func localTime(of runtime: ServiceRuntime) -> LocalTime {
        LocalTime(identifier: runtime.loaded.configuration.timeZone)
    }

    /// Sleeps until `deadline` (or until a reload when nothing is planned) in chunks: each chunk pings the
    /// watchdog and re-reads the wall clock, so a jump (suspend, NTP) is noticed. Returns early on SIGHUP.
    private func sleep(until deadline: Date?) async throws -> Wake {
        while true {
            if notifier.watchdogInterval != nil {
                notify { () throws(SystemdNotifierError) in try notifier.watchdog() }
            }
            let remaining = deadline.map { $0.timeIntervalSince(clock.now()) } ?? .infinity
            if remaining <= 0 { return .pass }
            var chunk = Self.maximumSleep
            if let ping = notifier.watchdogPingInterval { chunk = min(chunk, ping) }
            if remaining < chunk.timeInterval { chunk = .milliseconds(Int64((remaining * 1000).rounded(.up))) }
            let duration = chunk
            let (wakes, sleep) = (wakes, parts.sleep)
            let request = try await withThrowingTaskGroup(of: WakeRequests.Reason?.self) { group in
                group.addTask {
                    try await sleep(duration)
                    return nil
                }
                group.addTask { await wakes.next() }
                let first = try await group.next() ?? nil
                group.cancelAll()
                return first
            }
            switch request {
            case .reload?: return .reload
            case .pass?: return .pass
            case .receipts?: return .receipts
            case nil: continue
            }
        }
    }

    /// Loads the config again; on any error keeps the running one, logs every diagnostic and returns why, so the
    /// status line keeps saying so until a reload succeeds.
    private func reload(_ current: ServiceRuntime) async -> (runtime: ServiceRuntime, failure: String?) {
        notify { () throws(SystemdNotifierError) in try notifier.reloading() }
        logger.notice("Reloading the configuration", metadata: ["config.file": "\(configPath)"])
        do {
            let fresh =
                try await parts.reload?(current)
                ?? ServiceRuntime.load(configPath: configPath, replacing: current, logger: logger)
            await fresh.recordLoad(configPath: configPath)
            await reloaded(fresh)
            Telemetry.shared.configReload(succeeded: true)
            logger.notice(
                "Configuration reloaded", metadata: ["config.summary": "\(fresh.loaded.configuration.summary)"])
            notify { () throws(SystemdNotifierError) in
                try notifier.ready(status: "reloaded: \(fresh.loaded.configuration.summary)")
            }
            return (fresh, nil)
        } catch let errors as ConfigErrors {
            for diagnostic in errors.diagnostics {
                logger.error(
                    "Configuration error; keeping the running configuration", metadata: ["diagnostic": "\(diagnostic)"])
            }
            await current.recordReloadFailure(errors)
            Telemetry.shared.configReload(succeeded: false)
            let failure = "reload failed (\(errors.diagnostics.count) errors); running the previous configuration"
            notify { () throws(SystemdNotifierError) in try notifier.ready(status: failure) }
            return (current, failure)
        } catch {
            logger.error("Reload failed; keeping the running configuration", metadata: ["error": "\(error)"])
            await current.recordReloadFailure(error)
            Telemetry.shared.configReload(succeeded: false)
            let failure = "reload failed: \(error); running the previous configuration"
            notify { () throws(SystemdNotifierError) in try notifier.ready(status: failure) }
            return (current, failure)
        }
    }

    private func notify(_ send: () throws(SystemdNotifierError) -> Void) {
        do {
            try send()
        } catch {
            logger.warning("Cannot notify systemd", metadata: ["error": "\(error)"])
        }
    }
}
