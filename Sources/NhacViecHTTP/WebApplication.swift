package import Hummingbird
package import Logging
import NhacViecCore

/// Builds nhacviec's web application: the same factory for the daemon and for tests, which call it without the
/// scheduler (HummingbirdTesting's `.router` and `.live`).
package enum WebApplication {
    /// The routes, grouped by what a user does.
    package static func router(dependencies: WebDependencies) -> Router<WebRequestContext> {
        let router = Router(context: WebRequestContext.self, options: .autoGenerateHeadEndpoints)
        AcknowledgementController(dependencies: dependencies).addRoutes(
            to: router.group("a").add(middleware: LinkMetricsMiddleware(telemetry: dependencies.telemetry)))
        FeedController(dependencies: dependencies).addRoutes(to: router.group("cal"))
        DashboardController(dependencies: dependencies).addRoutes(to: router.group("dashboard"))
        router.get("healthz") { _, _ in "ok\n" }
        return router
    }

    /// The application listening where `http.listen` says.
    package static func build(dependencies: WebDependencies, logger: Logger) -> some ApplicationProtocol {
        Application(
            router: router(dependencies: dependencies),
            configuration: ApplicationConfiguration(
                address: dependencies.settings.listen.bindAddress, serverName: "nhacviec"),
            logger: logger)
    }
}
