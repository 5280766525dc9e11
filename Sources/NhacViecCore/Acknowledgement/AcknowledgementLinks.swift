package import Foundation

/// The links one message carries: one per item for the agency itself, and, in an escalation, one per overdue agency
/// for the supervising office to record on that agency's behalf.
package struct AcknowledgementLinks: Sendable, Equatable {
    /// By reminder key.
    package var items: [String: String]
    /// By reminder key, then by the overdue agency.
    package var onBehalf: [String: [AgencyID: String]]
    /// The recipient's own calendar feed, for "Thêm vào lịch" in the footer.
    package var calendar: FeedLinks?

    package init(
        items: [String: String] = [:], onBehalf: [String: [AgencyID: String]] = [:], calendar: FeedLinks? = nil
    ) {
        self.items = items
        self.onBehalf = onBehalf
        self.calendar = calendar
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
        var links = AcknowledgementLinks(
            calendar: FeedLinks(path: "/cal/nvf_(mã-riêng-của-đơn-vị).ics", settings: settings))
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

/// The two addresses of one calendar feed: `webcal://` opens the subscription dialog of Outlook, Apple Calendar and
/// Thunderbird; `https://` is what Google Calendar's "From URL" and any other client take.
package struct FeedLinks: Sendable, Equatable {
    package var webcal: String
    package var https: String

    /// `<public_url>/cal/<token>.ics` in both forms.
    package init(token: AccessToken, settings: HTTPSettings) {
        self.init(path: "/cal/" + token.text + ".ics", settings: settings)
    }

    init(path: String, settings: HTTPSettings) {
        https = settings.publicURL + path
        webcal = "webcal://" + settings.publicURLWithoutScheme + path
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
