import Foundation

/// Debian's aiosmtpd (Tests/Support/smtp_server.py) as an open loopback relay, spooling what it receives.
final class LoopbackSMTPServer {
    let port: Int
    let spool: String
    private let process: Process

    /// A received message: its Message-ID header and envelope recipients.
    struct Received: Hashable {
        var messageID: String
        var recipients: [String]
        var raw: String
    }

    init(spool: String, port: Int = 0) throws {
        self.spool = spool
        try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
        guard FileManager.default.fileExists(atPath: "/usr/bin/python3"),
            (try? Process.run(URL(fileURLWithPath: "/usr/bin/python3"), arguments: ["-c", "import aiosmtpd"]))
                .map({
                    $0.waitUntilExit(); return $0.terminationStatus == 0
                }) == true
        else { throw SetupError("python3-aiosmtpd is missing: run `make test`, which installs it") }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [Repository.smtpServerScript, "--spool", spool, "--mode", "open", "--port", String(port)]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("READY "), let actual = Int(text.dropFirst(6)) else {
            process.terminate()
            throw SetupError("smtp_server.py did not start: \(text)")
        }
        self.port = actual
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit {
        stop()
    }

    /// How many messages have arrived (cheap enough to poll).
    func receivedCount() throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: spool).filter { $0.hasSuffix(".json") }.count
    }

    /// Every message received so far, in arrival order.
    func received() throws -> [Received] {
        let files = try FileManager.default.contentsOfDirectory(atPath: spool).filter { $0.hasSuffix(".json") }.sorted()
        return try files.map { name in
            let base = (spool as NSString).appendingPathComponent(String(name.dropLast(5)))
            let json =
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: base + ".json")))
                as? [String: Any]
            let raw = try String(contentsOfFile: base + ".eml", encoding: .utf8)
            let messageID =
                raw.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix("message-id:") }
                .map { String($0.dropFirst("message-id:".count)).trimmingCharacters(in: .whitespaces) } ?? ""
            return Received(messageID: messageID, recipients: json?["rcpt_tos"] as? [String] ?? [], raw: raw)
        }
    }
}

struct SetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
