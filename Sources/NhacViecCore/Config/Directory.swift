/// The agency directory: every agency and group, and the expansion of groups into their members.
package struct Directory: Sendable {
    package private(set) var agencies: [AgencyID: Agency]
    package private(set) var groups: [GroupID: AgencyGroup]
    private var members: [GroupID: [AgencyID]]

    package init(agencies: [Agency], groups: [AgencyGroup]) {
        self.agencies = Dictionary(agencies.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.groups = Dictionary(groups.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var members: [GroupID: [AgencyID]] = [:]
        for agency in agencies {
            for group in agency.groups { members[group, default: []].append(agency.id) }
        }
        self.members = members.mapValues { $0.sorted() }
    }

    /// The agencies of a group, sorted by id.
    package func members(of group: GroupID) -> [AgencyID] {
        members[group] ?? []
    }

    /// The distinct agencies the references name, groups expanded, sorted by id.
    package func expand(_ references: [AgencyReference]) -> [AgencyID] {
        var result = Set<AgencyID>()
        for reference in references {
            switch reference {
            case .agency(let id): result.insert(id)
            case .group(let id): result.formUnion(members(of: id))
            }
        }
        return result.sorted()
    }

    /// The display name of an agency or group reference.
    package func name(of reference: AgencyReference) -> String {
        switch reference {
        case .agency(let id): agencies[id]?.name ?? id.rawValue
        case .group(let id): groups[id]?.name ?? id.rawValue
        }
    }
}
