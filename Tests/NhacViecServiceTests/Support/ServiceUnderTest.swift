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
        notify = try NotifySocket(path: scratch.path("notify.sock"))
        daemon = try Daemon(
            ["serve", "--config", fixture.configPath, "--now", now], logPath: scratch.path("log"),
            environment: ["NOTIFY_SOCKET": notify.path])
    }
}
