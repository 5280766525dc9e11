import ArgumentParser
import Foundation
import Logging
import NhacViecConfigFiles
import NhacViecCore
import NhacViecService
import NhacViecStore
import NhacViecSystemd
import ServiceLifecycle
import UnixSignals

/// `nhacviec serve`: the long-running service (systemd `Type=notify`), or one pass with `--once`.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the reminder service: send every reminder when it is due, for years.",
        discussion: """
            Sleeps until the next send time (08:00 on working days by default), delivers one digest per agency and channel, records every delivery in state_dir/state.sqlite so nothing is sent twice, retries failures with backoff, and catches up after downtime. SIGHUP reloads the config (an invalid one is refused and the running one kept); SIGTERM/SIGINT stop it gracefully. Under systemd it sends READY=1, RELOADING=1, STOPPING=1, STATUS= and watchdog pings.

            Examples:
              nhacviec serve           # in the foreground
              nhacviec serve --once    # one pass now, for cron
              nhacviec serve --once --now 2026-06-12T08:00:00+07:00

            Exit status 78 when the config is invalid at start (systemd does not restart then).
            """
    )

    @OptionGroup var options: ConfigOptions
    @Flag(help: "Run a single delivery pass and exit.")
    var once = false
    @Option(
        help: ArgumentHelp(
            "Act as if the time were this instant (ISO 8601 with offset); the clock then runs normally.",
            valueName: "instant"))
    var now: String?
    @Option(help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel: String = "info"

    func validate() throws {
        if let now, Self.parseInstant(now) == nil {
            throw ValidationError("--now '\(now)' is not an ISO 8601 instant, e.g. 2026-06-12T08:00:00+07:00")
        }
        if Logger.Level(rawValue: logLevel) == nil { throw ValidationError("--log-level '\(logLevel)' is not a level") }
    }

    static func parseInstant(_ text: String) -> Date? {
        ISO8601DateFormatter().date(from: text)
    }

    func run() async throws {
        NhacViecLogging.bootstrap(level: Logger.Level(rawValue: logLevel) ?? .info)
        let logger = Logger(label: "nhacviec")
        let runtime = try Startup.load(configPath: options.config, logger: logger)
        let lock = try Startup.lock(runtime.loaded.configuration)
        defer { withExtendedLifetime(lock) {} }
        try await serve(runtime, logger: logger)
    }

    private func serve(_ runtime: ServiceRuntime, logger: Logger) async throws {
        let clock = now.flatMap(Self.parseInstant).map(ServiceClock.init(startingAt:)) ?? .system
        await runtime.recordLoad(configPath: options.config)
        if once {
            let (report, next) = try await runtime.runPass(now: clock.now())
            print("pass: \(report)")
            let localTime = LocalTime(identifier: runtime.loaded.configuration.timeZone)
            print("next: \(next.map(localTime.display) ?? "nothing planned")")
            return
        }
        let group = DaemonServices.group(
            configPath: options.config, runtime: runtime, clock: clock, notifier: SystemdNotifier(), logger: logger)
        try await group.run()
    }
}
