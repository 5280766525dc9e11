import Foundation
package import Hummingbird
import Logging
import Mustache
import NhacViecCore
import NhacViecStore

/// `/dashboard`: the supervising office's view of every deadline, and its four actions.
///
/// Every page needs a user of the users file (HTTP Basic, over the proxy's TLS); without a users file the whole
/// path answers 404. Pages are GET only; each action is a form POST that carries the user's CSRF value, is refused
/// to viewers (403), is written to the ledger with the user's name, and redirects back (303).
package struct DashboardController: Sendable {
    /// The largest request body accepted: a short note and a few identifiers.
    package static let maximumBody = 16 * 1024
    /// How many failures, retries and actions the health page lists.
    static let listLimit = 200

    let dependencies: WebDependencies
    let users: WebUsersSource
    let formKey: DashboardFormKey
    /// Pages as last rendered for each user and query, while the configuration and the ledger are unchanged.
    let cache = RenderCache()

    package init(dependencies: WebDependencies, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.dependencies = dependencies
        let formKey = DashboardFormKey()
        self.formKey = formKey
        self.users = WebUsersSource(
            path: WebUsersSource.path(settings: dependencies.settings, environment: environment), formKey: formKey)
    }

    package func addRoutes(to group: RouterGroup<WebRequestContext>) {
        group.add(middleware: SecurityHeadersMiddleware())
            .add(middleware: BodyLimitMiddleware(limit: Self.maximumBody))
            .get(use: overview)
            .get("overdue.csv", use: overdueCSV)
            .get("occurrence", use: occurrence)
            .get("agency/:agency", use: agency)
            .get("health", use: health)
            .post("acknowledge", use: acknowledge)
            .post("undo", use: undo)
            .post("resend", use: resend)
            .post("enable-endpoint", use: enableEndpoint)
    }

    var base: String { dependencies.settings.publicPath + "/dashboard" }

    // MARK: Pages

    @Sendable func overview(_ request: Request, context: WebRequestContext) async throws -> Response {
        try await page(request, context: context, section: "overview", title: "Tổng quan") { page, _ in
            let filter = DashboardFilter(query: Self.query(request))
            let board = try await page.board(filter: filter, ledger: dependencies.ledger)
            let overdue = page.shownOverdue(board)
            let deliveries = try await dependencies.ledger.attemptedDeliveries(occurrenceKeys: overdue.occurrenceKeys)
            return page.overview(board: board, filter: filter, overdue: overdue, lastReminders: deliveries)
        }
    }

    @Sendable func overdueCSV(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user: WebUser
        switch await authenticate(request, context: context) {
        case .refused(let response): return response
        case .granted(let granted): user = granted
        }
        let (configuration, _) = await dependencies.state.snapshot
        let page = DashboardPage(configuration: configuration, now: dependencies.now(), base: base)
        let filter = DashboardFilter(query: Self.query(request))
        let board = try await page.board(filter: filter, ledger: dependencies.ledger)
        let deliveries = try await dependencies.ledger.attemptedDeliveries(
            occurrenceKeys: board.deadlines.map(\.occurrence.key))
        context.logger.info("Overdue list exported", metadata: ["user": "\(user.name)"])
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"qua-han-\(page.today.iso8601).csv\"",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: page.overdueCSV(board: board, lastReminders: deliveries)))
        )
    }

    @Sendable func occurrence(_ request: Request, context: WebRequestContext) async throws -> Response {
        try await page(request, context: context, section: "occurrence", title: "Hạn nhiệm vụ") { page, user in
            guard let key = Self.query(request)["key"], let reference = OccurrenceReference(key: key),
                let occurrence = reference.resolve(in: page.configuration), occurrence.due != nil
            else { return nil }
            let acknowledgements = try await dependencies.ledger.acknowledgements(occurrenceKeys: [occurrence.key])
            let board = DeadlineBoard(
                occurrences: [occurrence], acknowledgements: acknowledgements,
                calendar: page.configuration.calendar, localTime: page.localTime, today: page.today)
            let deliveries = try await dependencies.ledger.attemptedDeliveries(occurrenceKeys: [occurrence.key])
            return page.occurrence(
                occurrence, board: board, deliveries: deliveries[occurrence.key] ?? [], isAdmin: user.role == .admin)
        }
    }

    @Sendable func agency(_ request: Request, context: WebRequestContext) async throws -> Response {
        try await page(request, context: context, section: "agency", title: "Cơ quan") { page, _ in
            guard let id = context.parameters.get("agency"),
                let agency = page.configuration.directory.agencies[AgencyID(id)]
            else { return nil }
            var filter = DashboardFilter(query: Self.query(request))
            filter.agency = agency.id
            let board = try await page.board(filter: filter, ledger: dependencies.ledger)
            let deliveries = try await dependencies.ledger.attemptedDeliveries(
                occurrenceKeys: board.deadlines.map(\.occurrence.key))
            return page.agency(agency, board: board, deliveries: deliveries)
        }
    }

    @Sendable func health(_ request: Request, context: WebRequestContext) async throws -> Response {
        try await page(request, context: context, section: "health", title: "Tình trạng gửi") { page, user in
            let ledger = dependencies.ledger
            func instant(_ key: ServiceMeta) async throws -> Date? {
                try await ledger.meta(key).flatMap { ISO8601DateFormatter().date(from: $0) }
            }
            return page.health(
                lastPass: try await instant(.lastPass), nextWake: try await instant(.nextWake),
                counts: try await ledger.counts(), retries: try await ledger.pendingRetries(limit: Self.listLimit),
                failures: try await ledger.failures(limit: Self.listLimit),
                endpoints: try await ledger.disabledEndpointList(),
                actions: try await ledger.dashboardActions(limit: Self.listLimit), isAdmin: user.role == .admin)
        }
    }

    /// Authenticates, builds the section's values with `build` (nil: 404), and renders the dashboard template; a
    /// page already rendered for this user and query at the same configuration and ledger is served as it was.
    private func page(
        _ request: Request, context: WebRequestContext, section: String, title: String,
        build: @escaping @Sendable (DashboardPage, WebUser) async throws -> [String: Any]?
    ) async throws -> Response {
        let user: WebUser
        switch await authenticate(request, context: context) {
        case .refused(let response): return response
        case .granted(let granted): user = granted
        }
        let (configuration, templates, generation) = await dependencies.state.versionedSnapshot
        let now = dependencies.now()
        let (base, csrf) = (base, formKey.value(for: user.name))
        let render: @Sendable () async throws -> RenderCache.Entry = {
            let page = DashboardPage(configuration: configuration, now: now, base: base)
            guard let values = try await build(page, user) else { throw PageNotFound() }
            let localTime = LocalTime(identifier: configuration.timeZone)
            let context: [String: Any] = [
                section: values,
                "title": title,
                "base": base,
                "user": user.name,
                "role_label": user.role == .admin ? "quản trị" : "xem",
                "is_admin": user.role == .admin,
                "csrf": csrf,
                "generated_at": localTime.vietnameseDateTime(now),
            ]
            return RenderCache.Entry(body: ByteBuffer(string: templates[.dashboardPage].render(context)))
        }
        do {
            guard let version = RenderCache.Version(configuration: generation, ledger: dependencies.ledger) else {
                return Self.html(.ok, try await render().body)
            }
            let key = [user.name, user.role.rawValue, request.uri.path, request.uri.query ?? ""]
                .joined(separator: "\u{1F}")
            return Self.html(.ok, try await cache.entry(key, version: version, now: now, render: render).body)
        } catch is PageNotFound {
            return Self.html(.notFound, ErrorPage.render(title: "Không tìm thấy", message: "Không có trang này."))
        }
    }

    /// What a page's `build` found nothing to show for (an unknown occurrence or agency): answered 404, never cached.
    private struct PageNotFound: Error {}

    // MARK: Access

    enum Access {
        case granted(WebUser)
        case refused(Response)
    }

    /// The user of the request's Basic credentials; 404 when there are no users, 401 when the credentials are
    /// missing or wrong.
    func authenticate(_ request: Request, context: WebRequestContext) async -> Access {
        guard let users = await users.users(logger: context.logger) else {
            return .refused(
                Self.html(.notFound, ErrorPage.render(title: "Không tìm thấy", message: "Không có trang này.")))
        }
        guard let (name, password) = Self.basicCredentials(request.headers[.authorization]),
            let user = await self.users.authenticate(name: name, password: password, in: users)
        else {
            if Self.basicCredentials(request.headers[.authorization]) != nil {
                context.logger.notice("Dashboard sign-in refused")
            }
            var response = Self.html(
                .unauthorized,
                ErrorPage.render(
                    title: "Cần đăng nhập",
                    message: "Xin đăng nhập bằng tài khoản của bảng theo dõi (do quản trị viên cấp)."))
            response.headers[.wwwAuthenticate] = "Basic realm=\"nhacviec\", charset=\"UTF-8\""
            return .refused(response)
        }
        return .granted(user)
    }

    /// `(name, password)` of an `Authorization: Basic …` header.
    static func basicCredentials(_ header: String?) -> (String, String)? {
        guard let header, header.lowercased().hasPrefix("basic "),
            let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    static func query(_ request: Request) -> [String: String] {
        var values: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { values[String(key)] = String(value) }
        return values
    }

    static func html(_ status: HTTPResponse.Status, _ page: String) -> Response {
        html(status, ByteBuffer(string: page))
    }

    static func html(_ status: HTTPResponse.Status, _ page: ByteBuffer) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"], body: ResponseBody(byteBuffer: page))
    }
}
