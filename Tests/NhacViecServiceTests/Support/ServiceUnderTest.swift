import Foundation

/// `nhacviec serve` started on a fresh fixture, with a loopback SMTP server and a notify socket of its own.
final class ServiceUnderTest {
    let scratch: Scratch
    let server: LoopbackSMTPServer
    let fixture: ServiceFixture
    let notify: NotifySocket
    let daemon: Daemon

    /// - Parameter now: the instant the daemon's clock starts at (ISO 8601).
    init(agencies: Int, now: String) throws {
        scratch = try Scratch()
        server = try LoopbackSMTPServer(spool: scratch.path("spool"))
        fixture = ServiceFixture(scratch: scratch, smtpPort: server.port, agencies: agencies)
        try fixture.write()
        (daemon, notify) = try Daemon.serve(configPath: fixture.configPath, now: now, in: scratch)
    }
}

extension Daemon {
    /// `nhacviec serve --config configPath --now now` as systemd starts it, with a notify socket of its own; both
    /// live in `scratch` (`notify.sock`, the output in `log`).
    static func serve(configPath: String, now: String, in scratch: Scratch) throws -> (Daemon, NotifySocket) {
        let notify = try NotifySocket(path: scratch.path("notify.sock"))
        let daemon = try Daemon(
            ["serve", "--config", configPath, "--now", now], logPath: scratch.path("log"),
            environment: ["NOTIFY_SOCKET": notify.path])
        return (daemon, notify)
    }
}
