import Foundation

/// `Tests/Support/webhook_server.py` on a free loopback port: verifies signatures independently and
/// answers by path.
final class WebhookTestServer {
    /// 32 bytes, base64.
    static let secret = "whsec_" + Data((0..<32).map { UInt8($0 &* 7 &+ 3) }).base64EncodedString()

    /// What the server saw of one request.
    struct Received: Decodable {
        let path: String
        let verified: Bool
        let id: String?
        let timestamp: String?
        let signature: String?
        let contentType: String?
        let userAgent: String?
        let transferEncoding: String?
        let clientPort: Int
        let body: String

        enum CodingKeys: String, CodingKey {
            case path, verified, id, timestamp, signature, body
            case contentType = "content_type"
            case userAgent = "user_agent"
            case transferEncoding = "transfer_encoding"
            case clientPort = "client_port"
        }
    }

    /// The server's self-signed certificate when it serves HTTPS.
    let certificate: TestCertificate?
    private let log: TemporaryDirectory
    private let server: ServerProcess

    init(https: Bool = false) throws {
        try ChildProcess.requireTools(executables: https ? ["/usr/bin/openssl"] : [])
        log = try TemporaryDirectory()
        certificate = https ? try TestCertificate() : nil
        let tlsArguments = certificate.map { ["--cert", $0.certificatePath, "--key", $0.keyPath] } ?? []
        server = try ServerProcess(
            script: "webhook_server.py",
            arguments: ["--secret", WebhookTestServer.secret, "--log", log.url.path] + tlsArguments
        )
    }

    func url(_ path: String) -> String {
        "\(certificate == nil ? "http" : "https")://127.0.0.1:\(server.port)\(path)"
    }

    /// The requests received, in order of arrival.
    func received() throws -> [Received] {
        try FileManager.default.contentsOfDirectory(atPath: log.url.path)
            .filter { $0.hasSuffix(".json") }
            .sorted()
            .map { try JSONDecoder().decode(Received.self, from: Data(contentsOf: log.url.appendingPathComponent($0))) }
    }
}
