import Foundation
import Testing

@testable import NhacViecCore

@Suite("Acknowledgement links: tokens, expiry, the http section and links in messages")
struct AcknowledgementLinkTests {
    struct Fixed: RandomNumberGenerator {
        var value: UInt64
        mutating func next() -> UInt64 { value }
    }

    @Test func tokensCarryTheirPurposeAnd128RandomBits() {
        let first = AccessToken.generate(.acknowledge)
        let second = AccessToken.generate(.acknowledge)
        #expect(first != second)
        #expect(first.text.hasPrefix("nva_"))
        #expect(first.text.count == 4 + 32)
        #expect(AccessToken.generate(.feed).text.hasPrefix("nvf_"))
        var fixed = Fixed(value: 0x0123_4567_89AB_CDEF)
        #expect(AccessToken.generate(.acknowledge, using: &fixed).text == "nva_efcdab8967452301efcdab8967452301")
    }

    @Test func aTokenIsReadOnlyOnItsOwnPurpose() {
        let token = AccessToken.generate(.feed)
        #expect(AccessToken(parsing: token.text, purpose: .acknowledge) == nil)
        #expect(AccessToken(parsing: token.text, purpose: .feed) == token)
        #expect(AccessToken(parsing: "nva_" + String(repeating: "G", count: 32), purpose: .acknowledge) == nil)
        #expect(AccessToken(parsing: "nva_abc", purpose: .acknowledge) == nil)
    }

    @Test func onlyTheHashIsEverShown() {
        let token = AccessToken.generate(.acknowledge)
        #expect(token.hash.count == 64)
        #expect(token.hash.hasPrefix(token.logID))
        #expect(!"\(token)".contains(token.text.dropFirst(4)))
        #expect(token.formValue.count == 32)
        #expect(token.formValue != AccessToken.generate(.acknowledge).formValue)
    }

    @Test func linksExpireAtTheLaterOf14DaysAfterSendingAnd30DaysAfterTheDueDate() throws {
        let localTime = LocalTime(identifier: "Asia/Ho_Chi_Minh")
        let sent = localTime.instant(
            of: try #require(CivilDate(year: 2026, month: 11, day: 17)), at: TimeOfDay(hour: 8, minute: 0)
        ).date
        let early = try #require(CivilDate(year: 2026, month: 11, day: 13))
        #expect(
            TokenExpiry.expiry(sentAt: sent, due: early, localTime: localTime)
                == localTime.instant(of: early.adding(days: 31), at: TimeOfDay(hour: 0, minute: 0)).date)
        let past = try #require(CivilDate(year: 2026, month: 9, day: 1))
        #expect(
            TokenExpiry.expiry(sentAt: sent, due: past, localTime: localTime) == sent.addingTimeInterval(14 * 86_400))
        #expect(
            TokenExpiry.expiry(sentAt: sent, due: nil, localTime: localTime) == sent.addingTimeInterval(14 * 86_400))
    }

    @Test func occurrenceKeysRoundTrip() throws {
        let reference = OccurrenceReference(
            plan: PlanID("949/KH-UBND"), task: TaskID("VI.1"), milestone: MilestoneID("bao-cao-thang"),
            nominalDue: CivilDate(year: 2026, month: 11, day: 15))
        #expect(reference.key == "949/KH-UBND:VI.1:bao-cao-thang:2026-11-15")
        #expect(OccurrenceReference(key: reference.key) == reference)
        #expect(OccurrenceReference(key: "p:t:m:undated")?.nominalDue == nil)
        #expect(OccurrenceReference(key: "p:t:m:2026-02-30") == nil)
        #expect(OccurrenceReference(key: "p:t") == nil)
    }

    static let httpMain = ConfigFixtures.main + "\n"

    @Test(arguments: [
        ("http: { listen: 127.0.0.1:8080, public_url: http://127.0.0.1:8080 }", nil),
        ("http: { listen: \"unix:/run/nhacviec/http.sock\", public_url: https://nhacviec.gialai.gov.vn }", nil),
        ("http: { listen: 127.0.0.1:8080, public_url: http://nhacviec.gialai.gov.vn }", "must use https"),
        ("http: { listen: 127.0.0.1:99999, public_url: https://x.gov.vn }", "the port must be 1–65535"),
        ("http: { listen: \"unix:run/http.sock\", public_url: https://x.gov.vn }", "absolute socket path"),
        ("http: { listen: 127.0.0.1:8080 }", "needs 'public_url'"),
        (
            "http: { listen: 127.0.0.1:8080, public_url: https://x.gov.vn, trusted_proxies: [nginx] }",
            "not an IP address"
        ),
        ("http: { listen: 127.0.0.1:8080, public_url: https://x.gov.vn, ops_listen: 127.0.0.1:9100 }", nil),
        (
            "http: { listen: 127.0.0.1:8080, public_url: https://x.gov.vn, ops_listen: 127.0.0.1:8080 }",
            "is the same address as http.listen"
        ),
        (
            "http: { listen: 127.0.0.1:8080, public_url: https://x.gov.vn, ops_listen: 127.0.0.1:0 }",
            "http.ops_listen '127.0.0.1:0': the port must be 1–65535"
        ),
    ])
    func httpSectionIsCheckedWhereItIsWritten(_ section: String, _ error: String?) {
        let diagnostics = ConfigFixtures.errors(main: Self.httpMain + section)
        if let error {
            #expect(diagnostics.count == 1)
            #expect(diagnostics.first?.description.hasPrefix("Config/nhacviec.yaml:4:") == true)
            #expect(diagnostics.first?.description.contains(error) == true)
        } else {
            #expect(diagnostics.isEmpty)
        }
    }

    @Test func opsListenerIsOnLoopbackUnlessConfigured() throws {
        let configuration = try ConfigFixtures.compile(
            main: Self.httpMain + "http: { listen: 127.0.0.1:8080, public_url: https://nhacviec.gialai.gov.vn }")
        #expect(configuration.http?.opsListen == .tcp(host: "127.0.0.1", port: 9464))
    }

    @Test func messagesCarryOneLinkPerItemAndPerOverdueAgency() throws {
        let configuration = try ConfigFixtures.compile(
            main: Self.httpMain + "http: { listen: 127.0.0.1:8080, public_url: https://nhacviec.gialai.gov.vn }")
        let templates = try MessageRendererTests.templates()
        let date = try #require(CivilDate(year: 2026, month: 6, day: 10))
        let reminders = ReminderPlanner(configuration: configuration).reminders(
            from: date, through: date, agency: AgencyID("so-tu-phap"))
        let digest = try #require(Digest.group(reminders).first)
        var links = AcknowledgementLinks()
        for item in digest.items { links.items[item.key] = "https://nhacviec.gialai.gov.vn/a/nva_\(item.stage)" }
        let message = MessageRenderer(configuration: configuration, templates: templates).render(digest, links: links)
        for item in digest.items {
            #expect(message.text.contains("Báo cáo đã hoàn thành: https://nhacviec.gialai.gov.vn/a/nva_\(item.stage)"))
            #expect(message.html.contains("href=\"https://nhacviec.gialai.gov.vn/a/nva_\(item.stage)\""))
        }
        let plain = MessageRenderer(configuration: configuration, templates: templates).render(digest)
        #expect(!plain.text.contains("/a/"))
        #expect(plain.text.contains("báo lại Văn phòng UBND tỉnh"))
    }
}
