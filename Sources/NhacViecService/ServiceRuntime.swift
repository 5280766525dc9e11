package import Foundation
package import Logging
package import NhacViecConfigFiles
import NhacViecCore
package import NhacViecStore

/// Everything one loaded configuration needs to deliver: the config, its ledger and transports, and the pass.
package struct ServiceRuntime: Sendable {
    package let loaded: LoadedConfiguration
    package let ledger: Ledger
    package let pass: DeliveryPass
    private let holidayNotice: HolidayScheduleNotice

    /// A runtime from parts already built: tests pass an in-memory ledger and fake transports.
    package init(loaded: LoadedConfiguration, ledger: Ledger, channels: DeliveryChannels, logger: Logger) {
        self.loaded = loaded
        self.ledger = ledger
        self.pass = DeliveryPass(
            configuration: loaded.configuration, templates: loaded.templates, ledger: ledger, channels: channels,
            logger: logger)
        self.holidayNotice = HolidayScheduleNotice(
            configuration: loaded.configuration,
            composer: MessageComposer(configuration: loaded.configuration, templates: loaded.templates),
            mail: channels.mail, ledger: ledger, logger: logger)
    }

    /// Loads and validates the config, opens `state_dir/state.sqlite`, and sets up the transports.
    ///
    /// - Parameter previous: the runtime being replaced by a reload; its ledger is kept when `state_dir` did not
    ///   change, so a reload never opens a second connection pool on the same file.
    /// - Throws: `ConfigErrors` for an invalid config, `StartupErrors` when `StartupChecks` fail, `ServiceError`
    ///   when the ledger cannot be opened.
    package static func load(
        configPath: String, replacing previous: ServiceRuntime? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger
    ) throws -> ServiceRuntime {
        let loaded = try ConfigLoader.load(path: configPath)
        let configuration = loaded.configuration
        let channels = try StartupChecks.run(for: configuration, environment: environment)
        let path = Ledger.path(inStateDirectory: configuration.stateDirectory)
        let ledger: Ledger
        if let previous, previous.ledger.path == path {
            ledger = previous.ledger
        } else {
            do {
                ledger = try Ledger(path: path)
            } catch let error as StoreError {
                throw ServiceError.state(error)
            }
        }
        return ServiceRuntime(loaded: loaded, ledger: ledger, channels: channels, logger: logger)
    }

    /// Runs one delivery pass at `now` (and the weekly holiday-schedule notice when due), records it and the next
    /// wake in the ledger for `status`, and returns what it did and when the next one is due.
    package func runPass(now: Date) async throws -> (report: PassReport, nextWake: Date?) {
        let start = ContinuousClock.now
        let report: PassReport
        do {
            report = try await pass.run(now: now)
        } catch {
            try? await ServiceMetrics.pass(
                succeeded: false, since: start, now: now, configuration: loaded.configuration, ledger: ledger)
            throw error
        }
        try await ServiceMetrics.pass(
            succeeded: true, since: start, now: now, configuration: loaded.configuration, ledger: ledger)
        try await pass.applyRetention(now: now)
        let notice = try await holidayNotice.run(now: now)
        let next = [try await pass.nextWake(after: now), notice].compactMap { $0 }.min()
        let format = ISO8601DateFormatter()
        try await ledger.setMeta(.lastPass, format.string(from: now))
        try await ledger.setMeta(.nextWake, next.map(format.string(from:)) ?? "")
        FreedMemory.release()
        return (report, next)
    }

    /// Records in the ledger which config is running and when it was loaded, for `status`.
    package func recordLoad(configPath: String) async {
        try? await ledger.setMeta(.configFile, configPath)
        try? await ledger.setMeta(.configLoadedAt, ISO8601DateFormatter().string(from: loaded.loadedAt))
        try? await ledger.setMeta(.lastReloadError, "")
    }

    /// Records why a reload was refused, for `status`; the running config stays.
    package func recordReloadFailure(_ error: any Error) async {
        try? await ledger.setMeta(.lastReloadError, "\(error)")
    }
}
