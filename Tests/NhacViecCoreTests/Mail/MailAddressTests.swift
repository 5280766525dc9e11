import NhacViecCore
import Testing

@Suite("Validating mail addresses")
struct MailAddressTests {
    @Test(
        "Config forms parse into a display name and an address",
        arguments: [
            ("nhacviec@gialai.example", nil, "nhacviec@gialai.example"),
            ("<nhacviec@gialai.example>", nil, "nhacviec@gialai.example"),
            (
                "Văn phòng UBND tỉnh Gia Lai <nhacviec@gialai.example>", "Văn phòng UBND tỉnh Gia Lai",
                "nhacviec@gialai.example"
            ),
            (
                "\"Sở \\\"Tài chính\\\", Gia Lai\" <stc@gialai.example>", "Sở \"Tài chính\", Gia Lai",
                "stc@gialai.example"
            ),
            ("  first.last+tag@sub-domain.gov.vn  ", nil, "first.last+tag@sub-domain.gov.vn"),
            ("o'brien@xn--gia-lai-9za.example", nil, "o'brien@xn--gia-lai-9za.example"),
        ] as [(String, String?, String)]
    )
    func parsesConfigForms(text: String, name: String?, address: String) throws {
        let parsed = try MailAddress.parse(text)
        #expect(parsed.displayName == name)
        #expect(parsed.address == address)
    }

    @Test(
        "Unsafe or malformed input is refused with the reason",
        arguments: [
            ("a@b.example\r\nBcc: x@evil.example", .controlCharacter(0x0D)),
            ("a@b.example\n", .controlCharacter(0x0A)),
            ("a\u{0}@b.example", .controlCharacter(0x00)),
            ("Tên\u{7F} <a@b.example>", .controlCharacter(0x7F)),
            ("nhacviec.gialai.example", .missingAt),
            ("nhac viec@gialai.example", .invalidLocalPartCharacter(" ")),
            ("\"nhac viec\"@gialai.example", .quotedLocalPart),
            ("a\"b@gialai.example", .invalidLocalPartCharacter("\"")),
            ("a,b@gialai.example", .invalidLocalPartCharacter(",")),
            (".a@gialai.example", .misplacedDot),
            ("a..b@gialai.example", .misplacedDot),
            ("@gialai.example", .emptyLocalPart),
            ("nhacviec@", .emptyDomain),
            ("nhacviec@localhost", .domainWithoutDot),
            ("nhacviec@-gialai.example", .invalidDomainLabel("-gialai")),
            ("nhacviec@gialai..example", .invalidDomainLabel("")),
            ("nhacviec@gia_lai.example", .invalidDomainLabel("gia_lai")),
            ("nhacviec@gialai.example.", .invalidDomainLabel("")),
            ("nhacviec@[192.0.2.1]", .domainLiteral),
            ("nhacviec@10.0.0.1", .numericTopLevelDomain),
            ("nhacviec@giálai.example", .nonASCIIDomain),
            ("việc@gialai.example", .nonASCIILocalPart),
            ("Name <a@b.example", .malformedNameAddress),
            ("Na\"me <a@b.example>", .malformedNameAddress),
            ("", .empty),
        ] as [(String, MailAddressError.Reason)]
    )
    func refusesWithReason(text: String, reason: MailAddressError.Reason) {
        #expect(throws: MailAddressError(reason, input: text)) { try MailAddress.parse(text) }
    }

    @Test("The error text names the problem, shows control characters and never breaks a log line")
    func errorText() {
        let error = MailAddressError(.controlCharacter(0x0A), input: "a@b.example\nBcc: x")
        #expect(!error.description.contains("\n"))
        #expect(error.description.contains("U+000A"))
        #expect(error.description.contains("a@b.example\\u{000A}Bcc: x"))
    }

    @Test("Display names given directly are validated too")
    func displayNameValidation() {
        #expect(throws: MailAddressError(.controlCharacter(0x0D), input: "X\rY")) {
            try MailAddress(displayName: "X\rY", address: "a@b.example")
        }
        #expect(throws: MailAddressError(.controlCharacter(0x2028), input: "X\u{2028}Y")) {
            try MailAddress(displayName: "X\u{2028}Y", address: "a@b.example")
        }
    }

    @Test("Message identifiers derived from keys are valid, stable and distinct")
    func derivedMessageIDs() throws {
        let first = try MessageID.derived(fromKey: "kh25/bc tthc/2026-06-15", domain: "gialai.example")
        let again = try MessageID.derived(fromKey: "kh25/bc tthc/2026-06-15", domain: "gialai.example")
        let other = try MessageID.derived(fromKey: "kh25/bc_tthc/2026-06-15", domain: "gialai.example")
        #expect(first == again)
        #expect(first != other)
        #expect(first.description == "<nhacviec.kh25=2Fbc=20tthc=2F2026-06-15@gialai.example>")
        #expect(try MessageID(first.description) == first)
        #expect(throws: MessageIDError.self) { try MessageID("no-at-sign") }
        #expect(throws: MessageIDError.self) { try MessageID("a b@c.example") }
    }
}
