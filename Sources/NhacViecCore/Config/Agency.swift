/// An office that receives reminders: a department, the provincial office, a commune.
package struct Agency: Sendable, Hashable {
    package var id: AgencyID
    package var name: String
    /// Validated plain addresses (`so-tu-phap@gialai.example`).
    package var emails: [String]
    /// An `https://` (or loopback `http://`) URL that receives signed JSON webhooks.
    package var webhook: String?
    package var groups: [GroupID]
    package var location: SourceLocation?

    package init(
        id: AgencyID, name: String, emails: [String] = [], webhook: String? = nil, groups: [GroupID] = [],
        location: SourceLocation? = nil
    ) {
        self.id = id
        self.name = name
        self.emails = emails
        self.webhook = webhook
        self.groups = groups
        self.location = location
    }
}

/// A named set of agencies ("Các sở, ban, ngành tỉnh") that plans assign work to as a whole.
package struct AgencyGroup: Sendable, Hashable {
    package var id: GroupID
    package var name: String
    package var location: SourceLocation?

    package init(id: GroupID, name: String, location: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.location = location
    }
}

/// A reference from a plan to an agency or to a group of agencies.
package enum AgencyReference: Sendable, Hashable, CustomStringConvertible {
    case agency(AgencyID)
    case group(GroupID)

    package var description: String {
        switch self {
        case .agency(let id): id.rawValue
        case .group(let id): id.rawValue
        }
    }
}
