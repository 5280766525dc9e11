package import Foundation
package import Hummingbird
package import NhacViecCore
package import NhacViecStore

/// `/cal/{token}.ics`: the calendar an agency (or the supervising office, for the whole province) subscribes to.
///
/// Read-only, so GET and HEAD only; answered whatever `Accept` says (calendar clients send odd ones or none), never
/// compressed (some clients cannot inflate), with a strong ETag so a client polling every few hours mostly gets 304.
package struct FeedController: Sendable {
    let dependencies: WebDependencies
    /// Feeds as last rendered, so that a poll between two changes of the plan or the ledger costs no render.
    let cache = RenderCache()

    package init(dependencies: WebDependencies) {
        self.dependencies = dependencies
    }

    package func addRoutes(to group: RouterGroup<WebRequestContext>) {
        group.get(":file", use: show)
    }

    @Sendable func show(_ request: Request, context: WebRequestContext) async throws -> Response {
        guard let file = context.parameters.get("file"), file.hasSuffix(".ics"),
            let token = AccessToken(parsing: String(file.dropLast(".ics".count)), purpose: .feed),
            let scope = try await dependencies.ledger.feedScope(of: token)
        else { return Self.notFound }
        let (configuration, _, generation) = await dependencies.state.versionedSnapshot
        if case .agency(let agency) = scope, configuration.directory.agencies[agency] == nil { return Self.notFound }
        let now = dependencies.now()
        // The version is read before the ledger is, so a change during the render makes the next request render.
        let version = RenderCache.Version(configuration: generation, ledger: dependencies.ledger)
        let ledger = dependencies.ledger
        let render: @Sendable () async throws -> RenderCache.Entry = {
            let text = try await Self.render(scope: scope, configuration: configuration, ledger: ledger, now: now)
            return RenderCache.Entry(body: ByteBuffer(string: text), etag: CalendarFeed.etag(of: text))
        }
        let feed: RenderCache.Entry
        if let version {
            feed = try await cache.entry(scope.key, version: version, now: now, render: render)
        } else {
            feed = try await render()
        }
        let etag = feed.etag ?? ""
        let body = feed.body
        var headers: HTTPFields = [
            .eTag: etag, .cacheControl: "private, no-cache", .referrerPolicy: "no-referrer",
            .xRobotsTag: "noindex, nofollow", .xContentTypeOptions: "nosniff",
        ]
        if let match = request.headers[.ifNoneMatch], Self.matches(match, etag: etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = "text/calendar; charset=utf-8"
        headers[.contentDisposition] = "inline; filename=\"nhacviec.ics\""
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// The feed of `scope` at `now`, recording in the ledger what changed since the last render (usually nothing, and
    /// then nothing is written).
    package static func render(
        scope: FeedScope, configuration: Configuration, ledger: Ledger, now: Date
    ) async throws -> String {
        let feed = CalendarFeed(scope: scope, configuration: configuration)
        let today = LocalTime(identifier: configuration.timeZone).civilDate(of: now)
        let window = CalendarFeed.window(today: today)
        let occurrences = Schedule(configuration: configuration).occurrences(
            from: window.lowerBound, through: window.upperBound, filter: Schedule.Filter(agencies: feed.agencies))
        let acknowledged = try await ledger.acknowledgements(occurrenceKeys: occurrences.map(\.key))
        let publication = feed.publication(
            occurrences: occurrences, acknowledged: acknowledged,
            published: try await ledger.publishedEvents(scope: scope), today: today, now: now)
        if publication.changesLedger {
            try await ledger.recordPublication(
                scope: scope, changed: publication.changed, removed: publication.removed)
        }
        return publication.calendar.render()
    }

    /// `If-None-Match`: `*`, or a list of tags, weak ones compared weakly (RFC 9110 §13.1.2).
    static func matches(_ header: String, etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }

    /// The same answer for a malformed, unknown or rotated token, so a probe learns nothing.
    static var notFound: Response {
        Response(
            status: .notFound, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(
                byteBuffer: ByteBuffer(
                    string: "Không tìm thấy lịch: liên kết không đúng hoặc đã được thay bằng liên kết mới.\n")))
    }
}
