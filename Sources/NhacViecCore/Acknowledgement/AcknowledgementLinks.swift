package import Foundation

/// The links one message carries: one per item for the agency itself, and, in an escalation, one per overdue agency
/// for the supervising office to record on that agency's behalf.
package struct AcknowledgementLinks: Sendable, Equatable {
    /// By reminder key.
    package var items: [String: String]
    /// By reminder key, then by the overdue agency.
    package var onBehalf: [String: [AgencyID: String]]

    package init(items: [String: String] = [:], onBehalf: [String: [AgencyID: String]] = [:]) {
        self.items = items
        self.onBehalf = onBehalf
    }

    /// No links (no `http:` section).
    package static let none = AcknowledgementLinks()

    /// `<public_url>/a/<token>`.
    package static func url(for token: AccessToken, settings: HTTPSettings) -> String {
        settings.publicURL + "/a/" + token.text
    }

    /// What `nhacviec preview` shows instead of a real link: where it goes, without creating a token.
    package static func placeholder(settings: HTTPSettings) -> String {
        settings.publicURL + "/a/nva_(mã-riêng-tạo-khi-gửi)"
    }

    /// Placeholder links for every item and overdue agency of `digest`, for previews.
    package static func placeholders(for digest: Digest, settings: HTTPSettings?) -> AcknowledgementLinks {
        guard let settings else { return .none }
        let link = placeholder(settings: settings)
        var links = AcknowledgementLinks()
        for item in digest.items {
            if item.kind == .escalation {
                links.onBehalf[item.key] = Dictionary(uniqueKeysWithValues: item.overdueAgencies.map { ($0, link) })
            } else {
                links.items[item.key] = link
            }
        }
        return links
    }
}

/// When a link stops working: the later of 14 days after it was sent and 30 days after the due date.
package enum TokenExpiry {
    package static let afterSending: TimeInterval = 14 * 86_400
    package static let afterDue = 30

    /// - Parameters:
    ///   - due: the effective due date, nil for undated work.
    ///   - localTime: the configured zone, in which the due date ends.
    package static func expiry(sentAt: Date, due: CivilDate?, localTime: LocalTime) -> Date {
        let bySending = sentAt.addingTimeInterval(afterSending)
        guard let due else { return bySending }
        let byDue = localTime.instant(of: due.adding(days: afterDue + 1), at: TimeOfDay(hour: 0, minute: 0)).date
        return max(bySending, byDue)
    }
}
