package import Foundation

/// An agency's report on one occurrence: from `nhacviec done`, a link in a reminder, an integrator's POST, or the
/// supervising office's dashboard.
package struct Acknowledgement: Sendable, Hashable {
    /// How a report reached nhacviec; shown by `status`, `upcoming` and the receipt.
    package enum Source: String, Sendable, Hashable, CaseIterable {
        /// `nhacviec done` on the server.
        case cli
        /// The confirmation page of a link in a reminder email.
        case link
        /// A JSON POST to the `ack_url` of a webhook payload.
        case api
        /// The supervising office's dashboard, by a signed-in admin on the agency's behalf.
        case dashboard

        /// "qua liên kết trong thư nhắc việc", …
        package var vietnamese: String {
            switch self {
            case .cli: "do quản trị viên ghi nhận"
            case .link: "qua liên kết trong thư nhắc việc"
            case .api: "qua hệ thống tích hợp"
            case .dashboard: "do Văn phòng ghi nhận thay trên bảng theo dõi"
            }
        }
    }

    /// The occurrence's stable key, `plan:task:milestone:nominal-date`.
    package var occurrenceKey: String
    package var agency: AgencyID
    package var source: Source
    /// "Người báo cáo", as typed on the confirmation page.
    package var reporter: String?
    /// "Số, ngày văn bản đã gửi / ghi chú".
    package var note: String?
    /// The agency that recorded it for `agency` (the supervising office, from an escalation link).
    package var onBehalfBy: AgencyID?
    /// The client's address (from `X-Forwarded-For` only behind a trusted proxy) and user agent, for audits.
    package var clientAddress: String?
    package var userAgent: String?
    package var recordedAt: Date

    package init(
        occurrenceKey: String, agency: AgencyID, source: Source, reporter: String? = nil, note: String? = nil,
        onBehalfBy: AgencyID? = nil, clientAddress: String? = nil, userAgent: String? = nil, recordedAt: Date
    ) {
        self.occurrenceKey = occurrenceKey
        self.agency = agency
        self.source = source
        self.reporter = reporter
        self.note = note
        self.onBehalfBy = onBehalfBy
        self.clientAddress = clientAddress
        self.userAgent = userAgent
        self.recordedAt = recordedAt
    }
}

extension Acknowledgement {
    /// `{"agency","source","reporter","note","on_behalf_by","recorded_at"}`, as `upcoming` and `status` print it, with
    /// the time in `localTime`'s zone and offset.
    package func json(in localTime: LocalTime) -> JSONValue {
        .object(jsonMembers(in: localTime))
    }

    /// The members of ``json(in:)``, for objects that add their own around them (`status`, the route's reply).
    package func jsonMembers(in localTime: LocalTime) -> [(String, JSONValue)] {
        [
            ("agency", .string(agency.rawValue)), ("source", .string(source.rawValue)),
            ("reporter", .optional(reporter)), ("note", .optional(note)),
            ("on_behalf_by", .optional(onBehalfBy?.rawValue)),
            ("recorded_at", .string(localTime.iso8601(recordedAt))),
        ]
    }
}
