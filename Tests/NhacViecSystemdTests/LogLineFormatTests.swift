import Foundation
import Logging
import NhacViecSystemd
import Testing

@Suite("Laying out one log event as one line")
struct LogLineFormatTests {
    /// 2026-06-12 08:00:00 in Việt Nam (+07:00).
    static let eightAM = Date(timeIntervalSince1970: 1_781_226_000)
    static let vietnam = LogLineFormat.human(timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)

    @Test(
        "For the journal: the syslog priority prefix, no timestamp",
        arguments: [
            (Logger.Level.trace, "<7>"), (.debug, "<7>"), (.info, "<6>"), (.notice, "<5>"), (.warning, "<4>"),
            (.error, "<3>"), (.critical, "<2>"),
        ])
    func journal(level: Logger.Level, prefix: String) {
        let line = LogLineFormat.journal.line(
            label: "nhacviec", level: level, message: "Reminder sent", metadata: [:], date: Self.eightAM)
        #expect(line == "\(prefix)nhacviec: Reminder sent\n")
    }

    @Test(
        "For people: local time with its offset, the level word, the label",
        arguments: Logger.Level.allCases)
    func human(level: Logger.Level) {
        let line = Self.vietnam.line(
            label: "nhacviec", level: level, message: "Reminder sent", metadata: [:], date: Self.eightAM)
        #expect(line == "2026-06-12T08:00:00+07:00 \(level.rawValue) nhacviec: Reminder sent\n")
    }

    @Test("UTC time is written with Z")
    func utc() {
        let line = LogLineFormat.human(timeZone: TimeZone(secondsFromGMT: 0)!)
            .line(label: "nhacviec", level: .info, message: "m", metadata: [:], date: Self.eightAM)
        #expect(line == "2026-06-12T01:00:00Z info nhacviec: m\n")
    }

    @Test("Metadata follows as key=value sorted by key, nested keys dotted, spaced values quoted")
    func metadata() {
        let metadata: Logger.Metadata = [
            "smtp": ["code": "550", "reply": "mailbox unavailable"],
            "reminder.key": "kh949/bc-thang/2026-06-15/stp/before-3/email",
            "agency": "Sở Tư pháp",
            "attempt": .stringConvertible(3),
            "recipients": ["a@gialai.example", "b@gialai.example"],
            "note": "",
            "quote": "say \"hi\"",
            "expr": "a=b",
        ]
        let line = LogLineFormat.journal.line(
            label: "nhacviec", level: .warning, message: "Delivery failed", metadata: metadata, date: Self.eightAM)
        #expect(
            line == "<4>nhacviec: Delivery failed agency=\"Sở Tư pháp\" attempt=3 expr=\"a=b\" note=\"\" "
                + "quote=\"say \\\"hi\\\"\" recipients=[a@gialai.example,b@gialai.example] "
                + "reminder.key=kh949/bc-thang/2026-06-15/stp/before-3/email smtp.code=550 "
                + "smtp.reply=\"mailbox unavailable\"\n")
    }

    @Test("Newlines and control characters in the message and values are escaped: one event, one line")
    func escaping() {
        let line = Self.vietnam.line(
            label: "nhacviec", level: .error, message: "Config rejected:\nline 2\r\n\tline 3\u{1B}[31m",
            metadata: ["error": "plans.yaml:3:5: bad\nindent"], date: Self.eightAM)
        #expect(
            line == "2026-06-12T08:00:00+07:00 error nhacviec: Config rejected:\\nline 2\\r\\n\\tline 3\\u{1B}[31m "
                + "error=\"plans.yaml:3:5: bad\\nindent\"\n")
        #expect(line.dropLast().allSatisfy { !$0.isNewline })
    }

    @Suite("Detecting that stderr is the journal")
    struct Detection {
        @Test("JOURNAL_STREAM equal to the descriptor's device:inode means the journal")
        func matching() throws {
            let pipe = try StreamPipe()
            let format = LogLineFormat.detect(
                fileDescriptor: pipe.writeEnd, environment: ["JOURNAL_STREAM": try pipe.identity()])
            #expect(format == .journal)
        }

        @Test("Another stream's device:inode (stderr redirected, the variable inherited) means human")
        func otherStream() throws {
            let pipe = try StreamPipe()
            let other = try StreamPipe()
            let format = LogLineFormat.detect(
                fileDescriptor: pipe.writeEnd, environment: ["JOURNAL_STREAM": try other.identity()])
            #expect(format == .human(timeZone: .current))
        }

        @Test(
            "No JOURNAL_STREAM, or a malformed one, means human",
            arguments: [
                [:], ["JOURNAL_STREAM": ""], ["JOURNAL_STREAM": "8"], ["JOURNAL_STREAM": "a:b"],
                ["JOURNAL_STREAM": "8:1:2"],
            ] as [[String: String]])
        func absent(environment: [String: String]) throws {
            let pipe = try StreamPipe()
            #expect(LogLineFormat.detect(fileDescriptor: pipe.writeEnd, environment: environment) != .journal)
        }

        @Test("A descriptor that is not open is never the journal")
        func closedDescriptor() throws {
            let pipe = try StreamPipe()
            let format = LogLineFormat.detect(fileDescriptor: -1, environment: ["JOURNAL_STREAM": try pipe.identity()])
            #expect(format != .journal)
        }
    }
}
