import Crypto
package import Foundation

/// Whose deadlines a subscribed calendar carries: one agency's, or the whole province's (for the supervising office).
package enum FeedScope: Sendable, Hashable, CustomStringConvertible {
    case agency(AgencyID)
    case province

    /// How the ledger names the scope: the agency id, or `*` (never an agency id, which has no `*`).
    package var key: String {
        switch self {
        case .agency(let agency): agency.rawValue
        case .province: "*"
        }
    }

    package init(key: String) {
        self = key == "*" ? .province : .agency(AgencyID(key))
    }

    package var description: String {
        switch self {
        case .agency(let agency): "agency \(agency)"
        case .province: "the whole province"
        }
    }
}

/// What the ledger remembers of one event a feed has published, so that the next render can tell subscribed
/// calendars what changed (SEQUENCE, LAST-MODIFIED) and keep a withdrawn deadline visible as cancelled.
package struct PublishedEvent: Sendable, Equatable {
    package var uid: String
    /// The effective due date last published.
    package var date: CivilDate
    /// The summary last published (shown again, cancelled, when the occurrence disappears).
    package var summary: String
    /// A digest of everything a calendar shows of the event: a change of any of it is a new revision.
    package var fingerprint: String
    package var sequence: Int
    package var modifiedAt: Date
    /// When the occurrence left the plan; the event is published as `STATUS:CANCELLED` for 30 days after.
    package var cancelledAt: Date?

    package init(
        uid: String, date: CivilDate, summary: String, fingerprint: String, sequence: Int, modifiedAt: Date,
        cancelledAt: Date?
    ) {
        self.uid = uid
        self.date = date
        self.summary = summary
        self.fingerprint = fingerprint
        self.sequence = sequence
        self.modifiedAt = modifiedAt
        self.cancelledAt = cancelledAt
    }
}

