import Foundation

/// A copy of the shipped `Config/` (the real plan, agencies and templates, the outbox transport) whose ledger and
/// outbox live in a scratch directory and whose web server listens on a free loopback port.
struct ShippedConfig {
    let scratch: Scratch
    let port: Int
    /// `http.ops_listen`: metrics and health, on a port of its own so that daemons of parallel tests never collide.
    let opsPort: Int

    var configPath: String { scratch.path("Config/nhacviec.yaml") }
    var stateDirectory: String { scratch.path("state") }
    var ledgerPath: String { stateDirectory + "/state.sqlite" }
    var outbox: URL { URL(fileURLWithPath: stateDirectory).appendingPathComponent("outbox") }
    /// `http.public_url`: where the links in the messages point.
    var publicURL: String { "http://127.0.0.1:\(port)" }

    init(scratch: Scratch) throws {
        self.scratch = scratch
        port = try ServiceProcessTests.freePort()
        opsPort = try ServiceProcessTests.freePort()
        let config = scratch.url.appendingPathComponent("Config")
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Config"), to: config)
        let main = config.appendingPathComponent("nhacviec.yaml")
        var lines = try String(contentsOf: main, encoding: .utf8).components(separatedBy: "\n")
        // The shipped http: section (up to the next top-level key) gives way to one on this test's port.
        if let start = lines.firstIndex(where: { $0.hasPrefix("http:") }) {
            let end = lines[(start + 1)...].firstIndex { !$0.isEmpty && !$0.hasPrefix(" ") && !$0.hasPrefix("#") }
            lines.removeSubrange(start..<(end ?? lines.endIndex))
        }
        guard let stateLine = lines.firstIndex(where: { $0.hasPrefix("state_dir:") }) else {
            throw SetupError("no state_dir: line in the shipped Config/nhacviec.yaml")
        }
        lines[stateLine] = "state_dir: \(stateDirectory)"
        lines += [
            "http:", "  listen: 127.0.0.1:\(port)", "  public_url: \(publicURL)", "  trusted_proxies: []",
            "  ops_listen: 127.0.0.1:\(opsPort)", "",
        ]
        try lines.joined(separator: "\n").write(to: main, atomically: true, encoding: .utf8)
    }

    /// The names of the `.eml` files in the outbox.
    func outboxFiles() throws -> Set<String> {
        guard FileManager.default.fileExists(atPath: outbox.path) else { return [] }
        return Set(try FileManager.default.contentsOfDirectory(atPath: outbox.path).filter { $0.hasSuffix(".eml") })
    }

    /// The messages in the outbox but those in `seen` (file names), as a mail reader sees them.
    func messages(except seen: Set<String> = []) throws -> [OutboxMessage] {
        try outboxFiles().subtracting(seen).sorted().map {
            try OutboxMessage.parse(file: outbox.appendingPathComponent($0))
        }
    }
}

/// One `.eml` of the outbox as Python's strict `email` parser reads it (Tests/Support/parse_email.py).
struct OutboxMessage: Decodable {
    struct Mailbox: Decodable {
        let address: String
    }

    struct Part: Decodable {
        let type: String
        let content: String
    }

    let defects: [String]
    let subject: String?
    let to: [Mailbox]?
    let parts: [Part]?

    var recipients: [String] { to?.map(\.address) ?? [] }
    /// The plain-text part with its CRLF line ends as "\n" (Swift sees "\r\n" as one character).
    var plainText: String {
        (parts?.first { $0.type == "text/plain" }?.content ?? "").replacingOccurrences(of: "\r\n", with: "\n")
    }
    var html: String { parts?.first { $0.type == "text/html" }?.content ?? "" }

    static func parse(file: URL) throws -> OutboxMessage {
        let script = Repository.root.appendingPathComponent("Tests/Support/parse_email.py").path
        let result = try runProgram("/usr/bin/python3", [script, file.path])
        guard result.status == 0 else { throw SetupError("parse_email.py failed on \(file.path): \(result.stderr)") }
        return try JSONDecoder().decode(OutboxMessage.self, from: result.stdout)
    }
}
