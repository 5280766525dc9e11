import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NhacViecCore
import NhacViecHTTP
import NhacViecStore
import Testing

@Suite("An agency reports done from the link in its reminder")
struct AcknowledgementRouteTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    static func formBody(
        _ token: AccessToken, reporter: String = "Nguyễn Văn A", note: String = "CV 123/STP"
    )
        -> ByteBuffer
    {
        func encode(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        }
        return ByteBuffer(string: "form=\(token.formValue)&reporter=\(encode(reporter))&note=\(encode(note))")
    }

    @Test func confirmationPageNamesTheDeadlineAndChangesNothing() async throws {
        let fixture = try WebFixture()
        let token = try await fixture.token()
        try await fixture.test { client in
            for _ in 0..<5 {
                try await client.execute(uri: "/a/\(token.text)", method: .get) { response in
                    #expect(response.status == .ok)
                    let page = String(buffer: response.body)
                    #expect(page.contains("Sở Tư pháp"))
                    #expect(page.contains("949/KH-UBND"))
                    #expect(page.contains("VI.1"))
                    #expect(page.contains("Thứ Sáu, ngày 13/11/2026"))
                    #expect(page.contains("Người báo cáo"))
                    #expect(page.contains("Số, ngày văn bản đã gửi / ghi chú"))
                    #expect(page.contains("Xác nhận đã hoàn thành"))
                    #expect(page.contains("value=\"\(token.formValue)\""))
                    #expect(!page.contains("<script"))
                }
            }
            try await client.execute(uri: "/a/\(token.text)", method: .head) { response in
                #expect(response.status == .ok)
            }
        }
        #expect(try await fixture.acknowledgement() == nil)
        #expect(fixture.acknowledged.count == 0)
    }

    @Test func linkPagesCarryHeadersThatKeepTheTokenPrivate() async throws {
        let fixture = try WebFixture()
        let token = try await fixture.token()
        try await fixture.test { client in
            for uri in ["/a/\(token.text)", "/a/nva_00000000000000000000000000000000"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.headers[.cacheControl] == "no-store")
                    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
                    #expect(response.headers[HTTPField.Name("X-Robots-Tag")!]?.contains("noindex") == true)
                    let policy = try #require(response.headers[.contentSecurityPolicy])
                    #expect(policy.contains("default-src 'none'"))
                    #expect(policy.contains("form-action 'self'"))
                    #expect(policy.contains("frame-ancestors 'none'"))
                }
            }
        }
    }

    @Test func postingTwiceRecordsOneAcknowledgementAndShowsTheFirstReceipt() async throws {
        let fixture = try WebFixture()
        let token = try await fixture.token()
        try await fixture.test { client in
            try await client.execute(
                uri: "/a/\(token.text)", method: .post, headers: Self.form, body: Self.formBody(token)
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/a/\(token.text)")
            }
            try await client.execute(
                uri: "/a/\(token.text)", method: .post, headers: Self.form,
                body: Self.formBody(token, reporter: "Người khác", note: "lần hai")
            ) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: "/a/\(token.text)", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("Đã ghi nhận lúc"))
                #expect(page.contains("08:00 ngày 17/11/2026"))
                #expect(page.contains("Nguyễn Văn A"))
                #expect(page.contains("CV 123/STP"))
                #expect(!page.contains("Người khác"))
                #expect(!page.contains("<form"))
            }
        }
        let recorded = try #require(try await fixture.acknowledgement())
        #expect(recorded.source == .link)
        #expect(recorded.reporter == "Nguyễn Văn A")
        #expect(recorded.note == "CV 123/STP")
        #expect(recorded.recordedAt == WebFixture.now)
        #expect(fixture.acknowledged.count == 1)
        let receipts = try await fixture.ledger.readyReceipts(at: WebFixture.now)
        #expect(receipts.map(\.channel) == [.email("so-tu-phap@gialai.example")])
    }

    @Test(arguments: ["changed", "unknown", "expired", "revoked", "feed", "malformed"])
    func everyBadTokenGetsTheSameNotFoundPageAndWritesNothing(_ kind: String) async throws {
        let fixture = try WebFixture()
        let uri: String
        switch kind {
        case "changed":
            let token = try await fixture.token()
            let last = token.text.last == "0" ? "1" : "0"
            uri = "/a/" + token.text.dropLast() + last
        case "unknown":
            uri = "/a/" + AccessToken.generate(.acknowledge).text
        case "expired":
            uri = "/a/" + (try await fixture.token(expiresAt: WebFixture.now.addingTimeInterval(-1))).text
        case "revoked":
            let token = try await fixture.token()
            try await fixture.ledger.revokeTokens(
                occurrenceKey: WebFixture.monthlyReport.key, agency: AgencyID("so-tu-phap"), now: WebFixture.now)
            uri = "/a/" + token.text
        case "feed":
            uri = "/a/" + (try await fixture.token(purpose: .feed)).text
        default:
            uri = "/a/nva_%3Cscript%3E"
        }
        let pages = try await fixture.test { client in
            var pages: [String] = []
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .notFound)
                pages.append(String(buffer: response.body))
            }
            try await client.execute(
                uri: uri, method: .post, headers: Self.form,
                body: ByteBuffer(string: "form=x&reporter=a&note=b")
            ) { response in
                #expect(response.status == .notFound)
                pages.append(String(buffer: response.body))
            }
            return pages
        }
        for page in pages {
            #expect(page.contains("Liên kết không hợp lệ hoặc đã hết hạn"))
        }
        #expect(try await fixture.acknowledgement() == nil)
    }

    @Test func anotherAgencysLinkRecordsOnlyThatAgency() async throws {
        let fixture = try WebFixture()
        let other = try await fixture.token(for: "so-tai-chinh")
        try await fixture.test { client in
            try await client.execute(
                uri: "/a/\(other.text)", method: .post, headers: Self.form, body: Self.formBody(other)
            ) { response in
                #expect(response.status == .seeOther)
            }
        }
        #expect(try await fixture.acknowledgement(of: "so-tai-chinh") != nil)
        #expect(try await fixture.acknowledgement(of: "so-tu-phap") == nil)
    }

    @Test func escalationLinkRecordsOnBehalfOfTheAgency() async throws {
        let fixture = try WebFixture()
        let token = try await fixture.token(for: "so-tu-phap", issuedTo: "vp-ubnd")
        try await fixture.test { client in
            try await client.execute(uri: "/a/\(token.text)", method: .get) { response in
                #expect(String(buffer: response.body).contains("ghi nhận thay cho"))
            }
            try await client.execute(
                uri: "/a/\(token.text)", method: .post, headers: Self.form, body: Self.formBody(token)
            ) { _ in }
        }
        let recorded = try #require(try await fixture.acknowledgement())
        #expect(recorded.onBehalfBy == AgencyID("vp-ubnd"))
    }

    @Test func bodyOverTheLimitIsRefusedWith413() async throws {
        let fixture = try WebFixture()
        let token = try await fixture.token()
        try await fixture.test { client in
            let note = String(repeating: "a", count: 17 * 1024)
            try await client.execute(
                uri: "/a/\(token.text)", method: .post, headers: Self.form,
                body: ByteBuffer(string: "form=\(token.formValue)&note=\(note)")
            ) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
        #expect(try await fixture.acknowledgement() == nil)
    }

    @Test func crossSitePostsAreRefused() async throws {
        let fixture = try WebFixture()
        let token = try await fixture.token()
        try await fixture.test { client in
            try await client.execute(
                uri: "/a/\(token.text)", method: .post, headers: Self.form,
                body: ByteBuffer(string: "reporter=a&note=b")
            ) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("Biểu mẫu không hợp lệ"))
            }
            var evil = Self.form
            evil[.origin] = "https://evil.example"
            try await client.execute(
                uri: "/a/\(token.text)", method: .post, headers: evil, body: Self.formBody(token)
            ) { response in
                #expect(response.status == .forbidden)
            }
        }
        #expect(try await fixture.acknowledgement() == nil)
    }

    @Test func integratorPostsJSONToTheAckURL() async throws {
        let fixture = try WebFixture()
        let token = try await fixture.token()
        let json = try await fixture.test { client in
            try await client.execute(
                uri: "/a/\(token.text)", method: .post,
                headers: [.contentType: "application/json", .accept: "application/json"],
                body: ByteBuffer(string: #"{"reporter":"Hệ thống eOffice","note":"VB 45/STP"}"#)
            ) { response in
                #expect(response.status == .created)
                return String(buffer: response.body)
            }
        }
        #expect(json.contains(#""status":"recorded""#))
        #expect(json.contains(#""source":"api""#))
        let recorded = try #require(try await fixture.acknowledgement())
        #expect(recorded.source == .api)
        #expect(recorded.note == "VB 45/STP")
    }

    @Test func agencyNameWithMarkupIsEscaped() async throws {
        let fixture = try WebFixture(agencyName: "<script>alert(1)</script> Sở Tư pháp")
        let token = try await fixture.token()
        try await fixture.test { client in
            try await client.execute(uri: "/a/\(token.text)", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(!page.contains("<script>"))
                #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; Sở Tư pháp"))
            }
        }
    }

    @Test func logsNeverContainAToken() async throws {
        let fixture = try WebFixture()
        let token = try await fixture.token()
        try await fixture.test { client in
            try await client.execute(uri: "/a/\(token.text)", method: .get) { _ in }
            try await client.execute(
                uri: "/a/\(token.text)", method: .post, headers: Self.form, body: Self.formBody(token)
            ) { _ in }
            try await client.execute(
                uri: "/a/\(token.text)", method: .post, headers: Self.form, body: ByteBuffer(string: "note=x")
            ) { _ in }
        }
        let logs = fixture.logs.text
        #expect(logs.contains(token.logID))
        #expect(!logs.contains(token.text))
        #expect(!logs.contains(String(token.text.dropFirst(4))))
    }
}
