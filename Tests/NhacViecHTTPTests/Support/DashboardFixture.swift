import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Logging
import NhacViecCore
import NhacViecHTTP
import NhacViecStore
import Testing

/// The web application of `WebFixture` with a users file of one admin (`chanh`) and one viewer (`vanthu`), or with
/// none, and helpers to sign in, read a page's CSRF value and post the dashboard's forms.
struct DashboardFixture {
    static let admin = (name: "chanh", password: "mat-khau-quan-tri")
    static let viewer = (name: "vanthu", password: "mat-khau-xem")

    let web: WebFixture
    let usersFile: URL?

    /// - Parameters:
    ///   - withUsers: false leaves `http.users_file` unset.
    ///   - agencyName: replaces the name of Sở Tư pháp (to test escaping).
    ///   - onDisk: a ledger file instead of one in memory (see ``WebFixture/init(agencyName:onDisk:)``).
    init(withUsers: Bool = true, agencyName: String? = nil, onDisk: Bool = false) throws {
        web = try WebFixture(agencyName: agencyName, onDisk: onDisk)
        guard withUsers else {
            usersFile = nil
            return
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("nhacviec-users-\(UUID())")
        let users = WebUsers(users: [
            WebUser(name: Self.admin.name, passwordHash: Bcrypt.hash(Self.admin.password, cost: 4), role: .admin),
            WebUser(name: Self.viewer.name, passwordHash: Bcrypt.hash(Self.viewer.password, cost: 4), role: .viewer),
        ])
        try users.render().write(to: file, atomically: true, encoding: .utf8)
        usersFile = file
    }

    var ledger: Ledger { web.ledger }

    /// `Authorization: Basic …` for a name and password.
    static func basic(_ user: (name: String, password: String)) -> HTTPFields {
        let credentials = Data("\(user.name):\(user.password)".utf8).base64EncodedString()
        return [.authorization: "Basic \(credentials)"]
    }

    /// Runs `test` against the router, as the daemon would build it, with the users file in `http.users_file`.
    func test<Value: Sendable>(_ test: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        var settings = web.settings
        settings.usersFile = usersFile?.path
        let counter = web.acknowledged
        let dependencies = WebDependencies(
            state: WebState(configuration: web.configuration, templates: web.templates), ledger: web.ledger,
            settings: settings, now: { WebFixture.now }, acknowledged: { counter.increment() },
            deliveriesQueued: { counter.increment() })
        let app = Application(
            router: WebApplication.router(dependencies: dependencies), logger: Logger(label: "nhacviec.dashboard.test"))
        return try await app.test(.router, test)
    }

    /// The body of a GET as `user`, expecting 200.
    static func page(
        _ uri: String, as user: (name: String, password: String) = admin, client: any TestClientProtocol
    ) async throws -> String {
        try await client.execute(uri: uri, method: .get, headers: basic(user)) { response in
            #expect(response.status == .ok, "GET \(uri)")
            return String(buffer: response.body)
        }
    }

    /// The value of the first `name="csrf"` hidden field of a page.
    static func csrf(in page: String) throws -> String {
        let marker = "name=\"csrf\" value=\""
        let start = try #require(page.range(of: marker)).upperBound
        return String(page[start...].prefix { $0 != "\"" })
    }

    /// Posts a dashboard form as `user` and returns the response's status and `Location`.
    static func post(
        _ path: String, fields: [String: String], as user: (name: String, password: String) = admin,
        extraHeaders: HTTPFields = [:], client: any TestClientProtocol
    ) async throws -> (status: HTTPResponse.Status, location: String?) {
        var headers = basic(user)
        headers[.contentType] = "application/x-www-form-urlencoded"
        headers.append(contentsOf: extraHeaders)
        let body = fields.sorted { $0.key < $1.key }.map { field in
            field.key + "=" + (field.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        }.joined(separator: "&")
        return try await client.execute(
            uri: "/dashboard/" + path, method: .post, headers: headers, body: ByteBuffer(string: body)
        ) { response in (response.status, response.headers[.location]) }
    }

    /// Records a reminder of the monthly report to `agency` that failed with a permanent error.
    func failedDelivery(agency: String = "so-tu-phap") async throws -> DeliveryRecord {
        let key = WebFixture.monthlyReport.key
        try await ledger.insertIfMissing(
            [
                NewDelivery(
                    reminderKey: "\(key):\(agency):due", channel: .email("\(agency)@gialai.example"),
                    occurrenceKey: key, agency: AgencyID(agency), kind: .due, stage: "due",
                    dueDate: CivilDate(year: 2026, month: 11, day: 13),
                    plannedAt: WebFixture.now.addingTimeInterval(-4 * 86_400))
            ], now: WebFixture.now.addingTimeInterval(-4 * 86_400))
        let record = try #require(try await ledger.ready(at: WebFixture.now).first { $0.agency == AgencyID(agency) })
        try await ledger.markSending(
            ids: [record.id], messageID: "<m1@nhacviec>", now: WebFixture.now.addingTimeInterval(-4 * 86_400))
        try await ledger.markFailed(
            ids: [record.id], error: "550 5.1.1 <\(agency)@gialai.example>: mailbox unavailable",
            now: WebFixture.now.addingTimeInterval(-4 * 86_400))
        return record
    }
}
