package import Hummingbird
package import Logging
package import NhacViecCore

/// The operator's listener (`http.ops_listen`, loopback by default and never proxied): `/metrics` for Prometheus,
/// `/-/healthy` (200 while the process is up) and `/-/ready` (200 once a delivery pass has succeeded).
package enum OpsApplication {
    package static func router(telemetry: Telemetry) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.get("metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: telemetry.exposition())))
        }
        router.get("-/healthy") { _, _ in "ok\n" }
        router.get("-/ready") { _, _ in
            telemetry.isReady
                ? Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "ready\n")))
                : Response(
                    status: .serviceUnavailable,
                    body: ResponseBody(
                        byteBuffer: ByteBuffer(string: "not ready: no delivery pass has succeeded yet\n"))
                )
        }
        return router
    }

    /// The listener at `settings.opsListen`.
    package static func build(
        settings: HTTPSettings, telemetry: Telemetry, logger: Logger
    ) -> some ApplicationProtocol {
        Application(
            router: router(telemetry: telemetry),
            configuration: ApplicationConfiguration(address: settings.opsListen.bindAddress, serverName: "nhacviec"),
            logger: logger)
    }
}

extension HTTPSettings.Listen {
    /// Where Hummingbird binds for this address.
    var bindAddress: BindAddress {
        switch self {
        case .tcp(let host, let port): .hostname(host, port: port)
        case .unix(let path): .unixDomainSocket(path: path)
        }
    }
}
