package import Foundation
package import NhacViecCore
package import NhacViecStore

/// Mints the acknowledgement links of outgoing messages: a fresh token per item, stored (hashed) before the message
/// leaves, so a link works the moment it arrives; and the recipient's calendar feed, whose token lasts.
package struct LinkIssuer: Sendable {
    private let settings: HTTPSettings?
    private let ledger: Ledger
    private let localTime: LocalTime

    package init(configuration: Configuration, ledger: Ledger) {
        self.settings = configuration.http
        self.ledger = ledger
        self.localTime = LocalTime(identifier: configuration.timeZone)
    }

    /// Links for every item of `digest` (and, in an escalation, for every overdue agency); none without `http:`.
    package func links(for digest: Digest, now: Date) async throws -> AcknowledgementLinks {
        guard settings != nil else { return .none }
        var links = AcknowledgementLinks()
        var issued: [IssuedToken] = []
        func mint(for agency: AgencyID, occurrence: Occurrence) -> String? {
            let (token, url) = grant(agency: agency, issuedTo: digest.agency, occurrence: occurrence, now: now)
            issued.append(token)
            return url
        }
        for item in digest.items {
            if item.kind == .escalation {
                var byAgency: [AgencyID: String] = [:]
                for agency in item.overdueAgencies { byAgency[agency] = mint(for: agency, occurrence: item.occurrence) }
                links.onBehalf[item.key] = byAgency
            } else {
                links.items[item.key] = mint(for: item.agency, occurrence: item.occurrence)
            }
        }
        try await ledger.insertTokens(issued)
        links.calendar = try await feedLinks(for: .agency(digest.agency), now: now)
        return links
    }

    /// The `webcal://` and `https://` addresses of the feed of `scope`, creating its token on first use (`rotate`
    /// replaces it); nil without `http:`.
    package func feedLinks(for scope: FeedScope, rotate: Bool = false, now: Date) async throws -> FeedLinks? {
        guard let settings else { return nil }
        return FeedLinks(token: try await ledger.feedToken(for: scope, rotate: rotate, now: now), settings: settings)
    }

    /// The `ack_url` of a webhook about `reminder`, or nil (no `http:`, or an escalation, which names several
    /// agencies and carries none).
    package func ackURL(for reminder: PlannedReminder, now: Date) async throws -> String? {
        guard reminder.kind != .escalation else { return nil }
        return try await link(agency: reminder.agency, occurrence: reminder.occurrence, now: now)
    }

    /// A working link for `agency` itself (`nhacviec link`, webhooks); nil without `http:`.
    package func link(agency: AgencyID, occurrence: Occurrence, now: Date) async throws -> String? {
        guard settings != nil else { return nil }
        let (token, url) = grant(agency: agency, issuedTo: agency, occurrence: occurrence, now: now)
        try await ledger.insertTokens([token])
        return url
    }

    /// A fresh token for `agency`'s part of `occurrence`, sent to `issuedTo`, and its link (nil without `http:`).
    private func grant(
        agency: AgencyID, issuedTo: AgencyID, occurrence: Occurrence, now: Date
    )
        -> (IssuedToken, String?)
    {
        let token = AccessToken.generate(.acknowledge)
        let grant = IssuedToken(
            token: token, agency: agency, issuedTo: issuedTo, occurrence: occurrence, createdAt: now,
            expiresAt: TokenExpiry.expiry(sentAt: now, due: occurrence.due, localTime: localTime))
        return (grant, settings.map { AcknowledgementLinks.url(for: token, settings: $0) })
    }
}
