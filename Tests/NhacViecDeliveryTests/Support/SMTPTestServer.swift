import Foundation

/// `Tests/Support/smtp_server.py` (aiosmtpd) on a free loopback port, with its own spool directory.
final class SMTPTestServer {
    enum Mode: String {
        /// STARTTLS and AUTH required.
        case starttls
        /// No STARTTLS offered; AUTH required.
        case plain
        /// No TLS, no AUTH: a loopback relay.
        case open
    }

    static let username = "nhacviec"
    static let password = "mat-khau-thu-nghiem"

    /// What the server recorded for one accepted message.
    struct Envelope: Decodable {
        let mailFrom: String
        let rcptTos: [String]
        let ehlo: String?
        let clientPort: Int
        let tls: Bool
        let authenticated: Bool

        enum CodingKeys: String, CodingKey {
            case ehlo, tls, authenticated
            case mailFrom = "mail_from"
            case rcptTos = "rcpt_tos"
            case clientPort = "client_port"
        }
    }

    struct Received {
        let envelope: Envelope
        let bytes: [UInt8]
        let file: URL
    }

    let certificate: TestCertificate
    private let spool: TemporaryDirectory
    private let server: ServerProcess

    init(mode: Mode = .starttls) throws {
        try ChildProcess.requireTools(pythonModules: ["aiosmtpd"], executables: ["/usr/bin/openssl"])
        certificate = try TestCertificate()
        spool = try TemporaryDirectory()
        server = try ServerProcess(
            script: "smtp_server.py",
            arguments: [
                "--spool", spool.url.path, "--mode", mode.rawValue,
                "--cert", certificate.certificatePath, "--key", certificate.keyPath,
                "--user", SMTPTestServer.username, "--password", SMTPTestServer.password,
            ]
        )
    }

    var url: String { "smtp://127.0.0.1:\(server.port)" }

    /// Whether a `slow-data` transaction has reached DATA and the server is now stalling.
    var isStalling: Bool {
        FileManager.default.fileExists(atPath: spool.url.appendingPathComponent("stalling").path)
    }

    /// The accepted messages, in order of arrival.
    func received() throws -> [Received] {
        let names = try FileManager.default.contentsOfDirectory(atPath: spool.url.path)
            .filter { $0.hasSuffix(".json") }
            .sorted()
        return try names.map { name in
            let json = spool.url.appendingPathComponent(name)
            let eml = json.deletingPathExtension().appendingPathExtension("eml")
            return Received(
                envelope: try JSONDecoder().decode(Envelope.self, from: Data(contentsOf: json)),
                bytes: Array(try Data(contentsOf: eml)),
                file: eml
            )
        }
    }
}

/// A self-signed certificate for 127.0.0.1 and localhost, made with the openssl CLI for one test.
final class TestCertificate {
    private let directory: TemporaryDirectory
    var certificatePath: String { directory.url.appendingPathComponent("cert.pem").path }
    var keyPath: String { directory.url.appendingPathComponent("key.pem").path }

    init() throws {
        directory = try TemporaryDirectory()
        let output = try ChildProcess.run(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", directory.url.appendingPathComponent("key.pem").path,
                "-out", directory.url.appendingPathComponent("cert.pem").path,
                "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
            ]
        )
        guard output.status == 0 else {
            throw ServerProcess.StartFailure(description: "openssl could not make a certificate: \(output.stderr)")
        }
    }
}
