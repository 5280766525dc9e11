import Foundation
import NhacViecDelivery

/// What Python's strict `email` parser saw in a message (see Tests/Support/parse_email.py).
struct ParsedEmail: Decodable {
    struct Mailbox: Decodable, Equatable {
        let name: String
        let address: String
    }

    struct Part: Decodable {
        let type: String
        let charset: String?
        let transferEncoding: String?
        let content: String

        enum CodingKeys: String, CodingKey {
            case type, charset, content
            case transferEncoding = "transfer_encoding"
        }
    }

    let defects: [String]
    let subject: String?
    let from: [Mailbox]?
    let to: [Mailbox]?
    let replyTo: [Mailbox]?
    let date: String?
    let dateISO: String?
    let messageID: String?
    let inReplyTo: String?
    let references: String?
    let mimeVersion: String?
    let autoSubmitted: String?
    let contentType: String?
    let extra: [String: String]?
    let parts: [Part]?

    enum CodingKeys: String, CodingKey {
        case defects, subject, from, to, date, references, extra, parts
        case replyTo = "reply_to"
        case dateISO = "date_iso"
        case messageID = "message_id"
        case inReplyTo = "in_reply_to"
        case mimeVersion = "mime_version"
        case autoSubmitted = "auto_submitted"
        case contentType = "content_type"
    }

    /// Parses `bytes` with `/usr/bin/python3` and `email.policy.strict`.
    static func parse(_ bytes: [UInt8]) throws -> ParsedEmail {
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("message.eml")
        try Data(bytes).write(to: file)
        return try parse(file: file)
    }

    /// Parses the message stored in `file`.
    static func parse(file: URL) throws -> ParsedEmail {
        let script = ChildProcess.supportDirectory.appendingPathComponent("parse_email.py").path
        let output = try ChildProcess.run(ChildProcess.python, [script, file.path])
        guard output.status == 0 else {
            throw ParseFailure(description: "parse_email.py exited \(output.status): \(output.stderr)")
        }
        return try JSONDecoder().decode(ParsedEmail.self, from: output.stdout)
    }

    struct ParseFailure: Error, CustomStringConvertible {
        let description: String
    }
}

/// Line-level facts about a rendered message.
struct MessageLines {
    let lines: [[UInt8]]
    let hasBareCROrLF: Bool
    let isASCII: Bool

    init(_ bytes: [UInt8]) {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var bare = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                lines.append(current)
                current = []
                index += 2
                continue
            }
            if byte == 0x0D || byte == 0x0A { bare = true }
            current.append(byte)
            index += 1
        }
        if !current.isEmpty { lines.append(current) }
        self.lines = lines
        hasBareCROrLF = bare
        isASCII = bytes.allSatisfy { $0 < 0x80 }
    }

    var longest: Int { lines.map(\.count).max() ?? 0 }

    var text: [String] { lines.map { String(decoding: $0, as: UTF8.self) } }

    /// The header section's lines, up to the first empty line.
    var headerLines: [String] { Array(text.prefix { !$0.isEmpty }) }
}
