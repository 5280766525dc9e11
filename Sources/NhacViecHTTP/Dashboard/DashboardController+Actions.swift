import Foundation
import Hummingbird
import Logging
import NhacViecCore
import NhacViecStore

extension DashboardController {
    /// The fields of the dashboard's forms; each action reads the ones it needs.
    struct ActionForm: Decodable {
        var csrf: String?
        var key: String?
        var agency: String?
        var reporter: String?
        var note: String?
        var id: String?
        var url: String?
    }

    /// What `admit` decided about a POST.
    enum Admission {
        case admitted(WebUser, ActionForm, Configuration)
        case refused(Response)
    }

    /// Runs `action` for an admitted POST; answers a refused one with its refusal.
    private func perform(
        _ request: Request, context: WebRequestContext,
        action: (WebUser, ActionForm, Configuration) async throws -> Response
    ) async throws -> Response {
        switch try await admit(request, context: context) {
        case .refused(let response): response
        case .admitted(let user, let form, let configuration): try await action(user, form, configuration)
        }
    }

    /// Admits an admin's form that carries the user's CSRF value and was posted from this site; refuses the rest.
    private func admit(_ request: Request, context: WebRequestContext) async throws -> Admission {
        var request = request
        let body = try await request.collectBody(upTo: Self.maximumBody)
        let user: WebUser
        switch await authenticate(request, context: context) {
        case .refused(let response): return .refused(response)
        case .granted(let granted): user = granted
        }
        func refuse(_ status: HTTPResponse.Status, _ message: String) -> Admission {
            context.logger.notice(
                "Dashboard action refused", metadata: ["user": "\(user.name)", "reason": "\(message)"])
            return .refused(Self.html(status, ErrorPage.render(title: "Không thể thực hiện", message: message)))
        }
        guard user.role == .admin else {
            return refuse(.forbidden, "Tài khoản \(user.name) chỉ được xem; xin nhờ quản trị viên thực hiện.")
        }
        let origin = request.headers[.origin].map { $0.lowercased() }
        if let origin, origin != "null", origin != dependencies.settings.publicOrigin {
            return refuse(.forbidden, "Yêu cầu đến từ một trang khác.")
        }
        if request.headers[.secFetchSite] == "cross-site" {
            return refuse(.forbidden, "Yêu cầu đến từ một trang khác.")
        }
        guard let form = try? URLEncodedFormDecoder().decode(ActionForm.self, from: String(buffer: body)) else {
            return refuse(.badRequest, "Nội dung gửi lên không đọc được.")
        }
        guard formKey.accepts(form.csrf, for: user.name) else {
            return refuse(.forbidden, "Biểu mẫu đã cũ hoặc không hợp lệ. Xin tải lại trang rồi thực hiện lại.")
        }
        return .admitted(user, form, await dependencies.state.configuration)
    }

    /// The occurrence and assigned agency a form names, or nil.
    private func assignment(_ form: ActionForm, in configuration: Configuration) -> (Occurrence, Agency)? {
        guard let key = form.key, let reference = OccurrenceReference(key: key),
            let occurrence = reference.resolve(in: configuration), let id = form.agency.map(AgencyID.init),
            occurrence.milestone.assignees.contains(id), let agency = configuration.directory.agencies[id]
        else { return nil }
        return (occurrence, agency)
    }

    private func back(to occurrence: Occurrence?) -> Response {
        let location = occurrence.map { base + "/occurrence?key=" + DashboardPage.encode($0.key) } ?? base + "/health"
        return Response(status: .seeOther, headers: [.location: location])
    }

    private func notFound(_ message: String) -> Response {
        Self.html(.notFound, ErrorPage.render(title: "Không tìm thấy", message: message))
    }

