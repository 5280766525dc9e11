import Foundation
import NhacViecCore
import NhacViecDelivery
import Testing

/// A reminder as the planner will produce it: Vietnamese everywhere, threaded, with both bodies.
enum SampleMessage {
    static let subject =
        "Nhắc việc: Báo cáo kết quả cắt giảm, đơn giản hóa thủ tục hành chính — hạn 15/6/2026 (còn 3 ngày làm việc)"
    static let fromName = "Văn phòng UBND tỉnh Gia Lai"
    static let toName = "Sở Tư pháp tỉnh Gia Lai"
    static let textBody = """
        Kính gửi: Sở Tư pháp tỉnh Gia Lai

        Theo Kế hoạch số 25/KH-UBND, đề nghị Quý cơ quan gửi Báo cáo kết quả cắt giảm, đơn giản hóa thủ tục hành chính về Văn phòng UBND tỉnh trước ngày 15/6/2026 (Thứ Hai), còn 3 ngày làm việc.
        = dấu bằng, dòng có khoảng trắng ở cuối   
        . dòng bắt đầu bằng dấu chấm
        Trân trọng.
        """
    static let htmlBody = """
        <!DOCTYPE html>
        <html lang="vi"><body><p>Kính gửi: <b>Sở Tư pháp tỉnh Gia Lai</b></p>
        <p>Hạn: <time datetime="2026-06-15">Thứ Hai, 15/6/2026</time> — còn 3 ngày làm việc.</p></body></html>
        """

    /// 2026-06-15 01:00:00 UTC, 08:00 in Vietnam.
    static let instant = Date(timeIntervalSince1970: 1_781_485_200)

    static func make(
        subject: String = subject,
        fromName: String = fromName,
        htmlBody: String? = htmlBody,
        extraHeaders: [MailHeader] = []
    ) throws -> EmailMessage {
        EmailMessage(
            from: try MailAddress(displayName: fromName, address: "nhacviec@gialai.example"),
            to: [
                try MailAddress(displayName: toName, address: "vanthu@stp.gialai.example"),
                try MailAddress(address: "lanhdao@stp.gialai.example"),
            ],
            replyTo: try MailAddress(displayName: "Phòng Kiểm soát TTHC", address: "kstthc@gialai.example"),
            subject: subject,
            date: MailDate(instant),
            messageID: try MessageID.derived(fromKey: "kh25/bc-tthc/2026-06-15#3", domain: "gialai.example"),
            inReplyTo: try MessageID.derived(fromKey: "kh25/bc-tthc/2026-06-15#2", domain: "gialai.example"),
            references: [
                try MessageID.derived(fromKey: "kh25/bc-tthc/2026-06-15#1", domain: "gialai.example"),
                try MessageID.derived(fromKey: "kh25/bc-tthc/2026-06-15#2", domain: "gialai.example"),
            ],
            textBody: textBody,
            htmlBody: htmlBody,
            extraHeaders: extraHeaders
        )
    }
}

@Suite("Rendering an email")
struct EmailRenderingTests {
    @Suite("A strict parser reads back exactly what was written")
    struct StrictParserRoundTrip {
        @Test("Vietnamese subject, display names and bodies decode to the source text with no defects")
        func vietnameseRoundTrip() throws {
            let rendered = try SampleMessage.make().rendered()
            let parsed = try ParsedEmail.parse(rendered.bytes)
            #expect(parsed.defects == [])
            #expect(parsed.subject == SampleMessage.subject)
            #expect(parsed.from == [.init(name: SampleMessage.fromName, address: "nhacviec@gialai.example")])
            #expect(
                parsed.to == [
                    .init(name: SampleMessage.toName, address: "vanthu@stp.gialai.example"),
                    .init(name: "", address: "lanhdao@stp.gialai.example"),
                ]
            )
            #expect(parsed.replyTo == [.init(name: "Phòng Kiểm soát TTHC", address: "kstthc@gialai.example")])
            #expect(parsed.contentType == "multipart/alternative")
            let parts = try #require(parsed.parts)
            #expect(parts.map(\.type) == ["text/plain", "text/html"])
            #expect(parts.allSatisfy { $0.charset == "utf-8" && $0.transferEncoding == "quoted-printable" })
            // Python keeps the CRLF line breaks of the wire format in the decoded text.
            #expect(parts[0].content.replacingOccurrences(of: "\r\n", with: "\n") == SampleMessage.textBody)
            #expect(parts[1].content.replacingOccurrences(of: "\r\n", with: "\n") == SampleMessage.htmlBody)
        }

