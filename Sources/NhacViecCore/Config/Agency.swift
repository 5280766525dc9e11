/// An office that receives reminders: a department, the provincial office, a commune.
public struct Agency: Sendable, Hashable {
    public var id: AgencyID
    public var name: String
    /// Validated plain addresses (`so-tu-phap@gialai.example`).
    public var emails: [String]
    /// An `https://` (or loopback `http://`) URL that receives signed JSON webhooks.
    public var webhook: String?
    public var groups: [GroupID]
    public var location: SourceLocation?

    public init(
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
public struct AgencyGroup: Sendable, Hashable {
    public var id: GroupID
    public var name: String
    public var location: SourceLocation?

    public init(id: GroupID, name: String, location: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.location = location
    }
}

/// A reference from a plan to an agency or to a group of agencies.
public enum AgencyReference: Sendable, Hashable, CustomStringConvertible {
    case agency(AgencyID)
    case group(GroupID)

    public var description: String {
        switch self {
        case .agency(let id): id.rawValue
        case .group(let id): id.rawValue
        }
    }
}