    /// Records that an agency has done an occurrence, on its behalf, with the receipt email the link route sends.
    @Sendable func acknowledge(_ request: Request, context: WebRequestContext) async throws -> Response {
        try await perform(request, context: context) { user, form, configuration in
            guard let (occurrence, agency) = assignment(form, in: configuration) else {
                return notFound("Không có hạn nhiệm vụ này, hoặc cơ quan không được giao nhiệm vụ này.")
            }
            let now = dependencies.now()
            let acknowledgement = Acknowledgement(
                occurrenceKey: occurrence.key, agency: agency.id, source: .dashboard,
                reporter: form.reporter.flatMap {
                    AcknowledgementController.clean($0, limit: AcknowledgementController.reporterLimit)
                }
                    ?? user.name,
                note: form.note.flatMap {
                    AcknowledgementController.clean($0, limit: AcknowledgementController.noteLimit)
                },
                onBehalfBy: configuration.reminders.escalateTo,
                clientAddress: ClientAddress.resolve(
                    peer: context.remoteAddress, headers: request.headers,
                    trustedProxies: dependencies.settings.trustedProxies),
                userAgent: request.headers[.userAgent].flatMap {
                    AcknowledgementController.clean($0, limit: AcknowledgementController.userAgentLimit)
                },
                recordedAt: now)
            let (_, isNew) = try await dependencies.ledger.acknowledge(
                acknowledgement, receiptChannels: agency.emails.map(DeliveryChannel.email))
            if isNew {
                try await dependencies.ledger.record(
                    DashboardAction(
                        user: user.name, kind: .acknowledge, target: "\(occurrence.key) \(agency.id)",
                        detail: acknowledgement.note, recordedAt: now))
                dependencies.telemetry.acknowledged(source: .dashboard)
                await dependencies.acknowledged()
            }
            context.logger.info(
                isNew ? "Acknowledgement recorded on the dashboard" : "Acknowledgement was already recorded",
                metadata: ["user": "\(user.name)", "agency": "\(agency.id)", "occurrence": "\(occurrence.key)"])
            return back(to: occurrence)
        }
    }

    /// Removes an acknowledgement recorded by mistake, so the agency's reminders resume.
    @Sendable func undo(_ request: Request, context: WebRequestContext) async throws -> Response {
        try await perform(request, context: context) { user, form, configuration in
            guard let (occurrence, agency) = assignment(form, in: configuration) else {
                return notFound("Không có hạn nhiệm vụ này, hoặc cơ quan không được giao nhiệm vụ này.")
            }
            let removed = try await dependencies.ledger.undoAcknowledgement(
                occurrenceKey: occurrence.key, agency: agency.id)
            if removed {
                try await dependencies.ledger.record(
                    DashboardAction(
                        user: user.name, kind: .undoAcknowledgement, target: "\(occurrence.key) \(agency.id)",
                        recordedAt: dependencies.now()))
            }
            context.logger.info(
                removed ? "Acknowledgement undone on the dashboard" : "No acknowledgement to undo",
                metadata: ["user": "\(user.name)", "agency": "\(agency.id)", "occurrence": "\(occurrence.key)"])
            return back(to: occurrence)
        }
    }

    /// Puts a failed delivery back in the queue and wakes the scheduler to send it now.
    @Sendable func resend(_ request: Request, context: WebRequestContext) async throws -> Response {
        try await perform(request, context: context) { user, form, configuration in
            guard let id = form.id.flatMap(Int64.init) else { return notFound("Không có thông báo này.") }
            let queued = try await dependencies.ledger.resend(deliveryID: id, by: user.name, now: dependencies.now())
            if queued { await dependencies.deliveriesQueued() }
            context.logger.info(
                queued ? "Failed delivery queued again from the dashboard" : "Delivery was not failed",
                metadata: ["user": "\(user.name)", "delivery.id": "\(id)"])
            let occurrence = form.key.flatMap(OccurrenceReference.init(key:)).flatMap { $0.resolve(in: configuration) }
            return back(to: occurrence)
        }
    }

    /// Lets deliveries to a webhook URL that answered 410 go out again.
    @Sendable func enableEndpoint(_ request: Request, context: WebRequestContext) async throws -> Response {
        try await perform(request, context: context) { user, form, _ in
            guard let url = form.url else { return notFound("Không có địa chỉ này.") }
            let enabled = try await dependencies.ledger.enableEndpoint(url: url, by: user.name, now: dependencies.now())
            if enabled { await dependencies.deliveriesQueued() }
            context.logger.info(
                enabled ? "Webhook endpoint enabled from the dashboard" : "Webhook endpoint was not disabled",
                metadata: ["user": "\(user.name)"])
            return back(to: nil)
        }
    }
}