        @Test("Standard headers: Date in English at +0700, MIME-Version, Auto-Submitted, threading identifiers")
        func standardHeaders() throws {
            let parsed = try ParsedEmail.parse(try SampleMessage.make().rendered().bytes)
            #expect(parsed.date == "Mon, 15 Jun 2026 08:00:00 +0700")
            #expect(parsed.dateISO == "2026-06-15T08:00:00+07:00")
            #expect(parsed.mimeVersion == "1.0")
            #expect(parsed.autoSubmitted == "auto-generated")
            #expect(parsed.messageID == "<nhacviec.kh25=2Fbc-tthc=2F2026-06-15=233@gialai.example>")
            #expect(parsed.inReplyTo == "<nhacviec.kh25=2Fbc-tthc=2F2026-06-15=232@gialai.example>")
            #expect(
                parsed.references
                    == "<nhacviec.kh25=2Fbc-tthc=2F2026-06-15=231@gialai.example> "
                    + "<nhacviec.kh25=2Fbc-tthc=2F2026-06-15=232@gialai.example>"
            )
        }

        @Test(
            "Awkward subjects survive: repeated and edge spaces, decomposed marks, emoji sequences, ASCII lookalikes",
            arguments: [
                "  Nhắc  việc   hai  khoảng trắng  ",
                "Nhắc việc: Báo cáo".decomposedStringWithCanonicalMapping,
                String(repeating: "👨‍👩‍👧‍👦", count: 12) + " gia đình",
                "=?UTF-8?B?bm90IGFuIGVuY29kZWQgd29yZA==?=",
                "Plain ASCII subject that is long enough to need folding across more than one header line, surely",
                String(repeating: "Đ", count: 200),
                "a" + String(repeating: "\u{0323}\u{0302}", count: 40),
            ]
        )
        func awkwardSubjects(subject: String) throws {
            let rendered = try SampleMessage.make(subject: subject).rendered()
            let parsed = try ParsedEmail.parse(rendered.bytes)
            #expect(parsed.defects == [])
            #expect(parsed.subject?.unicodeScalars.elementsEqual(subject.unicodeScalars) == true)
        }

        @Test("Display names with commas, quotes and at-signs are encoded, not mistaken for addresses")
        func displayNameSpecials() throws {
            let name = "Sở \"Tài chính\", Phòng @ Kế hoạch"
            let parsed = try ParsedEmail.parse(try SampleMessage.make(fromName: name).rendered().bytes)
            #expect(parsed.defects == [])
            #expect(parsed.from?.first?.name == name)
        }

        @Test("A message without HTML is a single text/plain part")
        func textOnly() throws {
            let parsed = try ParsedEmail.parse(try SampleMessage.make(htmlBody: nil).rendered().bytes)
            #expect(parsed.defects == [])
            #expect(parsed.contentType == "text/plain")
            #expect(parsed.parts?.count == 1)
        }

        @Test("Extra headers are written, encoded when not ASCII")
        func extraHeaders() throws {
            let headers = [
                try MailHeader(name: "X-Nhacviec-Key", value: "kh25/bc-tthc/2026-06-15"),
                try MailHeader(name: "X-Nhacviec-Agency", value: "Sở Tư pháp"),
            ]
            let parsed = try ParsedEmail.parse(try SampleMessage.make(extraHeaders: headers).rendered().bytes)
            #expect(parsed.defects == [])
            #expect(parsed.extra?["X-Nhacviec-Key"] == "kh25/bc-tthc/2026-06-15")
            #expect(parsed.extra?["X-Nhacviec-Agency"] == "Sở Tư pháp")
        }
    }

    @Suite("Wire format")
    struct WireFormat {
        @Test("Only CRLF line breaks, only ASCII, and no line longer than 76 characters")
        func lineDiscipline() throws {
            let longLine = String(repeating: "Nội dung rất dài không có dấu xuống dòng. ", count: 30)
            var message = try SampleMessage.make()
            message.textBody = longLine + "\n" + longLine + "\r\n" + "x\ry"
            let lines = MessageLines(try message.rendered().bytes)
            #expect(!lines.hasBareCROrLF)
            #expect(lines.isASCII)
            #expect(lines.longest <= 76)
        }

        @Test("Every encoded-word is at most 75 characters and holds whole characters")
        func encodedWordsHoldWholeCharacters() throws {
            let subjects = [
                SampleMessage.subject,
                String(repeating: "👨‍👩‍👧‍👦", count: 12),
                "Hệ thống".decomposedStringWithCanonicalMapping + String(repeating: " Đắk Lắk", count: 10),
            ]
            for subject in subjects {
                let lines = MessageLines(try SampleMessage.make(subject: subject).rendered().bytes)
                let words = try encodedWords(in: field("Subject", of: lines.headerLines))
                #expect(words.allSatisfy { $0.count <= 75 })
                let pieces = try words.map { word in try #require(decodeEncodedWord(word)) }
                // Had a word ended inside a grapheme, decoding the words one by one would give other characters.
                #expect(pieces.flatMap { Array($0) } == Array(subject))
            }
        }

        @Test("The same message renders to the same bytes")
        func deterministic() throws {
            #expect(try SampleMessage.make().rendered() == SampleMessage.make().rendered())
        }

        @Test("Header order and a folded ASCII subject")
        func headerShape() throws {
            let subject = "Plain ASCII subject that is long enough to need folding across more than one header line"
            let lines = MessageLines(try SampleMessage.make(subject: subject).rendered().bytes).headerLines
            let names = lines.filter { !$0.hasPrefix(" ") }.map { String($0.prefix { $0 != ":" }) }
            #expect(
                names == [
                    "Date", "From", "To", "Reply-To", "Subject", "Message-ID", "In-Reply-To", "References",
                    "MIME-Version", "Auto-Submitted", "Content-Type",
                ]
            )
            let subjectIndex = try #require(lines.firstIndex { $0.hasPrefix("Subject:") })
            #expect(lines[subjectIndex + 1].hasPrefix(" "))
        }
    }

    @Suite("Refusing unsafe input")
    struct UnsafeInput {
        @Test(
            "A subject with a line break or NUL is refused, not sent",
            arguments: ["a\r\nBcc: x@evil.example", "a\u{0}b", "tab\there"])
        func subjectControls(subject: String) throws {
            #expect(throws: MailMessageError.self) { try SampleMessage.make(subject: subject).rendered() }
        }

        @Test("Extra headers cannot replace standard ones or carry line breaks")
        func extraHeaderValidation() {
            #expect(throws: MailMessageError(.reservedHeaderName("Subject"))) {
                try MailHeader(name: "Subject", value: "x")
            }
            #expect(throws: MailMessageError(.invalidHeaderName("X Bad"))) { try MailHeader(name: "X Bad", value: "x") }
            #expect(throws: MailMessageError(.controlCharacter(field: "X-A", scalar: 0x0A))) {
                try MailHeader(name: "X-A", value: "x\nBcc: y@evil.example")
            }
        }

        @Test("A message with no recipient is refused")
        func noRecipients() throws {
            var message = try SampleMessage.make()
            message.to = []
            #expect(throws: MailMessageError(.noRecipients)) { try message.rendered() }
        }
    }
}

/// The encoded-words (`=?…?=`) in header lines.
private func encodedWords(in lines: [String]) throws -> [String] {
    let regex = try Regex("=\\?UTF-8\\?B\\?[A-Za-z0-9+/=]*\\?=")
    return lines.flatMap { line in line.matches(of: regex).map { String(line[$0.range]) } }
}

/// The lines of the header field `name`: its first line and the continuation lines after it.
private func field(_ name: String, of lines: [String]) -> [String] {
    guard let start = lines.firstIndex(where: { $0.hasPrefix(name + ":") }) else { return [] }
    return [lines[start]] + lines[(start + 1)...].prefix { $0.hasPrefix(" ") }
}

/// The text of one `B` encoded-word, or nil when its bytes are not UTF-8 on their own.
private func decodeEncodedWord(_ word: String) -> String? {
    let payload = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
    guard let data = Data(base64Encoded: String(payload)) else { return nil }
    return String(data: data, encoding: .utf8)
}
