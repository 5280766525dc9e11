import Testing

@testable import NhacViecCore

@Suite("The dashboard's users file")
struct WebUsersTests {
    static let hash = "$2y$05$" + String(repeating: "a", count: 53)

    @Test func htpasswdLinesAreViewersAndAThirdFieldMakesAnAdmin() throws {
        let users = try WebUsers(
            parsing: "# users\nvanthu:\(Self.hash)\n\nchanh:\(Self.hash):admin\n", file: "web-users")
        #expect(users["vanthu"]?.role == .viewer)
        #expect(users["chanh"]?.role == .admin)
        #expect(users.render() == "vanthu:\(Self.hash)\nchanh:\(Self.hash):admin\n")
    }

    @Test func aBadLineIsReportedWithItsLineAndAFix() {
        #expect {
            try WebUsers(parsing: "vanthu:\(Self.hash)\nchanh:plaintext\nkt:\(Self.hash):root\n", file: "web-users")
        } throws: { error in
            let text = "\(error)"
            return text.contains("web-users:2:1") && text.contains("nhacviec passwd") && text.contains("web-users:3:1")
                && text.contains("viewer or admin")
        }
    }

    @Test func settingAUserReplacesItInPlace() throws {
        var users = try WebUsers(parsing: "a:\(Self.hash)\nb:\(Self.hash)\n", file: "f")
        users.set(WebUser(name: "a", passwordHash: Self.hash, role: .admin))
        #expect(users.users.map(\.name) == ["a", "b"])
        #expect(users["a"]?.role == .admin)
    }

    @Test func theConfigNamesTheUsersFileInItsHTTPSection() throws {
        let configuration = try ConfigFixtures.compile(
            main: ConfigFixtures.main
                + "\nhttp: { listen: 127.0.0.1:8080, public_url: https://x.gov.vn, users_file: /etc/nhacviec/web-users }\n"
        )
        #expect(configuration.http?.usersFile == "/etc/nhacviec/web-users")
    }
}
