import Foundation
package import Hummingbird
import Logging
import NhacViecCore
import NhacViecStore

/// `/a/{token}`: an agency (or the supervising office on its behalf) reports a deadline as done.
///
/// GET and HEAD only show a page, so a mail scanner that opens every link changes nothing; the report is a POST of
/// the page's form (carrying a value derived from the token) or a JSON POST from an integrator.
package struct AcknowledgementController: Sendable {
    /// The largest request body accepted: two short text fields.
    package static let maximumBody = 16 * 1024
    static let reporterLimit = 200
    static let noteLimit = 2000
    static let userAgentLimit = 300

    let dependencies: WebDependencies

    package init(dependencies: WebDependencies) {
        self.dependencies = dependencies
    }

    package func addRoutes(to group: RouterGroup<WebRequestContext>) {
        group.add(middleware: SecurityHeadersMiddleware())
            .add(middleware: BodyLimitMiddleware(limit: Self.maximumBody))
            .get(":token", use: show)
            .post(":token", use: record)
    }

    /// What a valid token leads to, read fresh for every request.
    private struct Target {
        var token: AccessToken
        var grant: IssuedToken
        var occurrence: Occurrence
        var configuration: Configuration
        var templates: MessageTemplates
    }

    private func target(_ context: WebRequestContext) async throws -> Target? {
        guard let text = context.parameters.get("token"),
            let token = AccessToken(parsing: text, purpose: .acknowledge),
            let grant = try await dependencies.ledger.grant(of: token, now: dependencies.now())
        else { return nil }
        let (configuration, templates) = await dependencies.state.snapshot
        guard let occurrence = grant.occurrence.resolve(in: configuration) else { return nil }
        return Target(
            token: token, grant: grant, occurrence: occurrence, configuration: configuration, templates: templates)
    }

    @Sendable func show(_ request: Request, context: WebRequestContext) async throws -> Response {
        guard let target = try await target(context) else { return await invalid(request, context: context) }
        let acknowledgement = try await dependencies.ledger.acknowledgement(
            occurrenceKey: target.grant.occurrenceKey, agency: target.grant.agency)
        return html(
            .ok,
            AcknowledgementPage.render(
                templates: target.templates, configuration: target.configuration, occurrence: target.occurrence,
                grant: target.grant, token: target.token, acknowledgement: acknowledgement,
                settings: dependencies.settings))
    }

    @Sendable func record(_ request: Request, context: WebRequestContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: Self.maximumBody)
        guard let target = try await target(context) else { return await invalid(request, context: context) }
        let wantsJSON = request.headers[.accept]?.contains("application/json") ?? false
        let isJSONBody = request.headers[.contentType]?.lowercased().hasPrefix("application/json") ?? false
        if let refusal = crossSiteRefusal(request, isJSONBody: isJSONBody) {
            context.logger.notice(
                "Acknowledgement refused", metadata: ["token.id": "\(target.token.logID)", "reason": "\(refusal)"])
            return html(.forbidden, ErrorPage.render(title: "Không thể ghi nhận", message: refusal))
        }
        let fields: Fields
        do {
            fields = try isJSONBody ? Fields(json: body) : Fields(form: body)
        } catch {
            return html(
                .badRequest, ErrorPage.render(title: "Không thể ghi nhận", message: "Nội dung gửi lên không đọc được."))
        }
        if !isJSONBody && fields.form != target.token.formValue {
            context.logger.notice(
                "Acknowledgement form without its value", metadata: ["token.id": "\(target.token.logID)"])
            return html(
                .forbidden,
                ErrorPage.render(
                    title: "Không thể ghi nhận",
                    message:
                        "Biểu mẫu không hợp lệ. Xin mở lại liên kết trong thư nhắc việc và bấm nút xác nhận trên trang đó."
                ))
        }
        let agency = target.configuration.directory.agencies[target.grant.agency]
        let acknowledgement = Acknowledgement(
            occurrenceKey: target.grant.occurrenceKey, agency: target.grant.agency, source: isJSONBody ? .api : .link,
            reporter: fields.reporter.flatMap { Self.clean($0, limit: Self.reporterLimit) },
            note: fields.note.flatMap { Self.clean($0, limit: Self.noteLimit) },
            onBehalfBy: target.grant.isOnBehalf ? target.grant.issuedTo : nil,
            clientAddress: ClientAddress.resolve(
                peer: context.remoteAddress, headers: request.headers,
                trustedProxies: dependencies.settings.trustedProxies),
            userAgent: request.headers[.userAgent].flatMap { Self.clean($0, limit: Self.userAgentLimit) },
            recordedAt: dependencies.now())
        let (recorded, isNew) = try await dependencies.ledger.acknowledge(
            acknowledgement, receiptChannels: agency?.emails.map(DeliveryChannel.email) ?? [])
        context.logger.info(
            isNew ? "Acknowledgement recorded" : "Acknowledgement was already recorded",
            metadata: [
                "token.id": "\(target.token.logID)", "agency": "\(recorded.agency)",
                "occurrence": "\(recorded.occurrenceKey)", "source": "\(recorded.source.rawValue)",
            ])
        if isNew {
            dependencies.telemetry.acknowledged(source: recorded.source)
            await dependencies.acknowledged()
        }
        if wantsJSON || isJSONBody {
            return json(isNew ? .created : .ok, Self.json(recorded, isNew: isNew, target: target))
        }
        return Response(
            status: .seeOther,
            headers: [.location: dependencies.settings.publicPath + "/a/" + target.token.text])
    }

    /// Why a POST is refused as cross-site, or nil: a browser's `Origin` or `Sec-Fetch-Site` must name this site.
    private func crossSiteRefusal(_ request: Request, isJSONBody: Bool) -> String? {
        if let origin = request.headers[.origin], origin != "null",
            origin.lowercased() != dependencies.settings.publicOrigin
        {
            return "Yêu cầu đến từ một trang khác (\(origin)); xin bấm nút xác nhận trên chính trang của liên kết."
        }
        if request.headers[.secFetchSite] == "cross-site" {
            return "Yêu cầu đến từ một trang khác; xin bấm nút xác nhận trên chính trang của liên kết."
        }
        return nil
    }

    private func invalid(_ request: Request, context: WebRequestContext) async -> Response {
        let templates = await dependencies.state.templates
        if request.headers[.accept]?.contains("application/json") ?? false {
            return json(.notFound, #"{"error":"invalid_or_expired_link"}"#)
        }
        return html(.notFound, AcknowledgementPage.invalid(templates: templates))
    }

    /// Trimmed, control characters removed (a newline kept in notes), at most `limit` characters; nil when empty.
    static func clean(_ text: String, limit: Int) -> String? {
        let kept = text.unicodeScalars.filter { $0 == "\n" || $0.properties.generalCategory != .control }
        let trimmed = String(String.UnicodeScalarView(kept)).trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : String(trimmed.prefix(limit))
    }

    /// `status` and the occurrence, then the report as `upcoming` and `status` print it.
    private static func json(_ acknowledgement: Acknowledgement, isNew: Bool, target: Target) -> String {
        let localTime = LocalTime(identifier: target.configuration.timeZone)
        return JSONValue.object(
            [
                ("status", .string(isNew ? "recorded" : "already_recorded")),
                ("plan", .string(target.occurrence.plan.rawValue)),
                ("task", .string(target.occurrence.task.id.rawValue)),
                ("milestone", .string(target.occurrence.milestone.id.rawValue)),
                ("nominal_due", .optional(target.occurrence.nominalDue?.iso8601)),
                ("due", .optional(target.occurrence.due?.iso8601)),
            ] + acknowledgement.jsonMembers(in: localTime)
        ).render()
    }

    private func html(_ status: HTTPResponse.Status, _ page: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
    }

    private func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

/// The two optional fields of the confirmation form (and the form's own value), from a form or a JSON body.
struct Fields: Decodable {
    var form: String?
    var reporter: String?
    var note: String?

    init(form body: ByteBuffer) throws {
        self = try URLEncodedFormDecoder().decode(Fields.self, from: String(buffer: body))
    }

    init(json body: ByteBuffer) throws {
        guard body.readableBytes > 0 else { return }
        self = try JSONDecoder().decode(Fields.self, from: Data(body.readableBytesView))
    }
}
