package import Logging
import NhacViecConfigFiles
import NhacViecCore
import NhacViecHTTP
package import NhacViecSystemd
package import ServiceLifecycle
import UnixSignals

/// Builds what `nhacviec serve` runs: the reminder loop and, when `http:` is configured, the web server sharing its
/// ledger and the operator's listener (metrics, health), in one `ServiceGroup` that stops them in reverse order (the web server first) on SIGTERM or SIGINT.
package enum DaemonServices {
    package static func group(
        configPath: String, runtime: ServiceRuntime, clock: ServiceClock, notifier: SystemdNotifier, logger: Logger
    ) -> ServiceGroup {
        let wakes = WakeRequests()
        let configuration = runtime.loaded.configuration
        let state = WebState(configuration: configuration, templates: runtime.loaded.templates)
        let reminders = ReminderService(
            configPath: configPath, runtime: runtime, clock: clock, notifier: notifier, logger: logger, wakes: wakes,
            reloaded: { fresh in
                await state.replace(configuration: fresh.loaded.configuration, templates: fresh.loaded.templates)
                if fresh.loaded.configuration.http != configuration.http {
                    logger.warning(
                        "The http: section changed; restart the service to listen with it",
                        metadata: ["http.listen": "\(configuration.http.map { "\($0.listen)" } ?? "none")"])
                }
            })
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: reminders)]
        if let settings = configuration.http {
            let dependencies = WebDependencies(
                state: state, ledger: runtime.ledger, settings: settings, now: { clock.now() },
                acknowledged: { await wakes.request(.receipts) }, deliveriesQueued: { await wakes.request(.pass) },
                telemetry: .shared)
            var webLogger = logger
            webLogger[metadataKey: "http.listen"] = "\(settings.listen)"
            services.append(.init(service: WebApplication.build(dependencies: dependencies, logger: webLogger)))
            var opsLogger = logger
            opsLogger[metadataKey: "http.ops_listen"] = "\(settings.opsListen)"
            services.append(
                .init(service: OpsApplication.build(settings: settings, telemetry: .shared, logger: opsLogger)))
        }
        return ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    }
}