/// A subscribed calendar of deadlines (`/cal/{token}.ics`): the occurrences from 60 days back to 400 days ahead as
/// all-day events with the UIDs of `upcoming --format ics`, done ones marked "✓", withdrawn ones cancelled for 30
/// days, and a revision that grows whenever what a calendar shows of an event changes. Pure: the caller reads the
/// occurrences, reports and published events, and stores ``Publication/changed`` and ``Publication/removed``.
package struct CalendarFeed: Sendable {
    package static let daysBack = 60
    package static let daysAhead = 400
    /// How long a withdrawn deadline stays in the feed as cancelled, so every subscribed calendar sees it go.
    package static let cancelledKept: TimeInterval = 30 * 86_400
    /// How often clients should fetch the feed again.
    package static let refreshInterval = "PT6H"

    /// The occurrences a feed shows on `today` (in the configured zone).
    package static func window(today: CivilDate) -> ClosedRange<CivilDate> {
        today.adding(days: -daysBack)...today.adding(days: daysAhead)
    }

    package let scope: FeedScope
    package let configuration: Configuration

    package init(scope: FeedScope, configuration: Configuration) {
        self.scope = scope
        self.configuration = configuration
    }

    /// The feed's title in the calendar list: "Hạn nhiệm vụ – Sở Tư pháp", or "– toàn tỉnh".
    package var name: String {
        switch scope {
        case .agency(let agency): "Hạn nhiệm vụ – " + configuration.directory.name(of: .agency(agency))
        case .province: "Hạn nhiệm vụ – toàn tỉnh"
        }
    }

    /// The agencies whose milestones the feed shows, as `Schedule.Filter` takes them (nil: all).
    package var agencies: Set<AgencyID>? {
        switch scope {
        case .agency(let agency): [agency]
        case .province: nil
        }
    }

    /// What one render publishes and what the ledger must remember of it.
    package struct Publication: Sendable {
        /// The calendar to serve.
        package var calendar: ICalendar
        /// Events new or revised by this render (to insert or replace in the ledger).
        package var changed: [PublishedEvent]
        /// UIDs the ledger may forget: out of the window, or cancelled for longer than 30 days.
        package var removed: [String]

        /// Whether this render changed what the ledger remembers (most renders do not, and need no write).
        package var changesLedger: Bool { !changed.isEmpty || !removed.isEmpty }
    }

    /// - Parameters:
    ///   - occurrences: the scope's occurrences in ``window(today:)``.
    ///   - acknowledged: the reports on those occurrences, by occurrence key.
    ///   - published: what earlier renders published, by UID.
    ///   - now: the instant of this render (the LAST-MODIFIED of what it changes).
    package func publication(
        occurrences: [Occurrence], acknowledged: [String: [Acknowledgement]], published: [String: PublishedEvent],
        today: CivilDate, now: Date
    ) -> Publication {
        let window = Self.window(today: today)
        var changed: [PublishedEvent] = []
        var removed: [String] = []
        var events: [ICalendar.Event] = []
        var current: Set<String> = []
        for occurrence in occurrences {
            guard var event = OccurrenceListing.event(occurrence, directory: configuration.directory) else { continue }
            if isDone(occurrence, reports: acknowledged[occurrence.key] ?? []) { event.summary = "✓ " + event.summary }
            let fingerprint = Self.fingerprint(event)
            var record =
                published[event.uid]
                ?? PublishedEvent(
                    uid: event.uid, date: event.date, summary: event.summary, fingerprint: fingerprint, sequence: 0,
                    modifiedAt: now, cancelledAt: nil)
            if published[event.uid] == nil {
                changed.append(record)
            } else if record.fingerprint != fingerprint || record.cancelledAt != nil {
                record.date = event.date
                record.summary = event.summary
                record.fingerprint = fingerprint
                record.sequence += 1
                record.modifiedAt = now
                record.cancelledAt = nil
                changed.append(record)
            }
            current.insert(event.uid)
            event.revision = Self.revision(record)
            events.append(event)
        }
        for uid in published.keys.sorted() where !current.contains(uid) {
            guard var record = published[uid] else { continue }
            if !window.contains(record.date) {
                removed.append(uid)
                continue
            }
            if record.cancelledAt == nil {
                record.cancelledAt = now
                record.sequence += 1
                record.modifiedAt = now
                changed.append(record)
            }
            if let cancelledAt = record.cancelledAt, now.timeIntervalSince(cancelledAt) >= Self.cancelledKept {
                removed.append(uid)
                continue
            }
            events.append(
                ICalendar.Event(
                    uid: uid, date: record.date, summary: record.summary,
                    description: "Mốc này không còn trong kế hoạch (đã bỏ hoặc đổi ngày).",
                    revision: Self.revision(record)))
        }
        let calendar = ICalendar(
            name: name, events: events, stamp: ICalendar.utc(now), refreshInterval: Self.refreshInterval)
        return Publication(calendar: calendar, changed: changed, removed: removed)
    }

    /// Done for an agency's feed: that agency reported; for the province: every assigned agency did.
    private func isDone(_ occurrence: Occurrence, reports: [Acknowledgement]) -> Bool {
        let reported = Set(reports.map(\.agency))
        switch scope {
        case .agency(let agency): return reported.contains(agency)
        case .province:
            return !occurrence.milestone.assignees.isEmpty
                && occurrence.milestone.assignees.allSatisfy(reported.contains)
        }
    }

    private static func revision(_ record: PublishedEvent) -> ICalendar.Revision {
        ICalendar.Revision(
            sequence: record.sequence, modified: ICalendar.utc(record.modifiedAt), cancelled: record.cancelledAt != nil)
    }

    /// SHA-256 over the date and the texts a calendar shows, in hex (16 digits are plenty to notice a change).
    static func fingerprint(_ event: ICalendar.Event) -> String {
        let shown = [
            event.date.iso8601, event.summary, event.description ?? "", event.categories.joined(separator: ","),
        ]
        return String(Hex.encode(SHA256.hash(data: Array(shown.joined(separator: "\u{1F}").utf8))).prefix(16))
    }

    /// A strong ETag of the rendered bytes: equal bodies, equal tags.
    package static func etag(of body: String) -> String {
        "\"" + String(Hex.encode(SHA256.hash(data: Array(body.utf8))).prefix(32)) + "\""
    }
}
